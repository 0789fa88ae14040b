"""The session semantics that matter most, with hand-computed numbers."""

import pytest
import torch

import engine
from engine import Session, parse_expression
from engine.errors import ComputeError, InvalidGraph, InvalidRequest, InvalidTensor, LimitExceeded, UnknownVariable
from engine.session import Limits


def compute(s: Session, expr: str, **kw):
    return engine.compute(s, parse_expression(expr), **kw)


def grads(d):
    return {k: v.tolist() for k, v in d.items()}


def test_seed_accumulates_until_zeroed():
    s = Session()
    engine.put(s, "x", [[1, 1], [1, 1]], requires_grad=True)
    outputs, _ = compute(s, "y = x.sum()")
    assert outputs["y"].value.item() == 4.0 and outputs["y"].grad_fn == "SumBackward0"
    for k in (1, 2, 3):
        assert grads(engine.backward(s, "y")) == {"x": [[k, k], [k, k]]}
    assert engine.zero_grad(s, ["x"]) == ["x"]
    assert engine.get(s, "x").grad.tolist() == [[0, 0], [0, 0]]
    engine.backward(s, "y")
    assert engine.get(s, "x").grad.tolist() == [[1, 1], [1, 1]]


def test_backward_with_a_seed_gradient():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = x * x")
    assert grads(engine.backward(s, "y", gradient=[1.0, 10.0])) == {"x": [2.0, 40.0]}


def test_grad_returns_without_accumulating_and_backward_accumulates():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = (x * x).sum()")
    assert grads(engine.grad(s, ["y"], ["x"])) == {"x": [2.0, 4.0]}
    assert engine.get(s, "x").grad is None
    engine.backward(s, "y")
    engine.backward(s, "y")
    assert engine.get(s, "x").grad.tolist() == [4.0, 8.0]
    assert grads(engine.grad(s, ["y"], ["x"])) == {"x": [2.0, 4.0]}


def test_repeated_backward_follows_a_replaced_leaf():
    s = Session()
    engine.put(s, "x", [1.0, 2.0, 3.0], requires_grad=True)
    compute(s, "y = (x ** 2).sum()")
    assert grads(engine.backward(s, "y")) == {"x": [2.0, 4.0, 6.0]}
    _, created = engine.put(s, "x", [0.0, 1.0, 1.0], requires_grad=True)
    assert created is False and engine.get(s, "x").grad is None
    assert engine.get(s, "y").value.item() == 2.0
    assert grads(engine.backward(s, "y")) == {"x": [0.0, 2.0, 2.0]}
    assert grads(engine.backward(s, "y")) == {"x": [0.0, 4.0, 4.0]}


def test_grad_as_an_op_to_third_order():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", 2.0, requires_grad=True)
    outputs, g = compute(s, "y = x ** 4; d1 = grad(y, x); d2 = grad(d1, x); d3 = grad(d2, x)", backward="d3")
    assert [outputs[n].value.item() for n in ("y", "d1", "d2", "d3")] == [16.0, 32.0, 48.0, 48.0]
    assert g["x"].item() == 24.0  # backward from d3 = 24x accumulates the fourth derivative


def test_broadcasting_gradients_reduce_to_the_leaf_shapes():
    s = Session()
    engine.put(s, "a", [[1.0], [2.0], [3.0]], requires_grad=True)  # (3, 1)
    engine.put(s, "b", [[10.0, 20.0, 30.0, 40.0]], requires_grad=True)  # (1, 4)
    outputs, g = compute(s, "y = (a + b).sum(); z = (a * b).sum()", backward="y")
    assert outputs["y"].value.item() == 4 * (1 + 2 + 3) + 3 * (10 + 20 + 30 + 40)
    assert grads(g) == {"a": [[4.0], [4.0], [4.0]], "b": [[3.0, 3.0, 3.0, 3.0]]}
    engine.zero_grad(s)
    assert grads(engine.backward(s, "z")) == {"a": [[100.0], [100.0], [100.0]], "b": [[6.0, 6.0, 6.0, 6.0]]}


def test_computed_variables_read_other_computed_variables():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = x * 3")
    compute(s, "z = (y * y).sum()")
    assert engine.get(s, "z").value.item() == 45.0
    assert grads(engine.backward(s, "z")) == {"x": [18.0, 36.0]}
    compute(s, "y = x * 0")  # redefining y later leaves z as it was defined
    assert engine.get(s, "z").value.item() == 45.0


def test_a_failed_backward_changes_nothing():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = x * 3")
    with pytest.raises(ComputeError, match="scalar"):
        engine.backward(s, "y")
    with pytest.raises(ComputeError, match="shape"):
        engine.backward(s, "y", gradient=[1.0, 2.0, 3.0])
    assert engine.get(s, "x").grad is None


def test_a_failed_compute_defines_nothing():
    s = Session()
    engine.put(s, "a", [1.0, 2.0, 3.0], requires_grad=True)
    engine.put(s, "b", [1.0, 2.0])
    with pytest.raises(ComputeError, match="size"):
        compute(s, "ok = a * 2; bad = a + b")
    with pytest.raises(InvalidRequest):
        compute(s, "ok = a * 2; y = ok.sum()", backward="missing")
    assert s.names() == ["a", "b"]
    assert engine.get(s, "a").grad is None


def test_a_backward_in_compute_that_fails_defines_nothing():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    with pytest.raises(ComputeError, match="scalar"):
        compute(s, "y = x * 2", backward="y")
    assert s.names() == ["x"] and engine.get(s, "x").grad is None


def test_backward_inputs_restricts_which_leaves_accumulate():
    s = Session()
    engine.put(s, "a", [1.0], requires_grad=True)
    engine.put(s, "b", [2.0], requires_grad=True)
    compute(s, "y = (a * b).sum()")
    assert grads(engine.backward(s, "y", inputs=["b"])) == {"b": [1.0]}
    assert engine.get(s, "a").grad is None


def test_only_floating_leaves_require_grad():
    s = Session()
    with pytest.raises(InvalidTensor, match="floating"):
        engine.put(s, "i", [1, 2], dtype="int64", requires_grad=True)
    assert s.names() == []


def test_inits_are_seeded_and_sized_before_allocation():
    s = Session(limits=Limits(max_tensor_elements=100))
    a, _ = engine.put(s, "a", init="randn", shape=[3], seed=7)
    b, _ = engine.put(s, "b", init="randn", shape=[3], seed=7)
    assert a.value.tolist() == b.value.tolist() == torch.randn(3, generator=torch.Generator().manual_seed(7)).tolist()
    assert engine.put(s, "f", init="full", shape=[2], value=2.5)[0].value.tolist() == [2.5, 2.5]
    with pytest.raises(LimitExceeded, match="100"):
        engine.put(s, "big", init="zeros", shape=[1000, 1000, 1000])


def test_zero_grad_set_to_none_and_unknown_names():
    s = Session()
    engine.put(s, "a", [1.0], requires_grad=True)
    engine.put(s, "c", [1.0])
    compute(s, "y = (a * 2).sum()")
    engine.backward(s, "y")
    assert engine.zero_grad(s, set_to_none=True) == ["a"]
    assert engine.get(s, "a").grad is None
    with pytest.raises(UnknownVariable):
        engine.zero_grad(s, ["nope"])
    with pytest.raises(InvalidRequest, match="requires_grad"):
        engine.zero_grad(s, ["c"])


def test_outputs_cannot_replace_leaves_and_deleted_leaves_are_reported():
    s = Session()
    engine.put(s, "x", [1.0])
    with pytest.raises(InvalidGraph, match="leaf"):
        compute(s, "x = x * 2")
    compute(s, "y = x * 2")
    engine.delete(s, "x")
    with pytest.raises(InvalidRequest, match="'x'"):
        engine.get(s, "y")
    with pytest.raises(UnknownVariable):
        engine.delete(s, "x")


def test_nbytes_counts_leaves_grads_and_optimizer_state():
    from engine import optim

    s = Session()
    engine.put(s, "w", [1.0] * 10, requires_grad=True)  # 40 bytes
    compute(s, "y = (w * w).sum()")
    engine.backward(s, "y")  # a 40-byte grad
    assert s.nbytes() == 80
    optim.step(s, {"type": "adam", "lr": 0.1})  # two 40-byte moments and a 4-byte step count
    assert s.nbytes() == 164


def test_number_constants_pick_torchs_scalar_overloads_and_grad_fns():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    outputs, _ = compute(s, "p = x ** 2; q = 2 ** x; r = x ** x; m = x * 3")
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    for name, expected in {"p": x**2, "q": 2**x, "r": x**x, "m": x * 3}.items():
        assert outputs[name].grad_fn == type(expected.grad_fn).__name__  # PowBackward0, PowBackward2, ...
        assert outputs[name].value.tolist() == expected.tolist()


def test_grad_with_respect_to_computed_variables_as_torch_takes_non_leaf_inputs():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.compute(s, parse_expression("a = x * 3; y = (a * a).sum()"))
    engine.compute(s, parse_expression("b = a + 1; w = (b * a).sum()"))  # a inlined into w through b
    assert engine.grad(s, ["y"], ["a"])["a"].tolist() == [6.0, 12.0]  # 2a
    assert engine.grad(s, ["w"], ["a"])["a"].tolist() == [7.0, 13.0]  # 2a + 1
    both = engine.grad(s, ["y", "w"], ["a", "x"])
    assert both["a"].tolist() == [13.0, 25.0] and both["x"].tolist() == [39.0, 75.0]
    assert s.leaves["x"].grad is None


def test_an_unused_grad_input_is_an_error_unless_allowed():
    s = Session(dtype=torch.float64)
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.put(s, "u", [5.0], requires_grad=True)
    engine.compute(s, parse_expression("y = (x * x).sum()"))
    with pytest.raises(ComputeError, match="'u' not used to compute 'y'"):
        engine.grad(s, ["y"], ["x", "u"])
    assert engine.grad(s, ["y"], ["x", "u"], allow_unused=True)["u"] is None
    assert engine.grad(s, ["y"], ["u"], materialize_grads=True)["u"].tolist() == [0.0]
    with pytest.raises(InvalidRequest, match="allow_unused"):
        engine.grad(s, ["y"], ["u"], allow_unused=False, materialize_grads=True)


def test_is_leaf_follows_torch_every_tensor_that_does_not_require_grad_is_a_leaf():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.put(s, "m", [1.0, 2.0])
    outs, _ = engine.compute(s, parse_expression("y = x * 2; c = cos(m); d = x.detach()"))
    assert [outs[n].is_leaf for n in ("y", "c", "d")] == [False, True, True]
    engine.compute(s, parse_expression("z = x * 2"), grad_mode="no_grad")
    assert engine.get(s, "z").is_leaf and not engine.get(s, "y").is_leaf and engine.get(s, "x").is_leaf


def test_batch_norm_in_training_never_changes_the_running_statistics_it_is_given():
    s = Session(dtype=torch.float64)
    x = torch.rand(4, 3, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    engine.put_tensor(s, "x", x.clone(), requires_grad=True)
    engine.put(s, "mean", [0.5, -1.0, 2.0], dtype="float64")
    engine.put(s, "var", [1.0, 2.0, 3.0], dtype="float64")
    before = {n: (s.leaves[n].clone(), s.leaves[n]._version) for n in ("mean", "var")}
    outputs, _ = compute(s, "y = batch_norm(x, mean, var, training=True, momentum=0.5).sum()", backward="y")
    engine.backward(s, "y")
    engine.get(s, "y")
    for n, (value, version) in before.items():
        assert torch.equal(s.leaves[n], value) and s.leaves[n]._version == version, n
    ref_x, mean, var = x.clone().requires_grad_(), before["mean"][0].clone(), before["var"][0].clone()
    ref = torch.nn.functional.batch_norm(ref_x, mean, var, training=True, momentum=0.5).sum()
    ref.backward()
    assert not torch.equal(mean, before["mean"][0])  # torch itself updates them, in place
    assert torch.equal(outputs["y"].value, ref.detach())
    torch.testing.assert_close(engine.get(s, "x").grad, 2 * ref_x.grad, rtol=0, atol=0)
