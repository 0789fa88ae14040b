"""Numbers and views that once made a 5xx: each is a 4xx naming what is wrong, or simply works."""

from __future__ import annotations

import base64

import numpy as np
import pytest
import torch


def problem(r, status: int, kind: str) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json" and r.json()["type"] == f"/problems/{kind}"
    detail: str = r.json()["detail"]
    return detail


@pytest.mark.parametrize(
    "body",
    [
        {"expr": f"f = full((2, 2), {2**70})"},
        {
            "graph": {
                "nodes": [{"id": "f", "op": "full", "attrs": {"size": [2, 2], "fill_value": 2**70}}],
                "outputs": ["f"],
            }
        },
    ],
)
def test_full_with_a_fill_value_past_int64_is_a_422_naming_node_and_attribute(api, body):
    detail = problem(api.call("POST", "/compute", json=body), 422, "computation-failed")
    assert detail.startswith(f"node 'f' (full): attribute 'fill_value': {2**70} is outside int64")
    assert api.call("GET", "/variables/f").status_code == 404


@pytest.mark.parametrize(
    ("body", "node"),
    [
        ({"expr": f"y = x + {2**63}"}, "%0"),
        ({"graph": {"nodes": [{"id": "k", "op": "const", "attrs": {"value": 2**63}}], "outputs": ["k"]}}, "k"),
    ],
)
def test_an_integer_literal_no_dtype_holds_is_a_422_naming_the_node_every_time(api, body, node):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    for _ in range(2):
        detail = problem(api.call("POST", "/compute", json=body), 422, "computation-failed")
        assert detail.startswith(f"node '{node}' (const): attribute 'value': {2**63} is outside int64")
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["x"]


def test_a_float_constant_holding_an_integer_past_int64_is_kept_and_written(api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0]})
    api.ok("POST", "/compute", json={"expr": f"y = x + const([{2**63}, {2**64}], dtype='float64')"})
    want = (torch.tensor([1.0, 2.0]) + torch.tensor([2**63, 2**64], dtype=torch.float64)).tolist()
    assert api.ok("GET", "/variables/y")["data"] == want
    api.ok("POST", "/compute", json={"expr": "z = y * 2"})  # the session is written again with it


@pytest.mark.parametrize(
    ("expr", "ref"),
    [
        ("d = diagonal(x, offset=2)", lambda x: x.diagonal(offset=2)),
        ("d = x[0:1, 2]", lambda x: x[0:1, 2]),
        ("d = x[2:3, 1:2]", lambda x: x[2:3, 1:2]),
        ("d = x.t()[1:2, 4]", lambda x: x.t()[1:2, 4]),
    ],
)
def test_b64_of_a_one_element_strided_view_is_its_element(api, expr, ref):
    x = torch.arange(15.0).reshape(5, 3)
    api.ok("PUT", "/variables/x", 201, json={"data": x.tolist()})
    api.ok("POST", "/compute", json={"expr": expr})
    body = api.ok("GET", "/variables/d?encoding=b64")["data"]
    got = np.frombuffer(base64.b64decode(body["b64"]), dtype=np.float32).reshape(body["shape"])
    assert body["dtype"] == "float32" and got.tolist() == ref(x).tolist()


def test_b64_of_a_one_element_broadcast_gradient_is_its_element(api):
    api.ok("PUT", "/variables/x", 201, json={"data": [3.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "s = x.sum() * 2", "backward": "s"})
    body = api.ok("GET", "/variables/x?encoding=b64")["grad"]
    assert body["shape"] == [1] and np.frombuffer(base64.b64decode(body["b64"]), dtype=np.float32).tolist() == [2.0]
