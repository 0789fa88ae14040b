"""Creating, describing and deleting sessions."""

from __future__ import annotations

from fastapi import APIRouter, Response

from engine import Broken
from engine.tensors import dtype_name
from service import views
from service.deps import EntryDep, RegistryDep
from service.registry import iso
from service.schemas import CreateSession

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])


@router.post("", status_code=201, summary="Create a session")
async def create_session(registry: RegistryDep, body: CreateSession | None = None) -> Response:
    """A new session and its bearer token; every route under it needs that token."""
    body = body or CreateSession()
    entry, token = registry.create(body.device, body.dtype, body.ttl_seconds)
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


@router.get("/{session_id}", summary="Describe a session")
async def get_session(entry: EntryDep, registry: RegistryDep) -> Response:
    listing = await registry.run(entry, entry.session.list_variables)
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


def listed(v: object) -> dict:
    if isinstance(v, Broken):
        return {"name": v.name, "is_leaf": False, "error": v.detail}
    return views.meta(v)  # type: ignore[arg-type]


@router.delete("/{session_id}", status_code=204, summary="Delete a session")
async def delete_session(entry: EntryDep, registry: RegistryDep) -> Response:
    registry.delete(entry.id)
    return Response(status_code=204)
