"""GET /v1/ops: the op table as clients see it; and broken expressions over HTTP."""

from __future__ import annotations

import torch
from fastapi.testclient import TestClient

from engine.ops import OPS
from service.app import create_app


def test_every_op_is_listed_with_arity_attribute_schema_differentiability_and_doc():
    with TestClient(create_app()) as c:
        r = c.get("/v1/ops")
    assert r.status_code == 200
    ops = {o["name"]: o for o in r.json()["ops"]}
    assert sorted(ops) == sorted(OPS)
    total = ops["sum"]
    assert total["arity"] == 1 and total["differentiable"] is True and total["doc"]
    assert set(total["attrs"]["properties"]) == {"dim", "keepdim", "dtype"}
    assert total["attrs"]["additionalProperties"] is False
    assert ops["eq"]["differentiable"] is False and ops["argmax"]["differentiable"] is False
    assert ops["cat"]["variadic"] == "list"
    assert ops["linear"]["arity"] == 2 and ops["linear"]["optional"] == 1
    assert [p["name"] for p in ops["linear"]["params"]] == ["input", "weight", "bias"]
    assert ops["reshape"]["gather"] == "shape" and ops["sum"]["gather"] is None
    assert ops["mse_loss"]["attrs"]["properties"]["reduction"]["enum"] == ["mean", "sum", "none"]
    assert ops["gather"]["attrs"]["required"] == ["dim"]
    assert all(o["doc"] and isinstance(o["attrs"], dict) for o in ops.values())


def test_an_attribute_that_takes_a_tensor_says_so_in_its_schema_and_works_over_http(client):
    ops = {o["name"]: o for o in client.get("/v1/ops").json()["ops"]}
    schema = ops["clamp"]["attrs"]
    forms = schema["properties"]["min"]["anyOf"]
    refs = [schema["$defs"][f["$ref"].split("/")[-1]] for f in forms if "$ref" in f]
    assert refs and refs[0]["properties"] == {"tensor": {"title": "Tensor", "type": "integer"}}
    assert not any("$ref" in f for f in ops["clamp"]["attrs"]["properties"].get("dim", {}).get("anyOf", []))
    x, lo, hi = [-2.0, 0.5, 3.0], [0.0, 1.0, 0.0], 2.5
    inputs = {"x": {"data": x}, "lo": {"data": lo}}
    node = {"id": "y", "op": "clamp", "inputs": ["x", "lo"], "attrs": {"min": {"tensor": 0}}}
    r = client.post("/v1/evaluate", json={"graph": {"nodes": [node], "outputs": ["y"]}, "inputs": inputs})
    assert r.status_code == 200, r.text
    assert r.json()["outputs"]["y"]["data"] == torch.clamp(torch.tensor(x), torch.tensor(lo)).tolist()
    node["attrs"] = {"min": {"tensor": 0}, "max": hi}  # torch takes a number beside a tensor only if it is 0-dim
    r = client.post("/v1/evaluate", json={"graph": {"nodes": [node], "outputs": ["y"]}, "inputs": inputs})
    assert r.status_code == 422 and r.json()["type"] == "/problems/computation-failed"
    assert r.json()["detail"].startswith("node 'y' (clamp)")
    node["attrs"] = {"min": {"tensor": 1}}
    r = client.post("/v1/evaluate", json={"graph": {"nodes": [node], "outputs": ["y"]}, "inputs": inputs})
    assert r.status_code == 422 and r.json()["type"] == "/problems/invalid-graph"
    assert r.json()["detail"].startswith("node 'y' (clamp): attribute 'min': {'tensor': 1}")
