"""Leaves in, variables out: JSON, and the ``.npy`` codec of the same rows (service/api/npy.py)."""

from __future__ import annotations

from fastapi import Response

import engine
from service.api import npy
from service.api.sessions import listed
from service.api.verbs import Verb
from service.hosts.host import Context
from service.wire import events, views
from service.wire.answers import VariableList, VariableOut
from service.wire.schemas import PutVariable

AT = "/v1/sessions/{session_id}/variables"


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
    ctx.note("leaf", lambda: events.leaf(var))
    return views.JSON(views.variable(var, encoding), status_code=201 if created else 200)


def _list(ctx: Context) -> Response:
    return views.JSON({"variables": [listed(v) for v in engine.list_variables(ctx.session)]})


def _get(ctx: Context, name: str, encoding: str) -> Response:
    return views.JSON(views.variable(engine.get(ctx.session, name), encoding))


def _delete(ctx: Context, name: str) -> Response:
    engine.delete(ctx.session, name)
    ctx.note("deleted", lambda: {"name": name})
    return Response(status_code=204)


VERBS = (
    Verb(
        "PUT",
        f"{AT}/{{name}}",
        _put,
        "Create or replace a leaf",
        "From data or an init; a replaced leaf starts with ``grad: null``. With ``Content-Type:"
        " application/x-npy`` the body is an ``.npy`` file (``?requires_grad=true`` to track it) and the"
        " answer leaves out the data.",
        ("variables",),
        body=PutVariable,
        answer=VariableOut,
        status_code=201,
        responses={200: {"description": "replaced an existing variable", "model": VariableOut}},
        openapi_extra=npy.PUT_DOC,
        codec=npy.put,
        name="put_variable",
    ),
    Verb(
        "GET",
        AT,
        _list,
        "List variables",
        "Every variable without its data: leaves, then computed ones (with ``error`` if one cannot be evaluated).",
        ("variables",),
        query=(),
        answer=VariableList,
        name="list_variables",
    ),
    Verb(
        "GET",
        f"{AT}/{{name}}",
        _get,
        "Read a variable and its gradient",
        "Its value and ``grad`` (null until a backward reaches it); computed ones follow the current leaves."
        " With ``Accept: application/x-npy``, the value (or with ``?field=grad`` the gradient) as an"
        " ``.npy`` file.",
        ("variables",),
        answer=VariableOut,
        openapi_extra=npy.GET_DOC,
        codec=npy.get,
        name="get_variable",
    ),
    Verb(
        "DELETE",
        f"{AT}/{{name}}",
        _delete,
        "Delete a variable",
        "Removes a leaf or a computed variable; computed variables that read a deleted leaf report it.",
        ("variables",),
        query=(),
        status_code=204,
        name="delete_variable",
    ),
)
