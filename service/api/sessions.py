"""Creating, describing and deleting sessions."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

import engine
from engine import Broken, Variable, dtype_name
from service.api.deps import ApiKey, ClientDep, EntryDep, RegistryDep
from service.core.registry import iso
from service.core.state import session_bytes, session_from_bytes
from service.wire import views
from service.wire.answers import SessionCreated, SessionInfo
from service.wire.schemas import CreateSession

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])
BINARY = {"type": "string", "format": "binary"}


@router.post("", status_code=201, summary="Create a session", dependencies=[ApiKey], response_model=SessionCreated)
async def create_session(registry: RegistryDep, client: ClientDep, body: CreateSession | None = None) -> Response:
    """A new session and its bearer token; every route under it needs that token."""
    body = body or CreateSession()
    entry, token = registry.create(body.device, body.dtype, body.ttl_seconds, client)
    return created(entry, token)


def created(entry, token: str) -> Response:
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


@router.post(
    "/import",
    status_code=201,
    response_model=SessionCreated,
    dependencies=[ApiKey],
    summary="Create a session from an exported file",
    openapi_extra={"requestBody": {"content": {"application/octet-stream": {"schema": BINARY}}}},
)
async def import_session(request: Request, registry: RegistryDep, ttl_seconds: int | None = None) -> Response:
    """The body is a file from ``GET …/export`` (safetensors); the new session gets a new id and token."""
    raw = await request.body()
    session, _ = await registry.run_free("cpu", lambda: session_from_bytes(raw, registry.limits()))
    entry, token = registry.adopt(session, ttl_seconds)
    return created(entry, token)


@router.get(
    "/{session_id}/export",
    summary="Export a session",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "a safetensors file"}},
)
async def export_session(entry: EntryDep, registry: RegistryDep) -> Response:
    """Leaves, gradients and computed-variable definitions as one safetensors file (no token inside)."""
    raw = await registry.run(entry, lambda: session_bytes(entry.session, {}), inline=False)
    disposition = f'attachment; filename="session-{entry.id}.safetensors"'
    return Response(raw, media_type="application/octet-stream", headers={"Content-Disposition": disposition})


@router.get("/{session_id}", summary="Describe a session", response_model=SessionInfo)
async def get_session(entry: EntryDep, registry: RegistryDep) -> Response:
    """Device, dtype, times, the bytes its tensors hold, and its variables without their data."""
    listing = await registry.run(entry, lambda: engine.list_variables(entry.session))
    s = entry.session
    return views.JSON(
        {
            "id": entry.id,
            "device": str(s.device),
            "dtype": dtype_name(s.dtype),
            "created_at": iso(entry.created_at),
            "expires_at": iso(entry.expires_at),
            "bytes": s.nbytes(),
            "variables": [listed(v) for v in listing],
        }
    )


def listed(v: Variable | Broken) -> dict:
    """A variable without data, or a computed one that cannot be evaluated now, with why."""
    if isinstance(v, Broken):
        return {"name": v.name, "is_leaf": False, "error": v.detail}
    return views.meta(v)


@router.delete("/{session_id}", status_code=204, summary="Delete a session")
async def delete_session(entry: EntryDep, registry: RegistryDep) -> Response:
    """Drops the session, its tensors and (when durable) its file; its token stops working."""
    await registry.delete(entry)
    return Response(status_code=204)
