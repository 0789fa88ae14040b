"""A session's own calls as its host runs them: create, import, export, describe, delete; and how a
session and its variables are described, which other host modules share."""

from __future__ import annotations

from fastapi import Response

import engine
from engine import Broken, Variable, dtype_name
from service.durable.state import session_bytes, session_from_bytes
from service.hosts.entry import Entry, iso
from service.hosts.host import Context
from service.wire import views


def create(ctx: Context, dtype: str, ttl_seconds: int | None) -> Response:
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


def import_session(ctx: Context, raw: bytes, ttl_seconds: int | None) -> Response:
    session, _ = session_from_bytes(raw, ctx.host.limits())
    entry, token = ctx.host.adopt(session, ttl_seconds, ctx.marker)
    ctx.applied = True
    return created(entry, token)


def export(ctx: Context) -> Response:
    assert ctx.entry is not None
    disposition = f'attachment; filename="session-{ctx.entry.id}.safetensors"'
    raw = session_bytes(ctx.session, {})
    return Response(raw, media_type="application/octet-stream", headers={"Content-Disposition": disposition})


def describe(ctx: Context) -> Response:
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


def delete(ctx: Context) -> Response:
    assert ctx.entry is not None
    ctx.host.delete(ctx.entry)
    ctx.applied = True
    return Response(status_code=204)
