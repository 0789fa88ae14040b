"""Leaves in, variables out."""

from __future__ import annotations

from fastapi import APIRouter, Response

import engine
from service.api.deps import EncodingDep, EntryDep, RegistryDep
from service.api.sessions import listed
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
    name: str, body: PutVariable, entry: EntryDep, registry: RegistryDep, encoding: EncodingDep = "list"
) -> Response:
    """From data or an init; a replaced leaf starts with ``grad: null``."""

    def put():
        return engine.put(
            entry.session,
            name,
            body.data,
            init=body.init,
            shape=body.shape,
            value=body.value,
            seed=body.seed,
            dtype=body.dtype,
            requires_grad=body.requires_grad,
        )

    var, created = await registry.run(entry, put)
    return views.JSON(views.variable(var, encoding), status_code=201 if created else 200)


@router.get("", summary="List variables", response_model=VariableList)
async def list_variables(entry: EntryDep, registry: RegistryDep) -> Response:
    """Every variable without its data: leaves, then computed ones (with ``error`` if one cannot be evaluated)."""
    listing = await registry.run(entry, lambda: engine.list_variables(entry.session))
    return views.JSON({"variables": [listed(v) for v in listing]})


@router.get("/{name}", summary="Read a variable and its gradient", response_model=VariableOut)
async def get_variable(name: str, entry: EntryDep, registry: RegistryDep, encoding: EncodingDep = "list") -> Response:
    """Its value and ``grad`` (null until a backward reaches it); computed ones follow the current leaves."""
    # encoded under the session's lock: an optimizer step updates leaves in place
    answer = await registry.run(entry, lambda: views.variable(engine.get(entry.session, name), encoding))
    return views.JSON(answer)


@router.delete("/{name}", status_code=204, summary="Delete a variable")
async def delete_variable(name: str, entry: EntryDep, registry: RegistryDep) -> Response:
    """Removes a leaf or a computed variable; computed variables that read a deleted leaf report it."""
    await registry.run(entry, lambda: engine.delete(entry.session, name))
    return Response(status_code=204)
