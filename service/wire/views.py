"""Engine results shaped as the JSON the contract promises, and the fast JSON response.

An answer is sized before it is built (``_afford``): what encoding its tensors allocates now, and what
orjson will reserve to render them, must fit in what the host's memory cap leaves
(service/hosts/admission.py). Past the cap a C renderer does not raise, it crashes its host. orjson
reserves address space by the worst case of what it writes (measured: 33 bytes per element of a
numpy array, 265 per Python float in a list, 12 per character of a string, whatever it then
writes), so a b64 tensor is spliced in as bytes (``orjson.Fragment``), never as a ``str``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import torch
from starlette.responses import Response

from engine import Variable, b64_bytes, dtype_name, encode
from service.hosts.admission import guard

_render = threading.local()  # what orjson will reserve to render this thread's answer (``later``)


class JSON(Response):
    """JSON rendered by orjson, with no pass through FastAPI's encoder."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        _render.later = 0
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)  # encode(..., arrays=True)


def begin() -> None:
    """A new answer: nothing is waiting to be rendered (a call that failed may have left some)."""
    _render.later = 0


def _afford(tensors: Iterable[torch.Tensor], encoding: str) -> None:
    """Refuse (413) an answer whose tensors, encoded and rendered, would not fit under the host's cap."""
    if guard.cap <= 0:
        return
    now = later = 0.0
    for t in tensors:
        n, size = t.numel(), t.numel() * t.element_size()
        if encoding == "b64":  # a contiguous copy, the b64 bytes and the quoted fragment; then the text
            now, later = now + size + 8 * size / 3, later + 4 * size / 3
        elif t.is_floating_point() and not (n > 4096 and bool(torch.isfinite(t).all())):
            now, later = now + 80 * n, later + 265 * n  # non-finite values go through Python floats
        else:
            now, later = now + 8 * n, later + 33 * n  # a float64 or int64 array
    pending = getattr(_render, "later", 0) + later
    guard.require(now + pending, "the answer")
    _render.later = pending


def _encoded(t: torch.Tensor, encoding: str) -> Any:
    if encoding != "b64":
        return encode(t, encoding, arrays=True)
    quoted = orjson.Fragment(b"".join((b'"', b64_bytes(t), b'"')))
    return {"dtype": dtype_name(t.dtype), "shape": list(t.shape), "b64": quoted}


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
        "data": _encoded(v.value, encoding),
        "grad": None if v.grad is None else _encoded(v.grad, encoding),
    }


def tensors(named: Mapping[str, torch.Tensor | None], encoding: str = "list") -> dict[str, Any]:
    _afford([t for t in named.values() if t is not None], encoding)
    return {name: None if t is None else _encoded(t, encoding) for name, t in named.items()}
