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
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

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


def describe(value: Any) -> Info:
    if isinstance(value, torch.Tensor):
        return Info(tuple(value.shape), value.dtype, value.numel() * value.element_size())
    if isinstance(value, tuple):
        parts = tuple(describe(v) for v in value)
        known = all(p.known for p in parts)
        return Info(nbytes=sum(p.nbytes or 0 for p in parts) if known else None, parts=parts)
    return UNKNOWN


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
) -> dict[str, Info]:
    """Every node's shape, dtype and size, from the inputs' shapes alone; raises ComputeError."""
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
        infos[node.id] = info = describe(values[node.id])
        if max_elements is not None and info.largest > max_elements:
            raise LimitExceeded(
                f"node {node.id!r} ({node.op}) would make a tensor of {info.largest} elements; the limit is"
                f" {max_elements} elements per tensor"
            )
    check_outputs(compiled, values)
    return infos
