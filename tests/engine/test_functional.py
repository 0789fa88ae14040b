"""Functional derivatives of session variables, exactly as torch.func computes them in float64."""

import pytest
import torch
from torch.func import grad_and_value, hessian, jacfwd, jacrev, jvp, vjp

import engine
from engine import Session, functional, parse_expression
from engine.errors import ComputeError, InvalidRequest, LimitExceeded, UnknownVariable
from engine.session import Limits

X = [0.5, -1.0, 2.0]
W = [1.5, 0.25, -3.0]


def t(values):
    return torch.tensor(values, dtype=torch.float64)


def h_of(x, w):  # the same torch calls as the expression "h = sin(x) * w; y = (h * h).sum()"
    return torch.sin(x) * w


def y_of(x, w):
    h = h_of(x, w)
    return (h * h).sum()


@pytest.fixture
def s():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", X, requires_grad=True)
    engine.put(s, "w", W, requires_grad=True)
    engine.compute(s, parse_expression("h = sin(x) * w; y = (h * h).sum()"))
    return s


def exact(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)


@pytest.mark.parametrize("mode, transform", [("rev", jacrev), ("fwd", jacfwd)])
def test_jacobian_matches_torch_func_in_both_modes(s, mode, transform):
    got = functional.jacobian(s, "h", ["x", "w"], mode=mode)
    jx, jw = transform(h_of, argnums=(0, 1))(t(X), t(W))
    assert list(got) == ["x", "w"] and exact(got["x"], jx) and exact(got["w"], jw)
    assert got["x"].shape == (3, 3)


def test_jacobian_by_hand():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0])
    engine.compute(s, parse_expression("h = x * x"))
    assert functional.jacobian(s, "h", ["x"])["x"].tolist() == [[2.0, 0.0], [0.0, 4.0]]


def test_hessian_blocks_match_torch_func(s):
    got = functional.hessian(s, "y", ["x", "w"])
    want = hessian(y_of, argnums=(0, 1))(t(X), t(W))
    for i, a in enumerate(["x", "w"]):
        for j, b in enumerate(["x", "w"]):
            assert exact(got[a][b], want[i][j])


def test_vjp_matches_torch_func(s):
    cotangent = [1.0, -2.0, 0.5]
    value, got = functional.vjp(s, "h", ["w"], cotangent)
    out, back = vjp(lambda w: h_of(t(X), w), t(W))
    assert exact(value, out) and exact(got["w"], back(t(cotangent))[0])


def test_jvp_matches_torch_func(s):
    value, got = functional.jvp(s, "y", {"x": [1.0, 0.0, -1.0], "w": [0.0, 2.0, 0.0]})
    out, tangent = jvp(y_of, (t(X), t(W)), (t([1.0, 0.0, -1.0]), t([0.0, 2.0, 0.0])))
    assert exact(value, out) and exact(got, tangent)


def test_value_and_grad_matches_torch_func(s):
    value, got = functional.value_and_grad(s, "y", ["x", "w"])
    (gx, gw), out = grad_and_value(y_of, argnums=(0, 1))(t(X), t(W))
    assert exact(value, out) and exact(got["x"], gx) and exact(got["w"], gw)


def test_nothing_accumulates_and_nothing_is_defined(s):
    before = {n: engine.get(s, n).value.clone() for n in ("x", "w")}
    functional.value_and_grad(s, "y", ["x"])
    functional.jacobian(s, "q", ["x"], graph=parse_expression("q = x * w"))
    assert engine.get(s, "x").grad is None and engine.get(s, "w").grad is None
    assert s.names() == ["x", "w", "h", "y"]
    assert all(torch.equal(engine.get(s, n).value, v) for n, v in before.items())


def test_an_inline_graph_is_differentiated_over_the_session_leaves(s):
    got = functional.jacobian(s, "q", ["w"], graph=parse_expression("q = h * 2"))  # h inlined
    assert exact(got["w"], jacrev(lambda w: h_of(t(X), w) * 2)(t(W)))


def test_a_leaf_output_has_the_identity_jacobian(s):
    assert functional.jacobian(s, "x", ["x", "w"])["x"].tolist() == torch.eye(3).tolist()


def test_grad_op_inside_differentiates_in_reverse_mode():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.compute(s, parse_expression("y = (x ** 4).sum(); d = grad(y, x); z = (d * d).sum()"))
    value, g = functional.value_and_grad(s, "z", ["x"])  # z = sum(16 x^6)
    assert value.item() == 16 + 16 * 64 and g["x"].tolist() == [96.0, 96.0 * 32]
    assert functional.hessian(s, "z", ["x"])["x"]["x"].tolist() == [[480.0, 0.0], [0.0, 480.0 * 16]]
    with pytest.raises(InvalidRequest, match="node 'd' \\(grad\\)"):
        functional.jvp(s, "z", {"x": [1.0, 0.0]})
    with pytest.raises(InvalidRequest, match="mode 'fwd'"):
        functional.jacobian(s, "z", ["x"], mode="fwd")


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda s: functional.hessian(s, "h", ["x"]), InvalidRequest, "'h' has shape \\[3\\]; hessian needs a scalar"),
        (lambda s: functional.value_and_grad(s, "h", ["x"]), InvalidRequest, "value_and_grad needs a scalar"),
        (lambda s: functional.vjp(s, "h", ["x"], [1.0]), InvalidRequest, "'cotangent' has shape \\[1\\]"),
        (lambda s: functional.jvp(s, "h", {"x": [1.0, 2.0]}), InvalidRequest, "'tangents.x' has shape \\[2\\]"),
        (lambda s: functional.jacobian(s, "h", ["h"]), InvalidRequest, "'wrt' names 'h', a computed variable"),
        (lambda s: functional.jacobian(s, "h", ["nope"]), UnknownVariable, "'wrt': no variable 'nope'"),
        (lambda s: functional.jacobian(s, "h", ["i"]), InvalidRequest, "'i', which is int64"),
        (lambda s: functional.jacobian(s, "h", []), InvalidRequest, "'wrt' must name at least one leaf"),
        (lambda s: functional.jacobian(s, "nope", ["x"]), UnknownVariable, "'output': no variable 'nope'"),
        (lambda s: functional.jacobian(s, "h", ["x"], mode="up"), InvalidRequest, "'mode' must be"),
        (lambda s: functional.jacobian(s, "b", ["x"]), ComputeError, "'b' is bool; derivatives need"),
        (
            lambda s: functional.jacobian(s, "z", ["x"], graph=parse_expression("q = x * 2")),
            InvalidRequest,
            "'output' names 'z', which is not an output of this graph",
        ),
    ],
)
def test_bad_requests_name_the_field_and_change_nothing(s, call, error, message):
    engine.put(s, "i", [1, 2, 3], dtype="int64")
    engine.compute(s, parse_expression("b = x > 0"))
    with pytest.raises(error, match=message):
        call(s)
    assert s.names() == ["x", "w", "i", "h", "y", "b"] and engine.get(s, "x").grad is None


def test_answers_are_sized_against_the_element_limit():
    s = Session(dtype=torch.float64, limits=Limits(max_tensor_elements=100))
    engine.put(s, "x", [0.0] * 20)
    engine.compute(s, parse_expression("h = x * 2"))
    with pytest.raises(LimitExceeded, match="jacobian of 'h' with respect to 'x' would have 400 elements"):
        functional.jacobian(s, "h", ["x"])
