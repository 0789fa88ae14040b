"""Creating, describing, exporting, importing and deleting sessions.

Creating, importing and deleting are answered on the server (``serve``): a new session is placed
on a host, within the server's limits, and a deleted one is forgotten here too; each of them runs
one call on the session's host (``_create``, ``_import``, ``_delete``), as the other rows do.
"""

from __future__ import annotations

import json

from fastapi import Request, Response

import engine
from engine import Broken, Variable, dtype_name
from service.api.verbs import Caller, Verb, client_of
from service.core.relay import SessionRef
from service.durable.state import session_bytes, session_from_bytes
from service.hosts.entry import Entry, iso
from service.hosts.host import Context
from service.middleware.facts import Facts
from service.wire import views
from service.wire.answers import SessionCreated, SessionInfo
from service.wire.schemas import CreateSession

BINARY = {"type": "string", "format": "binary"}


async def create_session(request: Request, _: None, facts: Facts, body: CreateSession) -> Response:
    relay = request.app.state.relay
    return await relay.create(
        _create,
        body.dtype,
        body.ttl_seconds,
        facts=facts,
        device=body.device,
        dtype=body.dtype,
        client=client_of(request),
    )


def _create(ctx: Context, dtype: str, ttl_seconds: int | None) -> Response:
    entry, token = ctx.host.create(dtype, ttl_seconds, ctx.marker)
    ctx.applied = True
    return created(entry, token)


def created(entry: Entry, token: str) -> Response:
    return views.JSON(
        {
            "id": entry.id,
            "token": token,
            "device": str(entry.session.device),
            "dtype": dtype_name(entry.session.dtype),
            "expires_at": iso(entry.expires_at),
        },
        status_code=201,
    )


async def import_session(request: Request, _: None, facts: Facts, ttl_seconds: int | None) -> Response:
    raw = await request.body()
    relay = request.app.state.relay
    return await relay.create(_import, raw, ttl_seconds, facts=facts, device=_device_of(raw), client=client_of(request))


def _device_of(raw: bytes) -> str:
    """The device a session file was saved from, when this server has it (else the CPU)."""
    try:
        n = int.from_bytes(raw[:8], "little")
        device = json.loads(raw[8 : 8 + n]).get("__metadata__", {}).get("device", "cpu")
        engine.resolve_device(device)
        return str(device)
    except Exception:  # not a session file: the host says why
        return "cpu"


def _import(ctx: Context, raw: bytes, ttl_seconds: int | None) -> Response:
    session, _ = session_from_bytes(raw, ctx.host.limits())
    entry, token = ctx.host.adopt(session, ttl_seconds, ctx.marker)
    ctx.applied = True
    return created(entry, token)


def _export(ctx: Context) -> Response:
    assert ctx.entry is not None
    disposition = f'attachment; filename="session-{ctx.entry.id}.safetensors"'
    raw = session_bytes(ctx.session, {})
    return Response(raw, media_type="application/octet-stream", headers={"Content-Disposition": disposition})


def _describe(ctx: Context) -> Response:
    entry = ctx.entry
    assert entry is not None
    s = entry.session
    return views.JSON(
        {
            "id": entry.id,
            "device": str(s.device),
            "dtype": dtype_name(s.dtype),
            "created_at": iso(entry.created_at),
            "expires_at": iso(entry.expires_at),
            "bytes": s.nbytes(),
            "variables": [listed(v) for v in engine.list_variables(s)],
        }
    )


def listed(v: Variable | Broken) -> dict:
    """A variable without data, or a computed one that cannot be evaluated now, with why."""
    if isinstance(v, Broken):
        return {"name": v.name, "is_leaf": False, "error": v.detail}
    return views.meta(v)


async def delete_session(request: Request, ref: SessionRef, facts: Facts) -> Response:
    relay = request.app.state.relay
    answer = await relay.call(ref, _delete, facts=facts)
    if answer.status_code == 204:
        relay.forget(ref)
    return answer


def _delete(ctx: Context) -> Response:
    assert ctx.entry is not None
    ctx.host.delete(ctx.entry)
    ctx.applied = True
    return Response(status_code=204)


VERBS = (
    Verb(
        "GET",
        "/v1/sessions/{session_id}/export",
        _export,
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
        _describe,
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
