"""OpenAPI shows the JSON graph, the form the service exists for, on every route that takes one,
and each of those examples runs as written."""

from __future__ import annotations

import pytest

from service.app import create_app
from service.core.config import Settings


def request_schema(spec: dict, op: dict) -> dict | None:
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return None
    ref = next(s["$ref"] for s in body["schema"].get("anyOf", [body["schema"]]) if "$ref" in s)
    return spec["components"]["schemas"][ref.split("/")[-1]]


def graph_routes() -> list[tuple[str, list[dict]]]:
    """(path, examples) for every operation whose body has a 'graph' field."""
    spec = create_app(Settings()).openapi()
    routes = []
    for path, item in spec["paths"].items():
        for op in item.values():
            schema = request_schema(spec, op)
            if schema and "graph" in schema.get("properties", {}):
                routes.append((path, schema.get("examples", [])))
    return routes


GRAPH_ROUTES = graph_routes()


def test_the_routes_that_take_a_graph_are_these():
    functional = ["jacobian", "hessian", "vjp", "jvp", "value_and_grad"]
    expected = {"/v1/evaluate", "/v1/sessions/{session_id}/compute"}
    expected |= {f"/v1/{k}" for k in functional} | {f"/v1/sessions/{{session_id}}/{k}" for k in functional}
    assert {path for path, _ in GRAPH_ROUTES} == expected


@pytest.mark.parametrize(("path", "examples"), GRAPH_ROUTES, ids=[p for p, _ in GRAPH_ROUTES])
def test_every_graph_route_has_a_graph_example_that_runs(api, path, examples):
    graphs = [e for e in examples if "graph" in e]
    assert graphs, f"{path} has no JSON-graph example"
    api.ok("PUT", "/variables/x", status=201, json={"data": [1.0, 2.0, 3.0], "requires_grad": True})
    api.ok("PUT", "/variables/w", status=201, json={"data": [0.5, -1.0, 2.0], "requires_grad": True})
    url = path.replace("{session_id}", api.id)
    for example in graphs:
        r = api.client.post(url, json=example, headers=api.auth)
        assert r.status_code == 200, (example, r.text)


def example(path: str) -> dict:
    return next(e for p, examples in GRAPH_ROUTES if p == path for e in examples if "graph" in e)


def test_the_graph_examples_give_torchs_numbers(api):
    api.ok("PUT", "/variables/x", status=201, json={"data": [1.0, 2.0, 3.0], "requires_grad": True})
    seed = api.ok("POST", "/compute", json=example("/v1/sessions/{session_id}/compute"))
    assert seed["variables"]["y"]["data"] == 6.0 and seed["grads"] == {"x": [1.0, 1.0, 1.0]}
    squares = api.client.post("/v1/evaluate", json=example("/v1/evaluate")).json()
    assert squares["outputs"]["y"]["data"] == 14.0 and squares["grads"] == {"x": [2.0, 4.0, 6.0]}
    cubes = api.client.post("/v1/hessian", json=example("/v1/hessian")).json()
    assert cubes["hessian"] == {"x": {"x": [[6.0, 0.0, 0.0], [0.0, 12.0, 0.0], [0.0, 0.0, 18.0]]}}
