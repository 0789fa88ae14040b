"""OpenAPI shows every call that takes a graph in both of its forms, by name (``expression`` and
``JSON graph``, where Swagger UI and ReDoc offer examples), and each runs as written on a real server."""

from __future__ import annotations

import httpx
import pytest

from service.app import create_app
from service.core.config import Settings

NAMES = {"expression", "JSON graph"}
SPEC = create_app(Settings()).openapi()
PUT_X = SPEC["paths"]["/v1/sessions/{session_id}/variables/{name}"]["put"]


def request_schema(op: dict) -> dict | None:
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is None:
        return None
    ref = next(s["$ref"] for s in body["schema"].get("anyOf", [body["schema"]]) if "$ref" in s)
    return SPEC["components"]["schemas"][ref.split("/")[-1]]


def graph_operations() -> list[tuple[str, dict]]:
    """(path, operation) for every operation whose body has a 'graph' field."""
    return [
        (path, op)
        for path, item in SPEC["paths"].items()
        for op in item.values()
        if "graph" in (request_schema(op) or {}).get("properties", {})
    ]


GRAPH_OPERATIONS = graph_operations()
IDS = [path for path, _ in GRAPH_OPERATIONS]


def named_examples(op: dict) -> dict[str, dict]:
    return op["requestBody"]["content"]["application/json"].get("examples", {})


def test_the_operations_that_take_a_graph_are_these():
    functional = ["jacobian", "hessian", "vjp", "jvp", "value_and_grad"]
    expected = {"/v1/evaluate", "/v1/sessions/{session_id}/compute"}
    expected |= {f"/v1/{k}" for k in functional} | {f"/v1/sessions/{{session_id}}/{k}" for k in functional}
    assert set(IDS) == expected and len(IDS) == len(expected)


@pytest.mark.parametrize(("path", "op"), GRAPH_OPERATIONS, ids=IDS)
def test_each_has_an_expression_and_a_json_graph_example_by_name(path, op):
    examples = named_examples(op)
    assert set(examples) == NAMES, path
    assert all(e["summary"] and e["value"] for e in examples.values())
    assert "expr" in examples["expression"]["value"] and "graph" not in examples["expression"]["value"]
    assert "graph" in examples["JSON graph"]["value"] and "expr" not in examples["JSON graph"]["value"]
    schema = request_schema(op)
    assert schema is not None and schema["examples"] == [e["value"] for e in examples.values()]


def session_for(server: str, path: str) -> tuple[str, dict[str, str]]:
    """A fresh session with the leaf the examples name: the PUT route's own example, as x."""
    if "{session_id}" not in path:
        return path, {}
    made = httpx.post(f"{server}/v1/sessions", json={}).json()
    auth = {"Authorization": f"Bearer {made['token']}"}
    leaf = PUT_X["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    body = SPEC["components"]["schemas"][leaf]["examples"][0]
    put = httpx.put(f"{server}/v1/sessions/{made['id']}/variables/x", json=body, headers=auth)
    assert put.status_code == 201, put.text
    return path.replace("{session_id}", made["id"]), auth


@pytest.mark.parametrize(("path", "op"), GRAPH_OPERATIONS, ids=IDS)
def test_each_example_runs_on_a_real_server_and_both_forms_answer_alike(live_server, path, op):
    answers = {}
    for name, example in named_examples(op).items():
        url, auth = session_for(live_server.url, path)
        answer = httpx.post(f"{live_server.url}{url}", json=example["value"], headers=auth)
        assert answer.is_success, (path, name, answer.text)
        answers[name] = answer.json()
    assert answers["expression"] == answers["JSON graph"], path


def value(path: str, name: str = "JSON graph") -> dict:
    op = next(op for p, op in GRAPH_OPERATIONS if p == path)
    return named_examples(op)[name]["value"]


def test_the_graph_examples_give_torchs_numbers(live_server):
    url, auth = session_for(live_server.url, "/v1/sessions/{session_id}/compute")
    seed = httpx.post(f"{live_server.url}{url}", json=value("/v1/sessions/{session_id}/compute"), headers=auth).json()
    assert seed["variables"]["y"]["data"] == 4.0 and seed["grads"] == {"x": [[1.0, 1.0], [1.0, 1.0]]}
    squares = httpx.post(f"{live_server.url}/v1/evaluate", json=value("/v1/evaluate")).json()
    assert squares["outputs"]["y"]["data"] == 14.0 and squares["grads"] == {"x": [2.0, 4.0, 6.0]}
    cubes = httpx.post(f"{live_server.url}/v1/hessian", json=value("/v1/hessian")).json()
    assert cubes["hessian"] == {"x": {"x": [[6.0, 0.0, 0.0], [0.0, 12.0, 0.0], [0.0, 0.0, 18.0]]}}
