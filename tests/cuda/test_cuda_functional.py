"""torch.func, optimizer steps and the debugging aids on a GPU session. Runs only where CUDA is."""

import pytest
import torch

import engine
from engine import Session, functional, introspect, optim, parse_expression
from engine.errors import AnomalyDetected

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")

EXPR = "h = tanh(x @ w); y = (h * h).mean()"


def session(device: str) -> Session:
    s = Session(torch.device(device), torch.float64)
    gen = torch.Generator().manual_seed(0)
    engine.put(s, "x", torch.randn(4, 3, generator=gen, dtype=torch.float64), requires_grad=True)
    engine.put(s, "w", torch.randn(3, 2, generator=gen, dtype=torch.float64), requires_grad=True)
    engine.compute(s, parse_expression(EXPR))
    return s


def test_functional_derivatives_on_the_gpu_match_the_cpu():
    cpu, gpu = session("cpu"), session("cuda")
    for name, got in functional.jacobian(gpu, "h", ["x", "w"], mode="fwd").items():
        assert got.device.type == "cuda"
        torch.testing.assert_close(got.cpu(), functional.jacobian(cpu, "h", ["x", "w"])[name])
    torch.testing.assert_close(
        functional.hessian(gpu, "y", ["w"])["w"]["w"].cpu(), functional.hessian(cpu, "y", ["w"])["w"]["w"]
    )
    value, tangent = functional.jvp(gpu, "y", {"w": torch.ones(3, 2, dtype=torch.float64).tolist()})
    assert value.device.type == tangent.device.type == "cuda"
    assert engine.gradcheck(gpu, "y") == (True, None)


def test_adam_on_the_gpu_equals_torch_optim_on_the_gpu():
    s = session("cuda")
    x, w = (engine.get(s, n).value.detach().clone().requires_grad_() for n in ("x", "w"))
    opt = torch.optim.Adam([w, x], lr=0.01)  # leaves go in by name
    for _ in range(3):
        engine.backward(s, "y")
        optim.step(s, {"type": "adam", "lr": 0.01}, zero_grad=True)
        h = torch.tanh(x @ w)
        (h * h).mean().backward()
        opt.step()
        opt.zero_grad(set_to_none=False)
    torch.testing.assert_close(engine.get(s, "w").value, w, rtol=0, atol=1e-12)


def test_anomaly_and_the_graph_on_the_gpu():
    s = Session(torch.device("cuda"))
    engine.put(s, "x", [0.0, 1.0], requires_grad=True)
    engine.compute(s, parse_expression("y = (sqrt(x) * 0).sum()"))
    with pytest.raises(AnomalyDetected, match="SqrtBackward0"):
        engine.backward(s, "y", anomaly=True)
    assert [n["name"] for n in introspect.graph_json(s, "y")["nodes"]] == [
        "y",
        "SumBackward0",
        "MulBackward0",
        "SqrtBackward0",
        "x",
    ]
