"""PyTorch's own OpInfo samples, run through the engine, for the ops whose arguments take a tensor (or
None) where a number once was the only form: each sample written as a client would write the call,
sent through JSON, validated, shape-checked on the meta device and run in float64; its value, every
gradient and gradcheck must be torch's. Every sample must be expressible: none is skipped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
import torch
from torch.testing._internal.common_methods_invocations import op_db

from engine.expr import parse_expression
from engine.graph import compile_graph, graph_from_json, run
from engine.opspec import EvalContext
from engine.shapes import infer
from engine.tensors import DTYPE_NAMES

# The session's default dtype stands for torch's: a sample that names no dtype gets torch's default.
CTX = EvalContext(dtype=torch.get_default_dtype())
# OpInfo name -> the engine's op; an alias (clip) runs its OpInfo's samples through the alias.
OPS = {
    "clamp": "clamp",
    "clip": "clip",
    "masked_fill": "masked_fill",
    "narrow": "narrow",
    "repeat_interleave": "repeat_interleave",
    "linspace": "linspace",
    "nn.functional.adaptive_avg_pool2d": "adaptive_avg_pool2d",
    "nn.functional.batch_norm": "batch_norm",
}


def infos(name: str) -> list[tuple[Callable[..., Any], Any]]:
    """(torch's callable, OpInfo) for every variant of ``name``, aliases included."""
    found = [(o.op, o) for o in op_db if o.name == name]
    found += [(a.op, o) for o in op_db for a in o.aliases if a.name == name]
    return found


def literal(value: Any, leaves: dict[str, torch.Tensor]) -> str:
    """The argument as expression text; a tensor becomes a leaf of its own."""
    if isinstance(value, torch.Tensor):
        leaves[f"t{len(leaves)}"] = value
        return f"t{len(leaves) - 1}"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, torch.dtype):
        return repr(DTYPE_NAMES[value])
    if isinstance(value, (list, tuple)):
        return f"[{', '.join(literal(v, leaves) for v in value)}]"
    assert value is None or isinstance(value, (bool, int, float, str)), f"{type(value).__name__} argument"
    return repr(value)


def expression(op: str, sample: Any) -> tuple[str, dict[str, torch.Tensor]]:
    leaves: dict[str, torch.Tensor] = {}
    args = [literal(a, leaves) for a in (sample.input, *sample.args)]
    assert sample.kwargs.get("device", "cpu") == "cpu"  # the session's device stands for it
    args += [f"{k}={literal(v, leaves)}" for k, v in sample.kwargs.items() if k != "device"]
    return f"out = {op}({', '.join(args)})", leaves


def fresh(leaves: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {n: t.detach().clone().requires_grad_(t.requires_grad) for n, t in leaves.items()}


def through_json(text: str, leaves: dict[str, torch.Tensor]) -> Any:
    """The expression's graph as a client would send it in JSON, validated against the leaves."""
    graph = parse_expression(text)
    nodes = [{"id": n.id, "op": n.op, "inputs": list(n.inputs), "attrs": dict(n.attrs)} for n in graph.nodes]
    return compile_graph(graph_from_json(json.loads(json.dumps({"nodes": nodes, "outputs": ["out"]}))), leaves)


def torch_call(fn: Callable[..., Any], sample: Any, leaves: dict[str, torch.Tensor]) -> Any:
    """torch's own call on the sample, its tensors replaced by ``leaves`` (named in the same order)."""
    tensors = iter(leaves.values())

    def arg(value: Any) -> Any:
        return next(tensors) if isinstance(value, torch.Tensor) else value

    positional = [arg(v) for v in (sample.input, *sample.args)]
    return fn(*positional, **{k: arg(v) for k, v in sample.kwargs.items()})


def cotangent(out: torch.Tensor) -> torch.Tensor:
    return torch.linspace(-1, 2, out.numel(), dtype=out.dtype).reshape(out.shape)


def check(op: str, ref_fn: Callable[..., Any], sample: Any) -> None:
    text, leaves = expression(op, sample)
    compiled = through_json(text, leaves)
    mine_leaves, ref_leaves = fresh(leaves), fresh(leaves)
    infer(compiled, mine_leaves, CTX)
    mine = run(compiled, mine_leaves, CTX)["out"]
    ref = torch_call(ref_fn, sample, ref_leaves)

    assert (mine.dtype, mine.shape, mine.requires_grad) == (ref.dtype, ref.shape, ref.requires_grad), text
    torch.testing.assert_close(mine, ref, rtol=0, atol=0, equal_nan=True, msg=text)
    names = [n for n, t in leaves.items() if t.requires_grad]
    if not ref.requires_grad or not names:
        return
    mine, ref = sample.output_process_fn_grad(mine), sample.output_process_fn_grad(ref)
    got = torch.autograd.grad(mine, [mine_leaves[n] for n in names], cotangent(mine), allow_unused=True)
    want = torch.autograd.grad(ref, [ref_leaves[n] for n in names], cotangent(ref), allow_unused=True)
    for n, g, w in zip(names, got, want, strict=True):
        assert (g is None) == (w is None), f"{text}: gradient of {n}"
        if g is not None:
            torch.testing.assert_close(g, w, rtol=0, atol=0, msg=f"{text}: gradient of {n}")
    fixed = {n: t for n, t in leaves.items() if n not in names}

    def fn(*xs: torch.Tensor) -> torch.Tensor:
        return run(compiled, {**fixed, **dict(zip(names, xs, strict=True))}, CTX)["out"]

    assert torch.autograd.gradcheck(fn, tuple(fresh({n: leaves[n] for n in names}).values()), fast_mode=True), text


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_opinfo_sample_matches_torch(name: str) -> None:
    count = 0
    for ref_fn, info in infos(name):
        for sample in info.sample_inputs("cpu", torch.float64, requires_grad=info.supports_autograd):
            check(OPS[name], ref_fn, sample)
            count += 1
    assert count >= 5, f"{name}: only {count} OpInfo samples"
