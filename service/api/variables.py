"""Leaves in, variables out (JSON; the ``.npy`` codec of the same paths is service/api/npy.py)."""

from __future__ import annotations

from fastapi import APIRouter, Response

import engine
from service.api.deps import EncodingDep, RegistryDep, SessionDep
from service.api.sessions import listed
from service.hosts.host import Context
from service.wire import views
from service.wire.answers import VariableList, VariableOut
from service.wire.schemas import PutVariable

router = APIRouter(prefix="/v1/sessions/{session_id}/variables", tags=["variables"])


@router.put(
    "/{name}",
    summary="Create or replace a leaf",
    status_code=201,
    response_model=VariableOut,
    responses={200: {"description": "replaced an existing variable", "model": VariableOut}},
)
async def put_variable(
    name: str, body: PutVariable, ref: SessionDep, registry: RegistryDep, encoding: EncodingDep = "list"
) -> Response:
    """From data or an init; a replaced leaf starts with ``grad: null``."""
    return await registry.call(ref, _put, name, body, encoding)


def _put(ctx: Context, name: str, body: PutVariable, encoding: str) -> Response:
    var, created = engine.put(
        ctx.session,
        name,
        body.data,
        init=body.init,
        shape=body.shape,
        value=body.value,
        seed=body.seed,
        dtype=body.dtype,
        requires_grad=body.requires_grad,
    )
    return views.JSON(views.variable(var, encoding), status_code=201 if created else 200)


@router.get("", summary="List variables", response_model=VariableList)
async def list_variables(ref: SessionDep, registry: RegistryDep) -> Response:
    """Every variable without its data: leaves, then computed ones (with ``error`` if one cannot be evaluated)."""
    return await registry.call(ref, _list)


def _list(ctx: Context) -> Response:
    return views.JSON({"variables": [listed(v) for v in engine.list_variables(ctx.session)]})


@router.get("/{name}", summary="Read a variable and its gradient", response_model=VariableOut)
async def get_variable(name: str, ref: SessionDep, registry: RegistryDep, encoding: EncodingDep = "list") -> Response:
    """Its value and ``grad`` (null until a backward reaches it); computed ones follow the current leaves."""
    return await registry.call(ref, _get, name, encoding)


def _get(ctx: Context, name: str, encoding: str) -> Response:
    return views.JSON(views.variable(engine.get(ctx.session, name), encoding))


@router.delete("/{name}", status_code=204, summary="Delete a variable")
async def delete_variable(name: str, ref: SessionDep, registry: RegistryDep) -> Response:
    """Removes a leaf or a computed variable; computed variables that read a deleted leaf report it."""
    return await registry.call(ref, _delete, name)


def _delete(ctx: Context, name: str) -> Response:
    engine.delete(ctx.session, name)
    return Response(status_code=204)
