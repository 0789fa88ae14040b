"""Functional derivatives over HTTP, stateless and in a session, equal to torch.func in float64."""

import pytest
import torch
from torch.func import grad_and_value, hessian, jacfwd, jacrev, jvp, vjp

from tests.service.conftest import Api

X, W = [0.5, -1.0, 2.0], [1.5, 0.25, -3.0]
EXPR = "h = sin(x) * w; y = (h * h).sum()"


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def h_of(x, w):  # the torch calls behind EXPR
    return torch.sin(x) * w


def y_of(x, w):
    h = h_of(x, w)
    return (h * h).sum()


def jacobian_answer(transform):
    jx, jw = transform(h_of, argnums=(0, 1))(t(X), t(W))
    return {"jacobian": {"x": jx.tolist(), "w": jw.tolist()}}


def hessian_answer():
    rows = hessian(y_of, argnums=(0, 1))(t(X), t(W))
    return {"hessian": {a: {b: rows[i][j].tolist() for j, b in enumerate("xw")} for i, a in enumerate("xw")}}


def vjp_answer():
    value, back = vjp(lambda w: h_of(t(X), w), t(W))
    return {"output": value.tolist(), "vjp": {"w": back(t([1.0, -2.0, 0.5]))[0].tolist()}}


def jvp_answer():
    value, tangent = jvp(lambda x: y_of(x, t(W)), (t(X),), (t([1.0, 0.0, -1.0]),))
    return {"output": value.item(), "jvp": tangent.item()}


def value_and_grad_answer():
    (gx,), value = grad_and_value(y_of, argnums=(0,))(t(X), t(W))
    return {"output": value.item(), "grads": {"x": gx.tolist()}}


CASES = {
    "jacobian": ({"output": "h", "wrt": ["x", "w"]}, lambda: jacobian_answer(jacrev)),
    "jacobian fwd": ({"output": "h", "wrt": ["x", "w"], "mode": "fwd"}, lambda: jacobian_answer(jacfwd)),
    "hessian": ({"output": "y", "wrt": ["x", "w"]}, hessian_answer),
    "vjp": ({"output": "h", "wrt": ["w"], "cotangent": [1.0, -2.0, 0.5]}, vjp_answer),
    "jvp": ({"output": "y", "tangents": {"x": [1.0, 0.0, -1.0]}}, jvp_answer),
    "value_and_grad": ({"output": "y", "wrt": ["x"]}, value_and_grad_answer),
}


@pytest.fixture
def session(api: Api) -> Api:
    for name, data in (("x", X), ("w", W)):
        api.ok("PUT", f"/variables/{name}", 201, json={"data": data, "dtype": "float64", "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": EXPR})
    return api


@pytest.mark.parametrize("case", CASES)
def test_stateless(client, case):
    body, answer = CASES[case]
    inputs = {"x": {"data": X}, "w": {"data": W}}
    r = client.post(f"/v1/{case.split()[0]}", json={"expr": EXPR, "inputs": inputs, "dtype": "float64", **body})
    assert r.status_code == 200, r.text
    assert r.json() == answer()


@pytest.mark.parametrize("case", CASES)
def test_in_a_session_nothing_accumulates(session: Api, case):
    body, answer = CASES[case]
    assert session.ok("POST", f"/{case.split()[0]}", json=body) == answer()
    assert session.ok("GET", "/variables/x")["grad"] is None and session.ok("GET", "/variables/w")["grad"] is None


def test_an_inline_expression_in_a_session_defines_nothing(session: Api):
    got = session.ok("POST", "/jacobian", json={"expr": "q = h * 2", "output": "q", "wrt": ["w"]})
    assert got == {"jacobian": {"w": jacrev(lambda w: h_of(t(X), w) * 2)(t(W)).tolist()}}
    assert session.call("GET", "/variables/q").status_code == 404


def test_b64_answers(session: Api):
    got = session.ok("POST", "/jacobian?encoding=b64", json={"output": "h", "wrt": ["x"]})["jacobian"]["x"]
    assert got["dtype"] == "float64" and got["shape"] == [3, 3]


@pytest.mark.parametrize(
    "path, body, status, detail",
    [
        ("/hessian", {"output": "h", "wrt": ["x"]}, 422, "'h' has shape [3]; hessian needs a scalar (shape [])"),
        ("/vjp", {"output": "h", "wrt": ["x"], "cotangent": [1.0]}, 422, "'cotangent' has shape [1]"),
        ("/vjp", {"output": "h", "wrt": ["x"], "cotangent": None}, 422, "'cotangent': a tensor is a number"),
        ("/jacobian", {"output": "h", "wrt": ["nope"]}, 404, "'wrt': no variable 'nope' in this session"),
        ("/jacobian", {"output": "h", "wrt": []}, 422, "wrt: List should have at least 1 item"),
        ("/jacobian", {"output": "h"}, 422, "wrt: Field required"),
        ("/jvp", {"output": "h", "tangents": {}}, 422, "tangents: Dictionary should have at least 1 item"),
        (
            "/value_and_grad",
            {
                "output": "y",
                "wrt": ["x"],
                "expr": "a = x",
                "graph": {"nodes": [{"id": "a", "op": "neg"}], "outputs": ["a"]},
            },
            422,
            "at most one",
        ),
    ],
)
def test_session_errors_name_the_field(session: Api, path, body, status, detail):
    r = session.call("POST", path, json=body)
    assert r.status_code == status, r.text
    assert detail in r.json()["detail"]


def test_stateless_errors(client):
    r = client.post("/v1/jacobian", json={"inputs": {"x": {"data": X}}, "output": "h", "wrt": ["x"]})
    assert r.status_code == 422 and "exactly one of 'expr' or 'graph'" in r.json()["detail"]
    ints = {"x": {"data": [1, 2], "dtype": "int64"}}
    r = client.post("/v1/hessian", json={"expr": "y = x.sum()", "inputs": ints, "output": "y", "wrt": ["x"]})
    assert r.status_code == 422 and "'wrt' names 'x', which is int64" in r.json()["detail"]
    body = {"expr": "y = x * 2", "inputs": {"x": {"data": [1.0]}}, "output": "z", "tangents": {"x": 1}}
    r = client.post("/v1/jvp", json=body)
    assert r.status_code == 422
    assert r.json()["detail"] == "'output' names 'z', which is not an output of this graph (its outputs: y)"
