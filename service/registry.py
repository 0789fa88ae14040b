"""Live sessions: creation, bearer-token checks, idle expiry, and running work on their device.

Only a SHA-256 of each token is kept; a presented token is hashed and compared in constant
time. A wrong token answers exactly like an unknown session (404), so ids leak nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from engine import Limits, Session, Workers, resolve_device
from engine.errors import InvalidRequest
from engine.tensors import dtype_of
from service.config import Settings
from service.problems import SessionNotFound, TooManySessions, Unauthorized

T = TypeVar("T")


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


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

    @property
    def expires_at(self) -> float:
        return self.last_used + self.ttl


class Registry:
    def __init__(self, settings: Settings, workers: Workers) -> None:
        self.settings = settings
        self.workers = workers
        self.entries: dict[str, Entry] = {}

    def limits(self) -> Limits:
        s = self.settings
        return Limits(s.max_tensor_elements, s.max_session_bytes, s.max_graph_nodes)

    def create(self, device: str = "auto", dtype: str = "float32", ttl_seconds: int | None = None) -> tuple[Entry, str]:
        s = self.settings
        self.sweep()
        if len(self.entries) >= s.max_sessions:
            raise TooManySessions(
                f"the server holds {len(self.entries)} sessions, its limit (max_sessions); delete one or retry later",
                headers={"Retry-After": str(int(max(1, s.sweep_interval_seconds)))},
            )
        dt = dtype_of(dtype)
        if not dt.is_floating_point:
            raise InvalidRequest(f"a session's default dtype must be floating point, not {dtype!r}")
        ttl = s.default_ttl_seconds if ttl_seconds is None else ttl_seconds
        if not 1 <= ttl <= s.max_ttl_seconds:
            raise InvalidRequest(f"ttl_seconds must be between 1 and {s.max_ttl_seconds}")
        session = Session(resolve_device(device), dt, self.limits())
        token = secrets.token_urlsafe(32)
        now = time.time()
        entry = Entry(secrets.token_urlsafe(12), session, _hash(token), ttl, now, now)
        self.entries[entry.id] = entry
        return entry, token

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
        return entry

    def delete(self, session_id: str) -> None:
        self.entries.pop(session_id, None)

    def sweep(self, now: float | None = None) -> int:
        """Drop expired sessions; returns how many."""
        now = time.time() if now is None else now
        expired = [sid for sid, e in self.entries.items() if e.expires_at < now]
        for sid in expired:
            del self.entries[sid]
        return len(expired)

    async def run(self, entry: Entry, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the session's device worker, one call per session at a time."""
        async with entry.lock:
            return await asyncio.wrap_future(self.workers.submit(entry.session.device, fn))

    async def run_free(self, device_spec: str, fn: Callable[[], T]) -> T:
        """Run sessionless work (the stateless routes) on a device worker."""
        return await asyncio.wrap_future(self.workers.submit(resolve_device(device_spec), fn))
