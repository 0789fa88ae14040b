"""The session's other routes through the client: compute, grad, evaluate, step, listing, deletion."""

from __future__ import annotations

import pytest

from autograd_client import InvalidRequest, NotFound


def test_compute_defines_named_variables(session):
    session.variable([1.0, 2.0, 3.0], requires_grad=True, name="x")
    out = session.compute("a = x * x; y = a.sum()", backward="y")
    assert sorted(out) == ["a", "y"]
    assert out["y"].item() == 14.0
    assert session.get("x").grad == [2.0, 4.0, 6.0]


def test_grad_returns_one_gradient_per_input_without_accumulating(session):
    x = session.variable([1.0, 2.0], requires_grad=True, name="x")
    w = session.variable([3.0, 4.0], requires_grad=True, name="w")
    y = (x * w).sum()
    assert session.grad(y, [x, w]) == ([3.0, 4.0], [1.0, 2.0])
    assert session.grad([y], "x", grad_outputs=[2.0]) == ([6.0, 8.0],)
    assert x.grad is None


def test_backward_with_a_gradient_and_inputs(session):
    x = session.variable([1.0, 2.0], requires_grad=True, name="x")
    w = session.variable([3.0, 4.0], requires_grad=True, name="w")
    (x * w).backward(gradient=[1.0, 10.0], inputs=[x])
    assert x.grad == [3.0, 40.0]
    assert w.grad is None


def test_zero_grad_set_to_none(session):
    x = session.variable([1.0], requires_grad=True, name="x")
    x.sum().backward()
    assert session.zero_grad([x], set_to_none=True) == ["x"]
    assert x.grad is None


def test_evaluate_is_stateless(client, session):
    result = client.evaluate("y = (x * x).sum()", {"x": [1, 2, 3]}, requires_grad=["x"], backward="y")
    assert (result.outputs, result.grads) == ({"y": 14.0}, {"x": [2.0, 4.0, 6.0]})
    assert result.variables["y"]["grad_fn"] == "SumBackward0"
    assert session.evaluate("z = a - 1", {"a": [1.5]}).outputs == {"z": [0.5]}
    assert session.variables() == []


def test_listing_replacing_and_deleting(session):
    x = session.variable([1.0, 2.0], requires_grad=True, name="x")
    x.sum().backward()
    assert [v.name for v in session.variables()] == ["x", "_t1"]
    x2 = session.variable([5.0], requires_grad=True, name="x")
    assert (x2.shape, x2.grad) == ((1,), None)
    session.delete("_t1")
    x.delete()
    assert session.variables() == []
    with pytest.raises(NotFound):
        x.tolist()


def test_init_variables(session):
    assert session.variable(init="full", shape=[2], value=7.0).tolist() == [7.0, 7.0]
    a = session.variable(init="randn", shape=(3,), seed=0)
    b = session.variable(init="randn", shape=(3,), seed=0)
    assert a.tolist() == b.tolist()


def test_step_applies_sgd(session):
    w = session.variable([1.0, 2.0], requires_grad=True, name="w")
    (w * w).sum().backward()
    updated = session.step("sgd", lr=0.25, zero_grad=True)
    assert updated["w"].name == "w"
    assert w.tolist() == [0.5, 1.0]  # w - 0.25 * 2w
    assert w.grad == [0.0, 0.0]


def test_ops_of_another_session_are_refused(client, session):
    with client.session() as other:
        a = session.variable([1.0])
        b = other.variable([1.0])
        with pytest.raises(ValueError, match="another session"):
            a + b


def test_invalid_attribute_is_reported_by_the_server(session):
    with pytest.raises(InvalidRequest, match="keepdim"):
        session.variable([1.0]).sum(keepdim="yes")
