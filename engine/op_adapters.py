"""Small adapters for the op table, only where torch's call shape differs from a row.

None of them differentiates anything: each calls torch and lets autograd record what it did.
Ops that make tensors from nothing take the evaluation context ``ctx`` (device, default
dtype) in place of torch's global default dtype and device.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F

from engine.errors import InvalidTensor
from engine.tensors import decode

if TYPE_CHECKING:
    from engine.opspec import EvalContext


# --- constants -------------------------------------------------------------------------------


def _scalar_dtype(ctx: EvalContext, *values: Any) -> torch.dtype:
    """torch's rule for a Python scalar: bool stays bool, ints are int64, floats the default dtype."""
    if all(isinstance(v, bool) for v in values):
        return torch.bool
    if all(isinstance(v, int) for v in values):
        return torch.int64
    return ctx.dtype


def const(*, ctx: EvalContext, value: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
    if dtype is None:
        dtype = _scalar_dtype(ctx, value) if isinstance(value, (bool, int, float)) else ctx.dtype
    try:
        return decode(value, dtype=dtype).to(ctx.device)
    except InvalidTensor as e:  # refused as torch.tensor refuses it: the evaluator names the node
        raise ValueError(e.detail) from None


def zeros(*, ctx: EvalContext, size: list[int], dtype: torch.dtype | None = None) -> torch.Tensor:
    return torch.zeros(size, dtype=dtype or ctx.dtype, device=ctx.device)


def ones(*, ctx: EvalContext, size: list[int], dtype: torch.dtype | None = None) -> torch.Tensor:
    return torch.ones(size, dtype=dtype or ctx.dtype, device=ctx.device)


def full(*, ctx: EvalContext, size: list[int], fill_value: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
    return torch.full(size, fill_value, dtype=dtype or _scalar_dtype(ctx, fill_value), device=ctx.device)


def arange(
    *, ctx: EvalContext, start: Any = None, end: Any = None, step: Any = 1, dtype: torch.dtype | None = None
) -> torch.Tensor:
    # torch.arange(5) means end=5: one positional number binds to `start` here, so it moves to `end`.
    if end is None:
        start, end = 0, start
    if start is None:
        start = 0
    if end is None:
        raise ValueError("arange needs end, as arange(end) or arange(start, end, step)")
    return torch.arange(start, end, step, dtype=dtype or _scalar_dtype(ctx, start, end, step), device=ctx.device)


def linspace(
    *, ctx: EvalContext, start: float, end: float, steps: int, dtype: torch.dtype | None = None
) -> torch.Tensor:
    return torch.linspace(start, end, steps, dtype=dtype or ctx.dtype, device=ctx.device)


def eye(*, ctx: EvalContext, n: int, m: int | None = None, dtype: torch.dtype | None = None) -> torch.Tensor:
    return torch.eye(n, n if m is None else m, dtype=dtype or ctx.dtype, device=ctx.device)


# --- autograd and indexing -------------------------------------------------------------------


def grad(y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # Judgement call: an output that does not depend on x (or no longer requires grad, as the
    # derivative of a linear function does) has derivative zero, where torch would raise.
    if not y.requires_grad:
        return torch.zeros_like(x)
    (g,) = torch.autograd.grad(y, x, create_graph=True, allow_unused=True, materialize_grads=True)
    return g


def _index_key(index: list[Any], tensors: tuple[torch.Tensor, ...]) -> tuple[Any, ...]:
    key: list[Any] = []
    for item in index:
        if item == "...":
            key.append(Ellipsis)
        elif isinstance(item, dict) and "slice" in item:
            key.append(slice(*item["slice"]))
        elif isinstance(item, dict):
            k = item["tensor"]
            if not 0 <= k < len(tensors):
                raise ValueError(f"index item {{'tensor': {k}}} names input {k + 1} of {len(tensors)} index tensors")
            key.append(tensors[k])
        else:
            key.append(item)
    return tuple(key)


def index(x: Any, *tensors: torch.Tensor, index: list[Any]) -> Any:
    """``x[...]``; a tuple value (from split, sort, max with dim...) is indexed by one int or slice."""
    key = _index_key(index, tensors)
    if isinstance(x, tuple):
        if len(key) != 1 or not isinstance(key[0], (int, slice)):
            raise ValueError(f"a tuple of {len(x)} values is indexed by one int or slice, like [0]")
        picked = tuple(x)[key[0]]
        return tuple(picked) if isinstance(picked, tuple) else picked
    return x[key]


# --- shape ops that exist as Tensor methods only ---------------------------------------------


def view(input: torch.Tensor, shape: list[int]) -> torch.Tensor:
    return input.view(shape)


def expand(input: torch.Tensor, size: list[int]) -> torch.Tensor:
    return input.expand(size)


def repeat(input: torch.Tensor, repeats: list[int]) -> torch.Tensor:
    return input.repeat(repeats)


def to(input: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    return input.to(dtype)


# --- nn functional ---------------------------------------------------------------------------


def batch_norm(
    input: torch.Tensor,
    running_mean: torch.Tensor | None = None,
    running_var: torch.Tensor | None = None,
    weight: torch.Tensor | None = None,
    bias: torch.Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> torch.Tensor:
    """F.batch_norm; in training mode the running statistics it updates are copies (engine/ops.py says why)."""
    if training:
        running_mean = None if running_mean is None else running_mean.clone()
        running_var = None if running_var is None else running_var.clone()
    return F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def dropout(input: torch.Tensor, p: float = 0.5, training: bool = True, *, seed: int = 0) -> torch.Tensor:
    # F.dropout takes no generator and draws from torch's global one, which would make a computed
    # variable change every time it is re-evaluated. The mask is drawn here the way F.dropout draws
    # it on the CPU (bernoulli_(1 - p), then scaled by 1 / (1 - p)) from a torch.Generator seeded with
    # `seed`: the same as `torch.manual_seed(seed); F.dropout(x, p)`, and the same mask on any device.
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return input
    if p == 1:
        return input * torch.zeros_like(input)
    if input.is_meta:  # the shape pass: the mask's shape is all it needs
        return input * torch.empty_like(input)
    generator = torch.Generator().manual_seed(seed)
    keep = torch.empty(input.shape, dtype=input.dtype).bernoulli_(1 - p, generator=generator).div_(1 - p)
    return input * keep.to(input.device)


# --- sizes: the elements an op whose size depends on its data will make, read off its real inputs --------


def one_hot_size(input: torch.Tensor, num_classes: int = -1) -> int:
    classes = num_classes if num_classes >= 0 else (int(input.max()) + 1 if input.numel() else 0)
    return input.numel() * max(classes, 0)


def masked_select_size(input: torch.Tensor, mask: torch.Tensor) -> int:
    return math.prod(torch.broadcast_shapes(input.shape, mask.shape))


def repeat_interleave_size(
    input: torch.Tensor, repeats: int | torch.Tensor, dim: int | None = None, output_size: int | None = None
) -> int:
    along = input.numel() if dim is None else input.shape[dim]
    rest = 1 if dim is None else input.numel() // max(along, 1)
    if isinstance(repeats, torch.Tensor):
        count = int(repeats.sum()) if repeats.numel() > 1 else along * int(repeats.reshape(()).item())
    else:
        count = along * repeats
    return max(count, 0) * rest
