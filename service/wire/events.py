"""What a session's events say: each type's data, made on its host from what the call did.

The types are the contract's (DESIGN.md, "Live sessions"); the data is JSON as a variable's
answer spells it (NaN and the infinities as strings). A backward's gradients travel as a summary,
not whole: shape, norm (``torch.linalg.vector_norm``, in float64) and, for at most
``SMALL_GRAD`` elements, the values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import torch

from engine import Variable, dtype_name, encode

SMALL_GRAD = 64  # a gradient this small travels whole in a backward event
TRAIN_PER_S = 4  # train events per second of a loop's running time (a loop under a second counts as one)


def leaf(v: Variable) -> dict[str, Any]:
    return {
        "name": v.name,
        "shape": list(v.value.shape),
        "dtype": dtype_name(v.value.dtype),
        "requires_grad": v.requires_grad,
    }


def grad(g: torch.Tensor) -> dict[str, Any]:
    g = g.detach()
    shape = list(g.shape)
    if g.numel() > SMALL_GRAD:
        return {"shape": shape, "norm": number(torch.linalg.vector_norm(g, dtype=torch.float64).item())}
    flat = g.reshape(-1).tolist()
    if all(map(math.isfinite, flat)):  # the values as Python floats: their norm in double precision, no torch call
        return {"shape": shape, "norm": math.hypot(*flat), "data": flat if g.dim() == 1 else g.tolist()}
    norm = number(torch.linalg.vector_norm(g, dtype=torch.float64).item())
    return {"shape": shape, "norm": norm, "data": encode(g)}  # encode spells NaN (and is 8x slower)


def number(x: float) -> Any:
    return x if math.isfinite(x) else "NaN" if math.isnan(x) else "Infinity" if x > 0 else "-Infinity"


def backward(variable: str, grads: Mapping[str, torch.Tensor]) -> dict[str, Any]:
    """Each leaf the backward reached, with its accumulated gradient's summary."""
    return {"variable": variable, "grads": {name: grad(g) for name, g in grads.items()}}


def train_steps(logged: Sequence[int], losses: Sequence[Any], seconds: float) -> list[dict[str, Any]]:
    """The logged steps a loop's watchers see: at most ``TRAIN_PER_S`` a second, evenly spaced, the last
    one always."""
    n = len(logged)
    shown = min(n, math.ceil(TRAIN_PER_S * max(seconds, 1.0)))
    picked = [round((i + 1) * n / shown) - 1 for i in range(shown)]
    return [{"step": logged[i], "loss": losses[i]} for i in picked]
