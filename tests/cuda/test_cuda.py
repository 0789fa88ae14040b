"""A session on a GPU gives the numbers a session on the CPU gives. Runs only where CUDA is."""

import pytest
import torch

import engine
from engine import Session, parse_expression

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")

EXPR = "h = tanh(x @ w); y = (h * h).mean() + sigmoid(x).sum(); d = grad(y, x)"


def run(device: str):
    s = Session(torch.device(device), torch.float64)
    gen = torch.Generator().manual_seed(0)
    engine.put(s, "x", torch.randn(8, 16, generator=gen, dtype=torch.float64), requires_grad=True)
    engine.put(s, "w", torch.randn(16, 4, generator=gen, dtype=torch.float64), requires_grad=True)
    outputs, grads = engine.compute(s, parse_expression(EXPR), backward="y")
    return outputs, grads, s


def test_cuda_session_matches_cpu():
    cpu_out, cpu_grads, _ = run("cpu")
    gpu_out, gpu_grads, gpu = run("cuda")
    assert gpu_out["y"].value.device.type == "cuda" and engine.get(gpu, "x").grad.device.type == "cuda"
    for name in cpu_out:
        torch.testing.assert_close(gpu_out[name].value.cpu(), cpu_out[name].value)
    for name in cpu_grads:
        torch.testing.assert_close(gpu_grads[name].cpu(), cpu_grads[name])


def test_auto_picks_the_gpu_and_accumulates_there():
    from engine import resolve_device

    s = Session(resolve_device("auto"))
    assert s.device.type == "cuda"
    engine.put(s, "x", [[1.0, 1.0], [1.0, 1.0]], requires_grad=True)
    engine.compute(s, parse_expression("y = x.sum()"))
    engine.backward(s, "y")
    engine.backward(s, "y")
    assert engine.get(s, "x").grad.cpu().tolist() == [[2.0, 2.0], [2.0, 2.0]]
