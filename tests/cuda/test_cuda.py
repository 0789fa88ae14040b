"""A session on a GPU gives the numbers a session on the CPU gives. Runs only where CUDA is."""

import pytest
import torch

from engine import Session, parse_expression

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")

EXPR = "h = tanh(x @ w); y = (h * h).mean() + sigmoid(x).sum(); d = grad(y, x)"


def run(device: str):
    s = Session(torch.device(device), torch.float64)
    gen = torch.Generator().manual_seed(0)
    s.put("x", torch.randn(8, 16, generator=gen, dtype=torch.float64), requires_grad=True)
    s.put("w", torch.randn(16, 4, generator=gen, dtype=torch.float64), requires_grad=True)
    outputs, grads = s.compute(parse_expression(EXPR), backward="y")
    return outputs, grads, s


def test_cuda_session_matches_cpu():
    cpu_out, cpu_grads, _ = run("cpu")
    gpu_out, gpu_grads, gpu = run("cuda")
    assert gpu_out["y"].value.device.type == "cuda" and gpu.get("x").grad.device.type == "cuda"
    for name in cpu_out:
        torch.testing.assert_close(gpu_out[name].value.cpu(), cpu_out[name].value)
    for name in cpu_grads:
        torch.testing.assert_close(gpu_grads[name].cpu(), cpu_grads[name])


def test_auto_picks_the_gpu_and_accumulates_there():
    from engine import resolve_device

    s = Session(resolve_device("auto"))
    assert s.device.type == "cuda"
    s.put("x", [[1.0, 1.0], [1.0, 1.0]], requires_grad=True)
    s.compute(parse_expression("y = x.sum()"))
    s.backward("y")
    s.backward("y")
    assert s.get("x").grad.cpu().tolist() == [[2.0, 2.0], [2.0, 2.0]]
