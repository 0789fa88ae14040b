"""The OpenAPI document: every route listed, every body with an example, and the seed runs from them."""

import pytest
from fastapi.testclient import TestClient

from service.app import create_app

with TestClient(create_app()) as _c:
    SPEC = _c.get("/openapi.json").json()
OPERATIONS = [(m, p, op) for p, item in SPEC["paths"].items() for m, op in item.items()]


@pytest.mark.parametrize("method, path, op", OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_every_route_has_a_summary_a_description_and_body_examples(method, path, op):
    assert op.get("summary") and op.get("description"), f"{method} {path}"
    for media, content in op.get("requestBody", {}).get("content", {}).items():
        if media == "application/json":
            schema = next(s for s in content["schema"].get("anyOf", [content["schema"]]) if "$ref" in s)
            schema = SPEC["components"]["schemas"][schema["$ref"].split("/")[-1]]
            assert schema.get("examples") or content.get("examples"), f"{method} {path}"


def body_example(method, path):
    ref = SPEC["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    for option in ref.get("anyOf", [ref]):
        if "$ref" in option:
            return SPEC["components"]["schemas"][option["$ref"].split("/")[-1]]["examples"][0]
    raise AssertionError(path)


def test_the_documented_examples_are_the_seed_example_and_run_as_written(client):
    s = client.post("/v1/sessions", json={}).json()
    auth = {"Authorization": f"Bearer {s['token']}"}
    base = f"/v1/sessions/{s['id']}"
    put = body_example("put", "/v1/sessions/{session_id}/variables/{name}")
    assert client.put(f"{base}/variables/x", json=put, headers=auth).json()["data"] == [[1.0, 1.0], [1.0, 1.0]]
    compute = {k: v for k, v in body_example("post", "/v1/sessions/{session_id}/compute").items() if k != "backward"}
    assert client.post(f"{base}/compute", json=compute, headers=auth).json()["variables"]["y"]["data"] == 4.0
    backward = body_example("post", "/v1/sessions/{session_id}/backward")
    for k in (1, 2, 3):
        grads = client.post(f"{base}/backward", json=backward, headers=auth).json()["grads"]
        assert grads["x"] == [[k, k], [k, k]]
    zero = body_example("post", "/v1/sessions/{session_id}/zero_grad")
    assert client.post(f"{base}/zero_grad", json=zero, headers=auth).json() == {"zeroed": ["x"]}
