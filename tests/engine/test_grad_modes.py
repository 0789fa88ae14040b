"""retain_grad on computed variables, and no_grad definitions, against torch's own behaviour."""

import pytest
import torch

import engine
from engine import Session, parse_expression
from engine.errors import ComputeError, InvalidRequest


def compute(s, expr, **kw):
    return engine.compute(s, parse_expression(expr), **kw)


def session():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0, 3.0], requires_grad=True)
    return s


def test_a_retained_grad_accumulates_like_torchs_and_zero_grad_clears_it():
    s = session()
    compute(s, "h = x * x; y = (h * 3).sum()", retain_grad=["h"])
    assert engine.get(s, "h").grad is None
    engine.backward(s, "y")
    engine.backward(s, "y")
    x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
    h = x * x
    h.retain_grad()
    (h * 3).sum().backward(retain_graph=True)
    (h * 3).sum().backward()
    assert engine.get(s, "h").grad.tolist() == h.grad.tolist() == [6.0, 6.0, 6.0]
    assert engine.zero_grad(s) == ["x", "h"] and engine.get(s, "h").grad.tolist() == [0.0, 0.0, 0.0]
    assert engine.zero_grad(s, ["h"], set_to_none=True) == ["h"] and engine.get(s, "h").grad is None


def test_a_retained_variable_read_by_a_later_definition_and_in_the_same_call():
    s = session()
    compute(s, "h = x * x", retain_grad=["h"])
    compute(s, "z = (h * h).sum()")  # h inlined: dz/dh = 2h
    engine.backward(s, "z")
    assert engine.get(s, "h").grad.tolist() == [2.0, 8.0, 18.0]
    _, grads = compute(s, "g = x * 2; q = (g * h).sum()", retain_grad=["g"], backward="q")
    assert engine.get(s, "g").grad.tolist() == [1.0, 4.0, 9.0] and engine.get(s, "h").grad.tolist() == [4.0, 12.0, 24.0]
    assert grads["x"].tolist() == [4.0 + 6.0, 32.0 + 24.0, 108.0 + 54.0]  # 4x^3 from z, then 6x^2 from q


def test_backward_with_inputs_fills_only_those_and_redefining_drops_the_retained_grad():
    s = session()
    compute(s, "h = x * 2; y = h.sum()", retain_grad=["h"])
    engine.backward(s, "y", inputs=["x"])
    assert engine.get(s, "h").grad is None  # torch: with inputs=..., all other tensors are ignored
    engine.backward(s, "y")
    compute(s, "h = x * 3")
    assert "h" not in s.retained and engine.get(s, "h").grad is None


def test_retain_grad_is_checked_before_anything_changes():
    s = session()
    engine.put(s, "c", [1.0])
    compute(s, "h = x * 2", retain_grad=["h"])
    with pytest.raises(InvalidRequest, match="'retain_grad' names 'q', which is not an output"):
        compute(s, "k = x * 2", retain_grad=["q"])
    with pytest.raises(ComputeError, match="can't retain_grad on 'k'"):
        compute(s, "k = c * 2", retain_grad=["k"])
    with pytest.raises(ComputeError, match="scalar"):
        compute(s, "h = x * 5; k = h * 2", retain_grad=["k"], backward="k")
    assert s.names() == ["x", "c", "h"] and s.retained == {"h": None} and engine.get(s, "x").grad is None


def test_no_grad_values_carry_no_graph_then_or_later():
    s = session()
    outputs, _ = compute(s, "y = (x * x).sum()", grad_mode="no_grad")
    assert (outputs["y"].value.item(), outputs["y"].value.requires_grad, outputs["y"].grad_fn) == (14.0, False, None)
    assert engine.get(s, "y").value.requires_grad is False and engine.get(s, "y").grad_fn is None
    compute(s, "z = (x * y).sum()")  # y is a constant here, as a tensor made under torch.no_grad() is
    assert engine.backward(s, "z")["x"].tolist() == [14.0, 14.0, 14.0]


def test_no_grad_refuses_what_needs_a_graph():
    s = session()
    with pytest.raises(InvalidRequest, match="need grad_mode 'grad'"):
        compute(s, "y = x.sum()", grad_mode="no_grad", backward="y")
    with pytest.raises(InvalidRequest, match="node 'd' \\(grad\\) cannot run under grad_mode 'no_grad'"):
        compute(s, "y = x.sum(); d = grad(y, x)", grad_mode="no_grad")
    with pytest.raises(InvalidRequest, match="'grad_mode' must be 'grad' or 'no_grad'"):
        compute(s, "y = x.sum()", grad_mode="inference")
    assert s.names() == ["x"]
