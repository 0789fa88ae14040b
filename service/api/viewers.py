"""Viewer tokens: read-only tokens of a session, made, listed and revoked by its owner.

A viewer token opens what a route row declares it reads (service/api/verbs.py: ``access``) and
nothing else; the host checks it (service/hosts/entry.py). These rows need the owner's token,
the list too. A change of viewers is written with the session, as any change is.
"""

from __future__ import annotations

from fastapi import Response

from service.api.verbs import Verb
from service.hosts import entry
from service.hosts.calls import Access
from service.hosts.entry import iso
from service.hosts.host import Context
from service.wire import views
from service.wire.live import Share, ViewerCreated, ViewerList

AT = "/v1/sessions/{session_id}/viewers"


def _share(ctx: Context, body: Share) -> Response:
    assert ctx.entry is not None
    viewer, token = entry.share(ctx.entry, body.expires_in_s, ctx.host.settings.max_ttl_seconds)
    ctx.rewrite = True
    return views.JSON({"id": viewer.id, "token": token, "expires_at": iso(viewer.expires_at)}, status_code=201)


def _list(ctx: Context) -> Response:
    assert ctx.entry is not None
    return views.JSON({"viewers": [v.json() for v in entry.live_viewers(ctx.entry)]})


def _revoke(ctx: Context, viewer_id: str) -> Response:
    assert ctx.entry is not None
    entry.revoke(ctx.entry, viewer_id)
    ctx.rewrite = True
    return Response(status_code=204)


VERBS = (
    Verb(
        "POST",
        AT,
        _share,
        "Make a viewer token",
        "A read-only token for this session: it opens GET of the session, of its variables and their graphs,"
        " export and the events stream, and nothing else (403 ``/problems/read-only``). Owner's token only.",
        ("live",),
        body=Share,
        body_optional=True,
        query=(),
        answer=ViewerCreated,
        status_code=201,
        name="create_viewer",
    ),
    Verb(
        "GET",
        AT,
        _list,
        "List viewer tokens",
        "The session's viewer tokens that have not expired: id, created_at, expires_at (never the tokens)."
        " Owner's token only.",
        ("live",),
        query=(),
        answer=ViewerList,
        access=Access.OWNER,
        name="list_viewers",
    ),
    Verb(
        "DELETE",
        f"{AT}/{{viewer_id}}",
        _revoke,
        "Revoke a viewer token",
        "The token stops opening the session at once. Owner's token only.",
        ("live",),
        query=(),
        status_code=204,
        name="revoke_viewer",
    ),
)
