"""Whose token a call carries, checked on the session's host: the owner's, or a viewer's (read-only).

A session has one owner token and up to ``MAX_VIEWERS`` viewer tokens, each with its own life, made
and revoked by the owner (service/api/viewers.py). Of every token only a SHA-256 is kept, compared
in constant time. A viewer token opens the calls a route row declares ``Access.READ`` (the GETs of
the session, its variables and graphs, export, and the events) and nothing else: any other call is a
403 (``ReadOnly``) that changes nothing. A viewer's calls do not keep the session alive: its life is
its owner's.
"""

from __future__ import annotations

import hmac
import secrets
import time

from engine import InvalidRequest, LimitExceeded
from service.core.problems import ReadOnly, UnknownViewer
from service.hosts.calls import Access
from service.hosts.entry import Entry, Viewer, hash_token

OWNER = ""  # the role of the owner's token; a viewer token's role is its viewer's id
MAX_VIEWERS = 64  # viewer tokens one session may hold


def role_of(entry: Entry, token_hash: bytes, now: float) -> str | None:
    """The token's role in this session, or None if it opens nothing (unknown, revoked or expired)."""
    if hmac.compare_digest(token_hash, entry.token_hash):
        return OWNER
    found = None
    for viewer in entry.viewers.values():  # every one compared: the time taken says nothing of which
        if hmac.compare_digest(token_hash, viewer.token_hash) and viewer.expires_at >= now:
            found = viewer.id
    return found


def allow(entry: Entry, role: str, access: Access) -> None:
    """Refuse a viewer token a call that needs the owner's."""
    if role != OWNER and access != Access.READ:
        raise ReadOnly(
            "this is a viewer token: it is read-only. It opens GET of the session, of its variables and their"
            " graphs, export and events; this call needs the session owner's token"
        )


def share(entry: Entry, expires_in_s: int | None, max_ttl: int) -> tuple[Viewer, str]:
    """A new viewer token for ``entry`` (living ``expires_in_s``, else as long as the session may)."""
    life = entry.ttl if expires_in_s is None else expires_in_s
    if not 1 <= life <= max_ttl:
        raise InvalidRequest(f"expires_in_s must be between 1 and {max_ttl} (max_ttl_seconds)")
    now = time.time()
    entry.viewers = {k: v for k, v in entry.viewers.items() if v.expires_at >= now}
    if len(entry.viewers) >= MAX_VIEWERS:
        raise LimitExceeded(f"the session holds {MAX_VIEWERS} viewer tokens, as many as it may; revoke one first")
    token = secrets.token_urlsafe(32)
    viewer = Viewer(f"v{secrets.token_urlsafe(8)}", hash_token(token), now, now + life)
    entry.viewers[viewer.id] = viewer
    return viewer, token


def live_viewers(entry: Entry) -> list[Viewer]:
    now = time.time()
    return [v for v in entry.viewers.values() if v.expires_at >= now]


def revoke(entry: Entry, viewer_id: str) -> None:
    if entry.viewers.pop(viewer_id, None) is None:
        raise UnknownViewer(f"session {entry.id!r} has no viewer {viewer_id!r} (it may have been revoked)")
