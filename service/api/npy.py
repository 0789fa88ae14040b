"""The ``.npy`` codec of a variable's routes: ``PUT`` with ``Content-Type: application/x-npy`` and
``GET`` with ``Accept: application/x-npy``, on the same paths and rows as JSON (service/api/variables.py).

A row's ``codec`` is asked first; it answers when the request sends or accepts ``.npy`` (the host
reads or writes the file: service/on_host/npy.py) and leaves every other request to the row's JSON
path.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter

from service.api.verbs import facts_of, query_value
from service.core.relay import Relay, SessionRef
from service.on_host import npy as on_host
from service.wire import npy

MEDIA = npy.MEDIA_TYPE.encode()
FIELD = TypeAdapter(Literal["data", "grad"])
REQUIRES_GRAD = TypeAdapter(bool)
BINARY = {"type": "string", "format": "binary"}
PUT_DOC = {
    "requestBody": {"content": {npy.MEDIA_TYPE: {"schema": BINARY}}},
    "parameters": [
        {
            "name": "requires_grad",
            "in": "query",
            "required": False,
            "schema": {"type": "boolean", "default": False},
            "description": "with an .npy body only: the leaf's requires_grad (a JSON body says it in the body)",
        }
    ],
}
GET_DOC = {
    "responses": {"200": {"content": {npy.MEDIA_TYPE: {"schema": BINARY}}}},
    "parameters": [
        {
            "name": "field",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["data", "grad"], "default": "data"},
            "description": "with 'Accept: application/x-npy' only: 'data' for the value, 'grad' for the gradient",
        }
    ],
}


def _query(request: Request, name: str, adapter: TypeAdapter, default: object) -> object:
    errors: list[dict] = []
    value = query_value(request, name, adapter, default, errors)
    if errors:
        raise RequestValidationError(errors)
    return value


async def put(request: Request, ref: SessionRef, relay: Relay) -> Response | None:
    """A leaf from an ``.npy`` body; answers the variable without its data (``201`` new, ``200`` replaced)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != npy.MEDIA_TYPE:
        return None
    requires_grad = _query(request, "requires_grad", REQUIRES_GRAD, False)
    body = await read_body(request)
    return await relay.call(ref, on_host.put, request.path_params["name"], body, requires_grad, facts=facts_of(request))


async def get(request: Request, ref: SessionRef, relay: Relay) -> Response | None:
    """The variable's value, or its gradient with ``?field=grad``, as an ``.npy`` file."""
    accept = request.headers.get("accept", "").lower().encode()
    if not any(part.split(b";")[0].strip() == MEDIA for part in accept.split(b",")):
        return None
    field = _query(request, "field", FIELD, "data")
    return await relay.call(ref, on_host.get, request.path_params["name"], field, facts=facts_of(request))


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
