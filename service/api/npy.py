"""The binary fast path for a variable: ``PUT`` with ``Content-Type: application/x-npy`` and ``GET``
with ``Accept: application/x-npy``, on the same paths as the JSON routes.

These routes match only requests that ask for ``.npy`` (``NpyRoute``), so they are included before the
JSON ones and everything else falls through to those. They are left out of the OpenAPI schema, where
one path and method has one operation; the JSON routes' descriptions point here.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

import engine
from engine import UnknownVariable
from service.api.deps import RegistryDep, SessionDep
from service.hosts.host import Context
from service.wire import npy, views


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return b""


def _asks_npy(scope: Scope) -> bool:
    if scope.get("method") == "PUT":
        return _header(scope, b"content-type").split(b";")[0].strip().lower() == npy.MEDIA_TYPE.encode()
    accept = _header(scope, b"accept").lower()
    return any(part.split(b";")[0].strip() == npy.MEDIA_TYPE.encode() for part in accept.split(b","))


class NpyRoute(APIRoute):
    """An APIRoute that matches only requests sending (PUT) or accepting (GET) ``application/x-npy``."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope.get("type") != "http" or not _asks_npy(scope):
            return Match.NONE, {}
        return super().matches(scope)


router = APIRouter(
    prefix="/v1/sessions/{session_id}/variables", tags=["variables"], route_class=NpyRoute, include_in_schema=False
)


async def read_body(request: Request) -> bytearray:
    """The body in one mutable buffer, so the tensor made from it can own it without a copy."""
    size = request.headers.get("content-length", "")
    buf = bytearray(int(size)) if size.isdigit() else bytearray()
    filled = 0
    async for chunk in request.stream():
        end = filled + len(chunk)
        if end <= len(buf):
            buf[filled:end] = chunk
        else:
            del buf[filled:]
            buf += chunk
        filled = end
    del buf[filled:]
    return buf


@router.put("/{name}")
async def put_npy(
    name: str, request: Request, ref: SessionDep, registry: RegistryDep, requires_grad: bool = False
) -> Response:
    """A leaf from an ``.npy`` body; answers the variable without its data (``201`` new, ``200`` replaced)."""
    body = await read_body(request)
    return await registry.call(ref, _put, name, body, requires_grad)


def _put(ctx: Context, name: str, body: bytearray, requires_grad: bool) -> Response:
    tensor = npy.read(body, max_elements=ctx.host.settings.max_tensor_elements)
    var, created = engine.put_tensor(ctx.session, name, tensor, requires_grad=requires_grad)
    return views.JSON({**views.meta(var), "grad": None}, status_code=201 if created else 200)


@router.get("/{name}")
async def get_npy(
    name: str,
    ref: SessionDep,
    registry: RegistryDep,
    field: Literal["data", "grad"] = Query("data", description="'data' for the value, 'grad' for the gradient"),
) -> Response:
    """The variable's value, or its gradient with ``?field=grad``, as an ``.npy`` file."""
    return await registry.call(ref, _get, name, field)


def _get(ctx: Context, name: str, field: str) -> Response:
    var = engine.get(ctx.session, name)
    tensor = var.value if field == "data" else var.grad
    if tensor is None:
        raise UnknownVariable(f"{name!r} has no gradient yet (its grad is null): run a backward that reaches it")
    return npy.NpyResponse(tensor)
