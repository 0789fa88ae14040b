"""GET /v1/ops: the op table as clients see it; and broken expressions over HTTP."""

from __future__ import annotations

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


def test_broken_expressions_are_422_and_the_server_stays_healthy():
    deep = "y = " + "(" * 5000 + "x" + ")" * 5000
    with TestClient(create_app()) as c:
        for expr in ("y = x.__class__", "y = [t for t in x]", "y = 'x'", deep[:9_990], "y = x[" + "0][" * 3000 + "0]"):
            r = c.post("/v1/evaluate", json={"expr": expr, "inputs": {"x": {"data": [1.0]}}})
            assert r.status_code == 422, r.text
            assert r.headers["content-type"].startswith("application/problem+json")
            assert r.json()["errors"][0]["line"] == 1
        assert c.get("/healthz").status_code == 200
        r = c.post("/v1/evaluate", json={"expr": "y = x.sum() * 2", "inputs": {"x": {"data": [1.0, 2.0]}}})
        assert r.json()["outputs"]["y"]["data"] == 6.0


def test_a_shape_error_names_the_node_and_op():
    with TestClient(create_app()) as c:
        inputs = {"a": {"data": [[1.0, 2.0]]}, "b": {"data": [[1.0, 2.0]]}}
        r = c.post("/v1/evaluate", json={"expr": "h = a @ b", "inputs": inputs})
    assert r.status_code == 422
    assert r.json()["detail"].startswith("node 'h' (matmul) on inputs of size [1, 2] float32, [1, 2] float32: ")


def test_the_catalogue_says_which_op_each_python_operator_is(client):
    operators = client.get("/v1/ops").json()["operators"]
    assert operators["and"] == "bitwise_and" and operators["matmul"] == "matmul" and operators["truediv"] == "div"
