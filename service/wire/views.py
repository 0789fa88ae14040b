"""Engine results shaped as the JSON the contract promises, and the fast JSON response.

An answer is sized before it is built (``_afford``): the encoded tensors, and twice the text still to
be rendered (orjson's buffer grows to about that), must fit in what the host's memory cap leaves
(service/hosts/memory.py). Past the cap a C renderer does not raise, it crashes its host.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import torch
from starlette.responses import Response

from engine import Variable, dtype_name, encode
from service.hosts.memory import guard

_render = threading.local()  # the text this thread's answer being built will render (``text``)


class JSON(Response):
    """JSON rendered by orjson, with no pass through FastAPI's encoder."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        _render.text = 0
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)  # encode(..., arrays=True)


def begin() -> None:
    """A new answer: nothing is waiting to be rendered (a call that failed may have left some)."""
    _render.text = 0


def _afford(tensors: Iterable[torch.Tensor], encoding: str) -> None:
    """Refuse (413) an answer whose tensors, encoded and rendered, would not fit under the host's cap."""
    if guard.cap <= 0:
        return
    work = text = 0.0
    for t in tensors:
        n, size = t.numel(), t.numel() * t.element_size()
        if encoding == "b64":
            work, text = work + size + 8 * size / 3, text + 4 * size / 3  # the b64 bytes and their str
        elif t.is_floating_point():
            finite = n > 4096 and bool(torch.isfinite(t).all())  # a small one costs little either way
            work, text = work + n * (8 if finite else 80), text + n * 25  # a float64 copy, or Python floats
        else:
            work, text = work + n * 8, text + n * 21
    pending = getattr(_render, "text", 0) + text
    guard.require(work + 2 * pending, "the answer")
    _render.text = pending


def meta(v: Variable) -> dict[str, Any]:
    t = v.value
    return {
        "name": v.name,
        "shape": list(t.shape),
        "dtype": dtype_name(t.dtype),
        "device": str(t.device),
        "requires_grad": v.requires_grad,
        "is_leaf": v.is_leaf,
        "grad_fn": v.grad_fn,
    }


def variable(v: Variable, encoding: str = "list") -> dict[str, Any]:
    _afford([v.value] if v.grad is None else [v.value, v.grad], encoding)
    return {
        **meta(v),
        "data": encode(v.value, encoding, arrays=True),
        "grad": None if v.grad is None else encode(v.grad, encoding, arrays=True),
    }


def tensors(named: Mapping[str, torch.Tensor | None], encoding: str = "list") -> dict[str, Any]:
    _afford([t for t in named.values() if t is not None], encoding)
    return {name: None if t is None else encode(t, encoding, arrays=True) for name, t in named.items()}
