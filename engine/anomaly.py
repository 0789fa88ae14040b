"""Anomaly mode, forward and backward: the first NaN or Inf fails the call, naming where it came from.

Forward (``check_values``): each node's value is looked at in evaluation order and the first
NaN or Inf fails the call, naming the node and op that made it.

Backward (``nan_hooks``): the check ``torch.autograd.detect_anomaly`` makes, worded as torch
words it ("Function 'LogBackward0' returned nan values in its 0th output."). It is made by
hooks on this call's own graph rather than by ``detect_anomaly``, because torch's anomaly
flag is process-wide, not per thread: switched on for one session, it would fail another
session's concurrent backward on NaNs that session never asked to be checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import torch

from engine.errors import AnomalyDetected
from engine.graph import Compiled
from engine.introspect import walk


def non_finite(value: Any) -> str | None:
    """'NaN', 'Infinity' or '-Infinity' if the value (or a part of a tuple value) holds one."""
    for t in value if isinstance(value, tuple) else (value,):
        if not isinstance(t, torch.Tensor) or not (t.is_floating_point() or t.is_complex()):
            continue
        if torch.isnan(t).any():
            return "NaN"
        if torch.isinf(t).any():
            real = t.real if t.is_complex() else t
            return "Infinity" if torch.isposinf(real).any() else "-Infinity"
    return None


def check_values(graph: Compiled, values: Mapping[str, Any]) -> None:
    """Fail on the first node, in evaluation order, whose value holds a NaN or an Inf."""
    for node in graph.nodes:
        found = non_finite(values.get(node.id))
        if found is None:
            continue
        held = [i for i in node.inputs if non_finite(values.get(i)) is not None]
        cause = f"; its input(s) {', '.join(map(repr, held))} already held non-finite values" if held else ""
        raise AnomalyDetected(f"anomaly: node {node.id!r} ({node.op}) produced {found}{cause}")


@contextmanager
def nan_hooks(value: torch.Tensor) -> Iterator[None]:
    """Within the block, a backward through ``value``'s graph fails at the first node returning NaN."""
    handles = []
    if value.grad_fn is not None:
        order, _ = walk(value.grad_fn)
        handles = [fn.register_hook(_nan_check(type(fn).__name__)) for fn in order if not hasattr(fn, "variable")]
    try:
        yield
    finally:
        for h in handles:
            h.remove()


def _nan_check(name: str) -> Any:
    def hook(grad_inputs: tuple[torch.Tensor | None, ...], grad_outputs: Any) -> None:
        for i, g in enumerate(grad_inputs):
            if g is not None and g.is_floating_point() and bool(torch.isnan(g).any()):
                raise AnomalyDetected(f"Function '{name}' returned nan values in its {i}th output.")

    return hook
