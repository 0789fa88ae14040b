"""Viewer tokens: read-only tokens of a session, made, listed and revoked by its owner.

A viewer token opens what a route row declares it reads (service/api/verbs.py: ``access``) and
nothing else; the host checks it (service/hosts/entry.py) and runs these rows
(service/on_host/viewers.py). They need the owner's token, the list too. A change of viewers is
written with the session, as any change is.
"""

from __future__ import annotations

from service.api.verbs import Verb
from service.hosts.calls import Access
from service.on_host import viewers as on_host
from service.wire.live import Share, ViewerCreated, ViewerList

AT = "/v1/sessions/{session_id}/viewers"


VERBS = (
    Verb(
        "POST",
        AT,
        on_host.share,
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
        on_host.list_viewers,
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
        on_host.revoke,
        "Revoke a viewer token",
        "The token stops opening the session at once. Owner's token only.",
        ("live",),
        query=(),
        status_code=204,
        name="revoke_viewer",
    ),
)
