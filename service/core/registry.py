"""Live sessions: creation, bearer-token checks, idle expiry, and running work on their device.

Only a SHA-256 of each token is kept; a presented token is hashed and compared in constant
time. A wrong token answers exactly like an unknown session (404), so ids leak nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import math
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from engine import EngineError, InvalidRequest, Limits, Session, Workers, budget, dtype_of, resolve_device
from service.core.config import Settings
from service.core.dispatch import Dispatch
from service.core.problems import SessionNotFound, StateWriteFailed, TooManySessions, Unauthorized
from service.core.state import StateStore, session_bytes, session_from_bytes
from service.middleware import idempotency
from service.middleware.logging import CLIENT_RECEIVE

log = logging.getLogger("autograd.registry")

T = TypeVar("T")


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _markers(extra: dict[str, Any]) -> dict[str, dict[str, Any]]:
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


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Entry:
    id: str
    session: Session
    token_hash: bytes
    ttl: int
    created_at: float
    last_used: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    unused_ttl: int | None = None  # the shorter life of a session never called since it was made
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)  # idempotent calls that changed it

    @property
    def expires_at(self) -> float:
        return self.last_used + (self.ttl if self.unused_ttl is None else min(self.ttl, self.unused_ttl))


class CreationRate:
    """A token bucket per client: ``burst`` sessions at once, then ``rate`` per second.

    One client filling ``max_sessions`` would lock every other client out for a session's whole
    life; with this and the short life of unused sessions, one client can hold at most about
    ``burst + rate * unused_ttl_seconds`` sessions it does not use.
    """

    MAX_CLIENTS = 10_000

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)

    def take(self, client: str, now: float | None = None) -> float:
        """0 if ``client`` may create a session now (and counts it), else the seconds to wait."""
        now = time.monotonic() if now is None else now
        tokens, then = self.buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate if self.rate > 0 else float("inf")
        self.buckets[client] = (tokens - 1, now)
        while len(self.buckets) > self.MAX_CLIENTS:  # the longest-idle clients go first
            self.buckets.pop(next(iter(self.buckets)))
        return 0.0


class Registry:
    def __init__(self, settings: Settings, workers: Workers, store: StateStore | None = None) -> None:
        self.settings = settings
        self.workers = workers
        # a durable server fsyncs on every change: never on the event loop, so never inline
        inline_bytes = 0 if store is not None else settings.inline_max_bytes
        self.dispatch = Dispatch(workers, inline_bytes, settings.inline_max_flops)
        self.store = store
        self.entries: dict[str, Entry] = {}
        self.creation = CreationRate(settings.session_create_rate, settings.session_create_burst)

    def limits(self) -> Limits:
        s = self.settings
        return Limits(
            s.max_tensor_elements, s.max_session_bytes, s.max_graph_nodes, s.max_tensor_dims, s.max_session_variables
        )

    def create(
        self, device: str = "auto", dtype: str = "float32", ttl_seconds: int | None = None, client: str = ""
    ) -> tuple[Entry, str]:
        dt = dtype_of(dtype)
        if not dt.is_floating_point:
            raise InvalidRequest(f"a session's default dtype must be floating point, not {dtype!r}")
        session = Session(resolve_device(device), dt, self.limits())
        self.admit(client)
        entry, token = self.adopt(session, ttl_seconds)
        entry.unused_ttl = self.settings.unused_ttl_seconds
        return entry, token

    def admit(self, client: str) -> None:
        """Refuse (429) a client creating sessions faster than its rate allows."""
        wait = self.creation.take(client)
        if wait > 0:
            s = self.settings
            raise TooManySessions(
                f"this client creates sessions faster than {s.session_create_rate} per second (burst"
                f" {s.session_create_burst}; session_create_rate); retry in {wait:.1f} s",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )

    def adopt(self, session: Session, ttl_seconds: int | None = None) -> tuple[Entry, str]:
        """Register ``session`` under a new id and token (and persist it when durable)."""
        s = self.settings
        self.sweep()
        if len(self.entries) >= s.max_sessions:
            raise TooManySessions(
                f"the server holds {len(self.entries)} sessions, its limit (max_sessions); delete one or retry later",
                headers={"Retry-After": str(int(max(1, s.sweep_interval_seconds)))},
            )
        ttl = s.default_ttl_seconds if ttl_seconds is None else ttl_seconds
        if not 1 <= ttl <= s.max_ttl_seconds:
            raise InvalidRequest(f"ttl_seconds must be between 1 and {s.max_ttl_seconds}")
        token = secrets.token_urlsafe(32)
        now = time.time()
        entry = Entry(secrets.token_urlsafe(12), session, _hash(token), ttl, now, now)
        self._persist(entry)
        self.entries[entry.id] = entry
        return entry, token

    def _persist(self, entry: Entry) -> None:
        """Write the session, with the marker of the idempotent call that changed it, before any answer.

        A write that fails undoes the change (the session comes back from its file, the last
        acknowledged state), so no answer but a 2xx ever leaves a change applied.
        """
        claim = idempotency.current_claim()
        if self.store is None:
            if claim is not None:
                claim.applied = True
            return
        cutoff = time.time() - self.settings.idempotency_ttl_seconds
        if claim is not None:
            entry.markers[f"{claim.caller} {claim.key}"] = claim.marker()
        entry.markers = {k: m for k, m in entry.markers.items() if m["at"] >= cutoff}
        extra = {
            "id": entry.id,
            "token_hash": entry.token_hash.hex(),
            "ttl": entry.ttl,
            "created_at": entry.created_at,
            "last_used": entry.last_used,
            "idempotency": list(entry.markers.values()),
        }
        try:
            self.store.save(entry.id, session_bytes(entry.session, extra))
        except Exception as e:  # whatever failed, the change must not outlive its error answer
            self._roll_back(entry)
            if isinstance(e, EngineError):
                raise
            log.error("could not write a session", extra={"session": entry.id, "error": repr(e)})
            raise StateWriteFailed(
                f"the change was not applied: writing the session's durable state failed ({type(e).__name__})",
                headers={"Retry-After": "1"},
            ) from e
        if claim is not None:
            claim.applied = True

    def _roll_back(self, entry: Entry) -> None:
        """Put a session back as of its file; one that was never written is simply not kept."""
        assert self.store is not None
        try:
            raw = self.store.read(entry.id)
        except FileNotFoundError:
            return
        try:
            entry.session, extra = session_from_bytes(raw, self.limits())
            entry.markers = _markers(extra)
        except Exception as e:  # the file is unusable: drop the session rather than keep an unwritten change
            self.entries.pop(entry.id, None)
            self.store.quarantine(entry.id, repr(e))

    def restore(self) -> int:
        """Bring back every persisted session that has not expired; returns how many.

        A file that cannot come back (unreadable, inconsistent) goes to quarantine with a log
        line; it never stops the others or the server from starting.
        """
        if self.store is None:
            return 0
        now = time.time()
        for session_id, raw in self.store.load_all():
            try:
                session, extra = session_from_bytes(raw, self.limits())
                entry = Entry(
                    session_id,
                    session,
                    bytes.fromhex(extra["token_hash"]),
                    int(extra["ttl"]),
                    float(extra["created_at"]),
                    float(extra["last_used"]),
                    markers=_markers(extra),
                )
            except Exception as e:  # any reason at all: quarantine this one, restore the rest
                self.store.quarantine(session_id, e.detail if isinstance(e, EngineError) else repr(e))
                continue
            if entry.expires_at < now:
                self.store.delete(session_id)
                continue
            self.entries[session_id] = entry
        return len(self.entries)

    def markers(self) -> list[dict[str, Any]]:
        """The idempotent calls the restored sessions say were applied (service/middleware/idempotency.py)."""
        return [m for entry in self.entries.values() for m in entry.markers.values()]

    def authorize(self, session_id: str, authorization: str | None) -> Entry:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "this route needs 'Authorization: Bearer <token>', the token given when the session was made"
            )
        entry = self.entries.get(session_id)
        presented = _hash(token.strip())
        expected = entry.token_hash if entry is not None else _hash(secrets.token_urlsafe(32))
        if entry is None or not hmac.compare_digest(presented, expected) or entry.expires_at < time.time():
            raise SessionNotFound(f"no session {session_id!r} for this token (it may have expired or been deleted)")
        entry.last_used = time.time()
        entry.unused_ttl = None
        return entry

    async def delete(self, entry: Entry) -> None:
        """Forget a session once its running call is done, so no late write brings it back."""
        async with entry.lock:
            self.entries.pop(entry.id, None)
            if self.store is not None:
                await asyncio.to_thread(self.store.delete, entry.id)

    def sweep(self, now: float | None = None) -> int:
        """Drop expired sessions; returns how many."""
        now = time.time() if now is None else now
        expired = [sid for sid, e in self.entries.items() if e.expires_at < now]
        for sid in expired:
            del self.entries[sid]
            if self.store is not None:
                self.store.delete(sid)
        return len(expired)

    async def run(self, entry: Entry, fn: Callable[[], T], *, inline: bool = True) -> T:
        """Run ``fn`` for the session, one call per session at a time, within the time budget.

        A client that disconnects cancels the call at its next budget check (nothing applied).
        """
        cancelled = threading.Event()

        def work(inline_flops: float | None) -> T:
            before = entry.session.generation
            with budget.limit(self.settings.max_compute_seconds, cancelled=cancelled, inline_flops=inline_flops):
                result = fn()
            if entry.session.generation != before and entry.id in self.entries:
                self._persist(entry)
            return result

        async with entry.lock, _watching_disconnect(cancelled):
            return await self.dispatch.run(entry.session, work, inline=inline)

    async def run_free(self, device_spec: str, fn: Callable[[], T]) -> T:
        """Run sessionless work (the stateless routes) on a device worker."""
        cancelled = threading.Event()

        def work() -> T:
            with budget.limit(self.settings.max_compute_seconds, cancelled=cancelled):
                return fn()

        async with _watching_disconnect(cancelled):
            return await asyncio.wrap_future(self.workers.submit(resolve_device(device_spec), work))


@contextlib.asynccontextmanager
async def _watching_disconnect(cancelled: threading.Event) -> AsyncIterator[None]:
    """Set ``cancelled`` if the client disconnects while the block runs."""
    receive = CLIENT_RECEIVE.get()

    async def watch() -> None:
        assert receive is not None
        while (await receive())["type"] != "http.disconnect":
            pass
        cancelled.set()

    task = None if receive is None else asyncio.create_task(watch())
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
