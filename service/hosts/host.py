"""A session host: the sessions of one device, and every call on them.

The same class runs inside the server (the ``inline`` backend) and alone in a host process
(``process``, service/hosts/worker.py). A call is authorised against the session's token hash,
serialised with the session's other calls (its lock), run within the time budget, and its
change written before the answer leaves (``persist``); a change that cannot be written is
undone, so only a 2xx ever leaves one applied. Every failure becomes a problem answer here, so
what goes back is always a finished HTTP answer.

Only a SHA-256 of each token is kept and compared in constant time; a wrong token answers
exactly like an unknown session (404). A session's id starts with its host's name
(``cpu0.…``), which is how any server routes to it without a table.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import torch

from engine import (
    DeviceUnavailable,
    EngineError,
    InvalidRequest,
    Limits,
    Session,
    budget,
    dtype_of,
    resolve_device,
    snapshot,
)
from service.core import problems
from service.core.config import Settings
from service.core.dispatch import Dispatch
from service.core.problems import AppliedBefore, SessionNotFound, StateWriteFailed
from service.durable.state import session_from_bytes, session_parts
from service.durable.store import StateStore
from service.hosts.calls import Call, Reply

log = logging.getLogger("autograd.host")
SEPARATOR = "."


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def host_of(session_id: str) -> str:
    """The host a session id names (``cpu0`` in ``cpu0.Xy…``)."""
    return session_id.partition(SEPARATOR)[0]


def no_host_for(device: str) -> DeviceUnavailable:
    return DeviceUnavailable(f"no host serves device {device!r}")


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

    @property
    def lock(self) -> threading.RLock:
        """The session's one lock: the engine's, which its verbs take again (it is reentrant)."""
        return self.session.lock

    @property
    def expires_at(self) -> float:
        return self.last_used + (self.ttl if self.unused_ttl is None else min(self.ttl, self.unused_ttl))


@dataclass
class Job:
    """A running call's signals: ``cancelled`` (the client went away), ``stop`` (end a loop after
    its step), ``emit`` (an event to the caller, such as a training step's loss) and ``started``
    (it holds its session now)."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    emit: Callable[[str, Any], None] = lambda name, data: None
    started: Callable[[], None] = lambda: None


@dataclass
class Context:
    """What a call's function gets: its host, its session (if any) and its job."""

    host: Host
    entry: Entry | None
    job: Job
    marker: dict[str, Any] | None = None
    applied: bool = False  # set by the calls that make or drop a session (create, import, delete)

    @property
    def session(self) -> Session:
        assert self.entry is not None, "a session call without a session"
        return self.entry.session


class Host:
    def __init__(self, name: str, device: torch.device, settings: Settings, store: StateStore | None) -> None:
        self.name = name
        self.device = device
        self.settings = settings
        self.store = store
        self.entries: dict[str, Entry] = {}
        threads = settings.cpu_threads if device.type == "cpu" else 1  # a GPU's one thread owns its stream
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix=f"ags-{name}")
        # a call that fsyncs before answering never runs on the receiving thread
        inline_bytes = 0 if store is not None and store.fsync_each else settings.inline_max_bytes
        self.dispatch = Dispatch(inline_bytes, settings.inline_max_flops)

    def limits(self) -> Limits:
        s = self.settings
        return Limits(
            s.max_tensor_elements, s.max_session_bytes, s.max_graph_nodes, s.max_tensor_dims, s.max_session_variables
        )

    # --- running calls ---------------------------------------------------------------------------

    def may_inline(self, call: Call) -> bool:
        """Whether ``call`` may be tried on the receiving thread (service/core/dispatch.py)."""
        if not call.inline:
            return False
        entry = None if call.session is None else self.entries.get(call.session)
        if call.session is not None and entry is None:
            return True  # it fails at once: unknown session
        return self.dispatch.inline(None if entry is None else entry.session, self.device, call.size)

    def run(self, call: Call, job: Job, inline_flops: float | None = None) -> Reply:
        """Run ``call`` to its answer. With ``inline_flops`` (tried on the receiving thread), raises
        ``budget.NotInline`` when it must run on the pool instead; nothing was touched then."""
        try:
            entry = None if call.session is None else self.authorize(call.session, call.token)
            lock = None if entry is None else entry.lock
            if lock is not None and not lock.acquire(blocking=inline_flops is None):
                raise budget.NotInline("the session is busy")
            job.started()  # its deadline counts from here, not from the wait for its session
            try:
                return self._run(call, job, entry, inline_flops)
            finally:
                if lock is not None:
                    lock.release()
        except budget.NotInline:
            raise
        except Exception as e:  # every failure leaves as a problem answer
            return Reply(call.id, problems.from_exception(e, log))

    def _run(self, call: Call, job: Job, entry: Entry | None, inline_flops: float | None) -> Reply:
        if entry is not None and call.marker is not None:
            _not_applied_before(entry, call.marker)
        ctx = Context(self, entry, job, call.marker)
        before = None if entry is None else entry.session.generation
        with budget.limit(self.settings.max_compute_seconds, cancelled=job.cancelled, inline_flops=inline_flops):
            answer = call.fn(ctx, *call.args)
        if entry is not None and entry.session.generation != before and entry.id in self.entries:
            self.persist(entry, call.marker)
            ctx.applied = True
        return Reply(call.id, answer, ctx.applied)

    # --- sessions --------------------------------------------------------------------------------

    def create(self, dtype: str, ttl_seconds: int | None, marker: dict[str, Any] | None) -> tuple[Entry, str]:
        dt = dtype_of(dtype)
        if not dt.is_floating_point:
            raise InvalidRequest(f"a session's default dtype must be floating point, not {dtype!r}")
        entry, token = self.adopt(Session(self.device, dt, self.limits()), ttl_seconds, marker)
        entry.unused_ttl = self.settings.unused_ttl_seconds
        return entry, token

    def adopt(
        self, session: Session, ttl_seconds: int | None, marker: dict[str, Any] | None = None
    ) -> tuple[Entry, str]:
        """Register ``session`` under a new id and token, written before it is answered."""
        s = self.settings
        ttl = s.default_ttl_seconds if ttl_seconds is None else ttl_seconds
        if not 1 <= ttl <= s.max_ttl_seconds:
            raise InvalidRequest(f"ttl_seconds must be between 1 and {s.max_ttl_seconds}")
        if session.device != self.device:
            session = _moved(session, self.device)
        self.sweep()
        token = secrets.token_urlsafe(32)
        now = time.time()
        entry = Entry(f"{self.name}{SEPARATOR}{secrets.token_urlsafe(12)}", session, _hash(token), ttl, now, now)
        self.persist(entry, marker)
        self.entries[entry.id] = entry
        return entry, token

    def serves(self, device: str) -> None:
        """Refuse, as the router would have, sessionless work for a device this host is not on."""
        wanted = resolve_device(device)
        if wanted != self.device:
            raise no_host_for(str(wanted))

    def authorize(self, session_id: str, token_hash: bytes) -> Entry:
        entry = self.entries.get(session_id)
        expected = entry.token_hash if entry is not None else _hash(secrets.token_urlsafe(32))
        if entry is None or not hmac.compare_digest(token_hash, expected) or entry.expires_at < time.time():
            raise SessionNotFound(f"no session {session_id!r} for this token (it may have expired or been deleted)")
        entry.last_used = time.time()
        entry.unused_ttl = None
        return entry

    def persist(self, entry: Entry, marker: dict[str, Any] | None) -> None:
        """Write the session, with the marker of the idempotent call that changed it, before any answer.

        A write that fails undoes the change (the session comes back from its file, the last
        acknowledged state), so no answer but a 2xx ever leaves a change applied.
        """
        if self.store is None:
            return
        cutoff = time.time() - self.settings.idempotency_ttl_seconds
        if marker is not None:
            entry.markers[f"{marker['caller']} {marker['key']}"] = marker
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
            tensors, header = session_parts(entry.session, extra)
            self.store.save(entry.id, tensors, header, entry.session.stepped)
            entry.session.stepped.clear()
        except Exception as e:  # whatever failed, the change must not outlive its error answer
            self._roll_back(entry)
            if isinstance(e, EngineError):
                raise
            log.error("could not write a session", extra={"session": entry.id, "error": repr(e)})
            raise StateWriteFailed(
                f"the change was not applied: writing the session's durable state failed ({type(e).__name__})",
                headers={"Retry-After": "1"},
            ) from e

    def _roll_back(self, entry: Entry) -> None:
        """Put a session back as of its file; one that was never written is simply not kept."""
        assert self.store is not None
        try:
            raw = self.store.read(entry.id)
        except FileNotFoundError:
            return
        self.store.forget(entry.id)
        try:
            restored, extra = session_from_bytes(raw, self.limits())
            restored.lock = entry.session.lock  # held by this call, and awaited by the session's next
            entry.session, entry.markers = restored, _markers(extra)
        except Exception as e:  # the file is unusable: drop the session rather than keep an unwritten change
            self.entries.pop(entry.id, None)
            self.store.quarantine(entry.id, repr(e))

    def restore(self) -> int:
        """Bring back this host's persisted sessions that have not expired; returns how many.

        A file that cannot come back (unreadable, inconsistent) goes to quarantine with a log
        line; it never stops the others or the host from starting.
        """
        if self.store is None:
            return 0
        now = time.time()
        for session_id, raw in self.store.load_all(prefix=self.name + SEPARATOR):
            try:
                session, extra = session_from_bytes(raw, self.limits())
                if session.device != self.device:
                    session = _moved(session, self.device)
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

    def delete(self, entry: Entry) -> None:
        """Forget a session (its caller holds its lock, so no late write brings it back)."""
        self.entries.pop(entry.id, None)
        if self.store is not None:
            self.store.delete(entry.id)

    def sweep(self, now: float | None = None) -> int:
        """Drop expired sessions whose lock is free; returns how many."""
        now = time.time() if now is None else now
        dropped = 0
        for entry in [e for e in self.entries.values() if e.expires_at < now]:
            if not entry.lock.acquire(blocking=False):
                continue
            try:
                self.delete(entry)
                dropped += 1
            finally:
                entry.lock.release()
        return dropped

    def stats(self) -> dict[str, Any]:
        """Sessions, the bytes their tensors hold, and the live ids (for the idempotency records)."""
        self.sweep()
        entries = list(self.entries.values())
        return {
            "name": self.name,
            "device": str(self.device),
            "sessions": len(entries),
            "bytes": sum(e.session.nbytes() for e in entries),
            "ids": [e.id for e in entries],
        }

    def markers(self) -> list[dict[str, Any]]:
        """The idempotent calls this host's sessions say were applied."""
        return [m for entry in self.entries.values() for m in entry.markers.values()]

    def close(self) -> None:
        """Let the running calls finish (and write), then stop the threads."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            self.store.close()


def _not_applied_before(entry: Entry, marker: dict[str, Any]) -> None:
    """A retry whose first call changed the session (and was written) but was never answered, its
    host having ended in between, is refused: the marker went into the same write as the change."""
    if f"{marker['caller']} {marker['key']}" in entry.markers:
        raise AppliedBefore(
            "the call with this Idempotency-Key was applied once, but its host ended before answering; it will"
            " not be applied again: read the current state instead"
        )


def _hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _moved(session: Session, device: torch.device) -> Session:
    """A session read back or imported for another device, made again on this host's."""
    tensors, meta = snapshot.dump(session)
    return snapshot.load(tensors, meta, device, session.limits)


# --- the host's own calls (no HTTP answer) ---------------------------------------------------------


def touch(ctx: Context) -> None:
    """Nothing: the call's authorisation is the point (service/api/deps.py)."""


def stats(ctx: Context) -> dict[str, Any]:
    return ctx.host.stats()


def markers(ctx: Context) -> list[dict[str, Any]]:
    return ctx.host.markers()
