"""A session as its host holds it (``Entry``), whose tokens open it for what, and a running call's
signals (``Job``).

An entry is the session and what its host keeps beside it: the token's hash (SHA-256; the token
itself is never kept), its viewers' token hashes, its time to live, the
markers of the idempotent calls that changed it, and its events' sequence number (its ``Feed``),
all written in the same state-file write as the change. A session's id starts with its host's name
(``cpu0.…``), which is how any server routes to it without a table.

Whose token a call carries, checked on the session's host: the owner's, or a viewer's (read-only).

A session has one owner token and up to ``MAX_VIEWERS`` viewer tokens, each with its own life, made
and revoked by the owner (service/api/viewers.py). Of every token only a SHA-256 is kept, compared
in constant time. A viewer token opens the calls a route row declares ``Access.READ`` (the GETs of
the session, its variables and graphs, export, and the events) and nothing else: any other call is a
403 (``ReadOnly``) that changes nothing. A viewer's calls do not keep the session alive: its life is
its owner's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from engine import DeviceUnavailable, InvalidRequest, LimitExceeded, Session, snapshot
from service.core.problems import AppliedBefore, ReadOnly, UnknownViewer
from service.durable import tensor_file
from service.durable.store import StateStore
from service.hosts.calls import Access
from service.hosts.feed import Feed

SEPARATOR = "."


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def host_of(session_id: str) -> str:
    """The host a session id names (``cpu0`` in ``cpu0.Xy…``)."""
    return session_id.partition(SEPARATOR)[0]


def no_host_for(device: str) -> DeviceUnavailable:
    return DeviceUnavailable(f"no host serves device {device!r}")


def markers_of(extra: dict[str, Any]) -> dict[str, dict[str, Any]]:
    markers = {}
    for m in extra.get("idempotency", []):
        if not (
            isinstance(m, dict)
            and isinstance(m.get("caller"), str)
            and isinstance(m.get("key"), str)
            and isinstance(m.get("fp"), str)
            and isinstance(m.get("at"), (int, float))
        ):
            raise ValueError(f"malformed idempotency marker {m!r}")
        markers[f"{m['caller']} {m['key']}"] = m
    return markers


@dataclass
class Viewer:
    """A read-only token of one session: its id (to list and revoke it), its hash, its life."""

    id: str
    token_hash: bytes
    created_at: float
    expires_at: float

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": iso(self.created_at), "expires_at": iso(self.expires_at)}


def viewers_of(extra: dict[str, Any]) -> dict[str, Viewer]:
    viewers = {}
    for v in extra.get("viewers", []):
        viewers[v["id"]] = Viewer(v["id"], bytes.fromhex(v["hash"]), float(v["created_at"]), float(v["expires_at"]))
    return viewers


@dataclass
class Entry:
    id: str
    session: Session
    token_hash: bytes
    ttl: int
    created_at: float
    last_used: float
    unused_ttl: int | None = None  # the shorter life of a session never called since it was made
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)  # idempotent calls that changed it
    viewers: dict[str, Viewer] = field(default_factory=dict)
    feed: Feed = field(default_factory=Feed)

    @property
    def lock(self) -> threading.RLock:
        """The session's one lock: the engine's, which its verbs take again (it is reentrant)."""
        return self.session.lock

    @property
    def expires_at(self) -> float:
        return self.last_used + (self.ttl if self.unused_ttl is None else min(self.ttl, self.unused_ttl))

    def extra(self, seq: int) -> dict[str, Any]:
        """What the state file holds beside the session (``seq``: its events' number as of this write)."""
        return {
            "id": self.id,
            "token_hash": self.token_hash.hex(),
            "ttl": self.ttl,
            "created_at": self.created_at,
            "last_used": self.last_used,
            "idempotency": list(self.markers.values()),
            "viewers": [
                {"id": v.id, "hash": v.token_hash.hex(), "created_at": v.created_at, "expires_at": v.expires_at}
                for v in self.viewers.values()
            ],
            "seq": seq,
        }

    @classmethod
    def restored(cls, session_id: str, session: Session, extra: dict[str, Any], backlog: int) -> Entry:
        """An entry as its state file holds it (files from before viewers and events have neither)."""
        return cls(
            session_id,
            session,
            bytes.fromhex(extra["token_hash"]),
            int(extra["ttl"]),
            float(extra["created_at"]),
            float(extra["last_used"]),
            markers=markers_of(extra),
            viewers=viewers_of(extra),
            feed=Feed(int(extra.get("seq", 0)), backlog),
        )


@dataclass
class Job:
    """A running call's signals: ``cancelled`` (the client went away), ``stop`` (end a loop after
    its step), and ``emit`` (an event to the caller, such as a training step's loss)."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    emit: Callable[[str, Any], None] = lambda name, data: None


def not_applied_before(entry: Entry, marker: dict[str, Any]) -> None:
    """A retry whose first call changed the session (and was written) but was never answered, its
    host having ended in between, is refused: the marker went into the same write as the change."""
    if f"{marker['caller']} {marker['key']}" in entry.markers:
        raise AppliedBefore(
            "the call with this Idempotency-Key was applied once, but its host ended before answering; it will"
            " not be applied again: read the current state instead"
        )


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def moved(session: Session, device: torch.device) -> Session:
    """A session read back or imported for another device, made again on this host's."""
    tensors, meta = snapshot.dump(session)
    return snapshot.load(tensors, meta, device, session.limits)


def read_marker(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def write_marker(path: Path, text: str) -> None:
    """A marker that outlives a crash of this process (not of the machine: no fsync needed for that)."""
    path.write_text(text)


def token_hash_in(store: StateStore, session_id: str) -> str:
    """The token hash a session's base file holds, if it can be read at all (for its quarantine note)."""
    try:
        with open(store.path(session_id), "rb") as f:
            header, _, _ = tensor_file.read_header(f, os.fstat(f.fileno()).st_size)
        token: str = json.loads(header["ags"])["token_hash"]
        return token
    except Exception:
        return ""


# --- whose token opens what -----------------------------------------------------------------------


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
