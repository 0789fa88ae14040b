"""The shape pass: a compiled graph run on torch's ``meta`` device before any real data is touched.

Meta tensors carry shape, dtype and ``requires_grad`` but no storage, and torch's meta kernels
make the same checks as the real ones. So ``infer`` finds shape and dtype errors up front, as a
ComputeError naming the node, the op, its input shapes and torch's reason, and tells the size of
every node's value before it exists (``Info.nbytes``), for limits to act on; with
``max_elements`` a node that would make a larger tensor is refused (LimitExceeded) before any
op makes it, so ``zeros(10**6, 10**6)`` costs nothing.

Where a value cannot be known without data (``masked_select``, a bool-mask index, ``one_hot``
with ``num_classes=-1``) or an op has no meta kernel, that node and every node after it that
reads it are left unknown (``Info.known`` is False); the real run still checks them.

Each node also gets an estimate of its floating-point work (``Info.flops``, ``estimate``):
contractions (matrix products, convolutions, attention) from their shapes, everything else as
the elements it reads and writes. ``charge`` hands those to the call's budget (engine/budget.py)
before anything runs.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import torch

from engine import budget
from engine.errors import EngineError, LimitExceeded
from engine.graph import TORCH_ERRORS, Compiled, check_outputs, node_error, node_inputs, plain_numbers
from engine.ops import OPS
from engine.opspec import EvalContext
from engine.tensors import dtype_name

META = torch.device("meta")


@dataclass(frozen=True)
class Info:
    """What a node's value will be; a tuple value has ``parts``, an unknown one has only Nones."""

    shape: tuple[int, ...] | None = None
    dtype: torch.dtype | None = None
    nbytes: int | None = None
    parts: tuple[Info, ...] = ()
    flops: float = 0.0

    @property
    def known(self) -> bool:
        return self.nbytes is not None

    @property
    def largest(self) -> int:
        """Elements in the largest tensor of the value (0 when unknown)."""
        if self.parts:
            return max(p.largest for p in self.parts)
        return math.prod(self.shape) if self.shape is not None else 0


UNKNOWN = Info()


def info_of(value: Any) -> Info:
    if isinstance(value, torch.Tensor):
        return Info(tuple(value.shape), value.dtype, value.numel() * value.element_size())
    if isinstance(value, tuple):
        parts = tuple(info_of(v) for v in value)
        known = all(p.known for p in parts)
        return Info(nbytes=sum(p.nbytes or 0 for p in parts) if known else None, parts=parts)
    return UNKNOWN


# Ops whose work is 2·(output elements)·(the contracted length), that length read from the first input.
CONTRACT_LAST = frozenset({"matmul", "mm", "bmm", "mv", "dot", "linear"})
CUBIC = frozenset({"det", "logdet", "slogdet", "inverse"})


def _numel(v: Any) -> int:
    if isinstance(v, torch.Tensor):
        return v.numel()
    if isinstance(v, tuple):
        return sum(_numel(p) for p in v)
    return 0


def estimate(op: str, args: list[Any], value: Any) -> float:
    """The node's floating-point work, roughly."""
    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    out = _numel(value)
    moved = float(sum(t.numel() for t in tensors) + out)
    if op in CONTRACT_LAST and tensors and tensors[0].dim() > 0:
        return max(moved, 2.0 * out * tensors[0].shape[-1])
    if op in ("conv1d", "conv2d") and len(tensors) >= 2 and tensors[1].dim() >= 3:
        return 2.0 * out * tensors[1].shape[1] * math.prod(tensors[1].shape[2:])
    if op in ("tensordot", "einsum", "bilinear", "cdist") and len(tensors) >= 2 and out:
        contracted = math.sqrt(tensors[0].numel() * tensors[1].numel() / out)
        return max(moved, 2.0 * out * max(contracted, 1.0))
    if op == "scaled_dot_product_attention" and len(tensors) >= 2 and tensors[1].dim() >= 2:
        return 4.0 * tensors[0].numel() * tensors[1].shape[-2]
    if op in CUBIC and tensors and tensors[0].dim() >= 2:
        return float(tensors[0].numel() * tensors[0].shape[-1])
    return moved


def charge(compiled: Compiled, infos: Mapping[str, Info], *, factor: float = 1.0) -> None:
    """Hand every node's estimate to the call's budget; ``factor`` 3 counts a backward too."""
    for node in compiled.nodes:
        info = infos.get(node.id)
        if info is not None and info.flops:
            budget.charge(info.flops * factor, f"node {node.id!r} ({node.op})")


def _meta(t: torch.Tensor) -> torch.Tensor:
    m = torch.empty_strided(t.shape, t.stride(), dtype=t.dtype, device=META)
    return m.requires_grad_(t.requires_grad)


def _signature(args: list[Any]) -> str:
    """``on inputs of size [3] float32, [2] float32``: torch's meta kernels word some errors
    differently from the CPU ones, and the sizes make any of them plain."""

    def one(v: Any) -> str:
        if isinstance(v, torch.Tensor):
            return f"{list(v.shape)} {dtype_name(v.dtype)}"
        return "tuple" if isinstance(v, tuple) else type(v).__name__

    return f" on inputs of size {', '.join(one(v) for v in args)}" if args else ""


def _meta_only(e: Exception) -> bool:
    """True when the error is the meta device's limit, not a problem with the graph."""
    return isinstance(e, NotImplementedError) or "meta" in str(e).lower()


def infer(
    compiled: Compiled,
    inputs: Mapping[str, torch.Tensor],
    ctx: EvalContext | None = None,
    *,
    max_elements: int | None = None,
    max_dims: int | None = None,
) -> dict[str, Info]:
    """Every node's shape, dtype and size, from the inputs' shapes alone; raises ComputeError."""
    return _walk(compiled, inputs, ctx, max_elements, max_dims)[0]


def meta_values(
    compiled: Compiled, inputs: Mapping[str, torch.Tensor], ctx: EvalContext | None = None
) -> dict[str, Any]:
    """Every node's value on the meta device (shape, dtype, ``requires_grad`` and ``grad_fn``, no data);
    a node the meta device cannot size is missing."""
    return _walk(compiled, inputs, ctx, None, None)[1]


def _walk(
    compiled: Compiled,
    inputs: Mapping[str, torch.Tensor],
    ctx: EvalContext | None,
    max_elements: int | None,
    max_dims: int | None,
) -> tuple[dict[str, Info], dict[str, Any]]:
    meta_ctx = EvalContext(META, (ctx or EvalContext()).dtype)
    values: dict[str, Any] = {name: _meta(inputs[name]) for name in compiled.externals if name in inputs}
    infos: dict[str, Info] = {}
    unknown: set[str] = set()
    numbers = plain_numbers(compiled)
    for node in compiled.nodes:
        if any(i in unknown for i in node.inputs):
            unknown.add(node.id)
            infos[node.id] = UNKNOWN
            continue
        args = node_inputs(node, values, numbers)
        try:
            with warnings.catch_warnings():  # the real run warns, if torch has something to say
                warnings.simplefilter("ignore")
                values[node.id] = OPS[node.op].call(args, dict(node.attrs), meta_ctx)
        except EngineError:
            raise
        except (*TORCH_ERRORS, NotImplementedError) as e:
            if not _meta_only(e):
                raise node_error(node, e, _signature(args)) from None
            unknown.add(node.id)
            infos[node.id] = UNKNOWN
            continue
        infos[node.id] = info = replace(info_of(values[node.id]), flops=estimate(node.op, args, values[node.id]))
        if max_elements is not None and info.largest > max_elements:
            raise LimitExceeded(
                f"node {node.id!r} ({node.op}) would make a tensor of {info.largest} elements; the limit is"
                f" {max_elements} elements per tensor"
            )
        if max_dims is not None and _dims(values[node.id]) > max_dims:
            raise LimitExceeded(
                f"node {node.id!r} ({node.op}) would make a tensor of {_dims(values[node.id])} dimensions;"
                f" the limit is {max_dims} dimensions per tensor"
            )
    check_outputs(compiled, values)
    return infos, values


def _dims(v: Any) -> int:
    if isinstance(v, tuple):
        return max((_dims(p) for p in v), default=0)
    return v.dim() if isinstance(v, torch.Tensor) else 0
