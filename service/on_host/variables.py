"""Leaves in, variables out, as the session's host runs them: put, list, get and delete (JSON; the
``.npy`` codec's are service/on_host/npy.py)."""

from __future__ import annotations

from fastapi import Response

import engine
from service.hosts.calls import SessionEventType
from service.hosts.host import Context
from service.on_host.sessions import listed
from service.wire import events, views
from service.wire.schemas import PutVariable


def put(ctx: Context, name: str, body: PutVariable, encoding: str) -> Response:
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
    ctx.note(SessionEventType.LEAF, lambda: events.leaf(var))
    return views.JSON(views.variable(var, encoding), status_code=201 if created else 200)


def list_variables(ctx: Context) -> Response:
    return views.JSON({"variables": [listed(v) for v in engine.list_variables(ctx.session)]})


def get(ctx: Context, name: str, encoding: str) -> Response:
    return views.JSON(views.variable(engine.get(ctx.session, name), encoding))


def delete(ctx: Context, name: str) -> Response:
    engine.delete(ctx.session, name)
    ctx.note(SessionEventType.DELETED, lambda: {"name": name})
    return Response(status_code=204)
