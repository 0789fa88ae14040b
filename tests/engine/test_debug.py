"""gradcheck in float64 on copies of the leaves, and anomaly mode forward and backward."""

import pytest
import torch

import engine
from engine import Session, parse_expression
from engine.errors import AnomalyDetected, InvalidRequest, LimitExceeded


def session(expr, dtype=torch.float32, **leaves):
    s = Session(dtype=dtype)
    for name, data in leaves.items():
        engine.put(s, name, data, requires_grad=True)
    engine.compute(s, parse_expression(expr))
    return s


def test_gradcheck_passes_in_float64_even_for_a_float32_session():
    s = session("y = (sin(x) * w).sum()", x=[0.1, 0.7, 1.3], w=[2.0, -1.0, 0.5])
    assert engine.gradcheck(s, "y") == (True, None)
    assert engine.get(s, "x").value.dtype == torch.float32 and engine.get(s, "x").grad is None


def test_gradcheck_reports_torchs_mismatch_at_a_kink():
    s = session("y = relu(x)", dtype=torch.float64, x=[0.0, 1.0])
    ok, detail = engine.gradcheck(s, "y", ["x"])
    assert ok is False and detail.startswith("Jacobian mismatch for output 0 with respect to input 0")
    assert "numerical:tensor([[0.5000, 0.0000]" in detail  # the finite difference straddles the kink
    assert engine.get(s, "x").value.tolist() == [0.0, 1.0]  # gradcheck perturbed copies only


def test_gradcheck_needs_a_leaf_and_is_bounded():
    s = session("y = c * 2", c=[1.0])
    engine.put(s, "c", [1.0])
    with pytest.raises(InvalidRequest, match="'y' reads no leaf with requires_grad"):
        engine.gradcheck(s, "y")
    with pytest.raises(InvalidRequest, match="'eps' must be positive"):
        engine.gradcheck(s, "y", ["c"], eps=0.0)
    with pytest.raises(LimitExceeded, match="the limit is 0 of each"):
        engine.gradcheck(s, "y", ["c"], max_elements=0)


def test_anomaly_in_compute_names_the_first_node_with_a_non_finite_value():
    s = Session()
    engine.put(s, "x", [1.0, 0.0], requires_grad=True)
    with pytest.raises(AnomalyDetected, match=r"^anomaly: node 'a' \(log\) produced -Infinity$"):
        engine.compute(s, parse_expression("a = log(x); b = a * 0; y = b.sum()"), anomaly=True)
    assert s.names() == ["x"]
    engine.put(s, "n", [float("nan")])
    with pytest.raises(AnomalyDetected, match="produced NaN; its input\\(s\\) 'n' already held non-finite values"):
        engine.compute(s, parse_expression("z = x + n"), anomaly=True)
    engine.compute(s, parse_expression("a = log(x); y = a.sum()"))  # without the flag, -inf is a value like any other


def test_anomaly_in_backward_reports_what_torch_detect_anomaly_reports():
    s = Session()
    engine.put(s, "x", [0.0, 1.0], requires_grad=True)
    engine.compute(s, parse_expression("y = (sqrt(x) * 0).sum()"))
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    # torch's own anomaly mode warns twice: that it is on, and with the forward traceback of the NaN
    with (
        pytest.warns(UserWarning, match="Anomaly Detection has been enabled"),
        pytest.warns(UserWarning, match="Error detected in SqrtBackward0"),
        torch.autograd.detect_anomaly(),
        pytest.raises(RuntimeError) as torch_error,
    ):
        (torch.sqrt(x) * 0).sum().backward()
    with pytest.raises(AnomalyDetected) as ours:
        engine.backward(s, "y", anomaly=True)
    assert ours.value.detail == str(torch_error.value)
    assert ours.value.detail == "Function 'SqrtBackward0' returned nan values in its 0th output."
    assert engine.get(s, "x").grad is None and not torch.is_anomaly_enabled()
    with pytest.raises(AnomalyDetected, match="SqrtBackward0"):
        engine.compute(s, parse_expression("z = (sqrt(x) * 0).sum()"), backward="z", anomaly=True)
    assert engine.get(s, "x").grad is None and "z" not in s.names()
    assert torch.isnan(engine.backward(s, "y")["x"][0])  # without the flag, NaN is a gradient like any other
