"""A leaf from an ``.npy`` body, and a variable's value or gradient as one, as the session's host
runs them (service/api/npy.py decides which requests are ``.npy``)."""

from __future__ import annotations

from fastapi import Response

import engine
from engine import UnknownVariable
from service.hosts.calls import SessionEventType
from service.hosts.host import Context
from service.wire import events, npy, views


def put(ctx: Context, name: str, body: bytearray, requires_grad: bool) -> Response:
    settings = ctx.host.settings
    tensor = npy.read(body, max_elements=settings.max_tensor_elements, max_dims=settings.max_tensor_dims)
    var, created = engine.put_tensor(ctx.session, name, tensor, requires_grad=requires_grad)
    ctx.note(SessionEventType.LEAF, lambda: events.leaf(var))
    return views.JSON({**views.meta(var), "grad": None}, status_code=201 if created else 200)


def get(ctx: Context, name: str, field: str) -> Response:
    var = engine.get(ctx.session, name)
    tensor = var.value if field == "data" else var.grad
    if tensor is None:
        raise UnknownVariable(f"{name!r} has no gradient yet (its grad is null): run a backward that reaches it")
    return npy.NpyResponse(tensor)
