"""Creating, describing, exporting, importing and deleting sessions.

Creating, importing and deleting are answered on the server (``serve``): a new session is placed
on a host, within the server's limits, and a deleted one is forgotten here too; each of them runs
one call on the session's host (service/on_host/sessions.py), as the other rows do.
"""

from __future__ import annotations

import json

from fastapi import Request, Response

import engine
from service.api.verbs import Caller, Verb, client_of
from service.core.relay import SessionRef
from service.middleware.facts import Facts
from service.on_host import sessions as on_host
from service.wire.answers import SessionCreated, SessionInfo
from service.wire.schemas import CreateSession

BINARY = {"type": "string", "format": "binary"}


async def create_session(request: Request, _: None, facts: Facts, body: CreateSession) -> Response:
    relay = request.app.state.relay
    return await relay.create(
        on_host.create,
        body.dtype,
        body.ttl_seconds,
        facts=facts,
        device=body.device,
        dtype=body.dtype,
        client=client_of(request),
    )


async def import_session(request: Request, _: None, facts: Facts, ttl_seconds: int | None) -> Response:
    raw = await request.body()
    relay = request.app.state.relay
    return await relay.create(
        on_host.import_session, raw, ttl_seconds, facts=facts, device=_device_of(raw), client=client_of(request)
    )


def _device_of(raw: bytes) -> str:
    """The device a session file was saved from, when this server has it (else the CPU)."""
    try:
        n = int.from_bytes(raw[:8], "little")
        device = json.loads(raw[8 : 8 + n]).get("__metadata__", {}).get("device", "cpu")
        engine.resolve_device(device)
        return str(device)
    except Exception:  # not a session file: the host says why
        return "cpu"


async def delete_session(request: Request, ref: SessionRef, facts: Facts) -> Response:
    relay = request.app.state.relay
    answer = await relay.call(ref, on_host.delete, facts=facts)
    if answer.status_code == 204:
        relay.forget(ref)
    return answer


VERBS = (
    Verb(
        "GET",
        "/v1/sessions/{session_id}/export",
        on_host.export,
        "Export a session",
        "Leaves, gradients and computed-variable definitions as one safetensors file (no token inside).",
        ("sessions",),
        query=(),
        responses={200: {"content": {"application/octet-stream": {}}, "description": "a safetensors file"}},
        response_class=Response,
        quick=False,
        name="export_session",
    ),
    Verb(
        "GET",
        "/v1/sessions/{session_id}",
        on_host.describe,
        "Describe a session",
        "Device, dtype, times, the bytes its tensors hold, and its variables without their data.",
        ("sessions",),
        query=(),
        answer=SessionInfo,
        name="get_session",
    ),
    Verb(
        "POST",
        "/v1/sessions",
        None,
        "Create a session",
        "A new session and its bearer token; every route under it needs that token.",
        ("sessions",),
        body=CreateSession,
        body_optional=True,
        query=(),
        answer=SessionCreated,
        status_code=201,
        caller=Caller.API_KEY,
        serve=create_session,
    ),
    Verb(
        "POST",
        "/v1/sessions/import",
        None,
        "Create a session from an exported file",
        "The body is a file from ``GET …/export`` (safetensors); the new session gets a new id and token.",
        ("sessions",),
        query=(("ttl_seconds", int | None, None),),
        answer=SessionCreated,
        status_code=201,
        openapi_extra={"requestBody": {"content": {"application/octet-stream": {"schema": BINARY}}}},
        caller=Caller.API_KEY,
        serve=import_session,
    ),
    Verb(
        "DELETE",
        "/v1/sessions/{session_id}",
        None,
        "Delete a session",
        "Drops the session, its tensors and (when durable) its file; its token stops working.",
        ("sessions",),
        query=(),
        status_code=204,
        serve=delete_session,
    ),
)
