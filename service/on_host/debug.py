"""The autograd graph behind a variable, and gradcheck, as the session's host runs them."""

from __future__ import annotations

from fastapi import Response

import engine
from service.hosts.host import Context
from service.wire import views
from service.wire.schemas import Gradcheck


def graph(ctx: Context, name: str, format: str) -> Response:
    found = engine.graph_json(ctx.session, name)
    if format == "dot":
        return Response(engine.to_dot(found), media_type="text/vnd.graphviz")
    return views.JSON(found)


def gradcheck(ctx: Context, body: Gradcheck) -> Response:
    ok, detail = engine.gradcheck(ctx.session, body.output, body.wrt, eps=body.eps, atol=body.atol, rtol=body.rtol)
    return views.JSON({"ok": ok} if ok else {"ok": ok, "detail": detail})
