"""Viewer tokens made, listed and revoked, as the session's host runs it: the viewers are kept with
the session's entry (service/hosts/entry.py) and written with it."""

from __future__ import annotations

from fastapi import Response

from service.hosts import entry
from service.hosts.entry import iso
from service.hosts.host import Context
from service.wire import views
from service.wire.live import Share


def share(ctx: Context, body: Share) -> Response:
    assert ctx.entry is not None
    viewer, token = entry.share(ctx.entry, body.expires_in_s, ctx.host.settings.max_ttl_seconds)
    ctx.rewrite = True
    return views.JSON({"id": viewer.id, "token": token, "expires_at": iso(viewer.expires_at)}, status_code=201)


def list_viewers(ctx: Context) -> Response:
    assert ctx.entry is not None
    return views.JSON({"viewers": [v.json() for v in entry.live_viewers(ctx.entry)]})


def revoke(ctx: Context, viewer_id: str) -> Response:
    assert ctx.entry is not None
    entry.revoke(ctx.entry, viewer_id)
    ctx.rewrite = True
    return Response(status_code=204)
