"""Engine results shaped as the JSON the contract promises, and the fast JSON response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
import torch
from starlette.responses import Response

from engine import Variable, dtype_name, encode


class JSON(Response):
    """JSON rendered by orjson, with no pass through FastAPI's encoder."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)  # encode(..., arrays=True)


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
    return {
        **meta(v),
        "data": encode(v.value, encoding, arrays=True),
        "grad": None if v.grad is None else encode(v.grad, encoding, arrays=True),
    }


def tensors(named: Mapping[str, torch.Tensor | None], encoding: str = "list") -> dict[str, Any]:
    return {name: None if t is None else encode(t, encoding, arrays=True) for name, t in named.items()}
