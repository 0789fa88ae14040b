"""A session host: the sessions of one device, and every call on them.

The same class runs inside the server (the ``inline`` backend) and alone in a host process
(``process``, service/hosts/worker.py). A call is authorised against the session's token hash,
serialised with the session's other calls (its lock), run within the time budget, and its
change written before the answer leaves (``persist``). A change that cannot be written, or whose
answer cannot be made (it fails to render, say), is undone from the files, so only a 2xx ever
leaves one applied. Every failure becomes a problem answer here, so what goes back is always a
finished HTTP answer. A session that cannot be served (its files damaged, or it ended its host
twice) is quarantined: its files kept aside, its owner answered 410.

Only a SHA-256 of each token is kept and compared in constant time; a wrong token answers
exactly like an unknown session (404), a viewer token on a call that changes the session 403
(service/hosts/entry.py). What a call changed is published to the session's watchers once it is
written (service/hosts/feed.py). A session's id starts with its host's name (``cpu0.…``), which is
how any server routes to it without a table.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import torch
from starlette.responses import Response

from engine import (
    EngineError,
    InvalidRequest,
    Session,
    budget,
    dtype_of,
    resolve_device,
)
from service.core import problems
from service.core.config import Settings
from service.core.problems import SessionNotFound, StateWriteFailed
from service.durable.state import session_from_parts, session_parts
from service.durable.store import StateStore
from service.hosts.admission import Dispatch
from service.hosts.calls import Access, Answer, Call, Reply, SessionEventType
from service.hosts.entry import (
    OWNER,
    SEPARATOR,
    Entry,
    Job,
    allow,
    hash_token,
    markers_of,
    moved,
    no_host_for,
    not_applied_before,
    role_of,
    viewers_of,
)
from service.hosts.feed import Feed, Note, Outbox
from service.hosts.restore import Restoring
from service.wire import views

log = logging.getLogger("autograd.host")


@dataclass
class Context:
    """What a call's function gets: its host, its session (if any) and its job."""

    host: Host
    entry: Entry | None
    job: Job
    marker: dict[str, Any] | None = None
    applied: bool = False  # set by the calls that make or drop a session (create, import, delete)
    counted: tuple[bool, bool] | None = None  # what a success counts, when only the host knows the body
    notes: list[Note] = field(default_factory=list)  # what it changed, for the watchers (``note``)
    rewrite: bool = False  # write the entry though the session did not change (its viewer tokens did)

    @property
    def session(self) -> Session:
        assert self.entry is not None, "a session call without a session"
        return self.entry.session

    def note(self, kind: SessionEventType, make: Callable[[], Any]) -> None:
        """An event of this change: ``make()`` gives its data, made only if someone watches the session."""
        self.notes.append((kind, make))


class Host(Restoring):
    def __init__(self, name: str, device: torch.device, settings: Settings, store: StateStore | None) -> None:
        self.name = name
        self.device = device
        self.settings = settings
        self.store = store
        self.entries: dict[str, Entry] = {}
        self.quarantined: list[str] = []  # sessions taken out of service since this host started
        self.outbox = Outbox()  # where the events of the sessions a server watches leave
        self.held: dict[str, tuple[Entry, int]] = {}  # changed by held calls, not written yet: (entry, locks held)
        threads = settings.cpu_threads if device.type == "cpu" else 1  # a GPU's one thread owns its stream
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix=f"ags-{name}")
        # a call that fsyncs before answering never runs on the receiving thread
        quick_bytes = 0 if store is not None and store.fsync_each else settings.quick_max_bytes
        self.dispatch = Dispatch(quick_bytes, settings.quick_max_flops)

    # --- running calls ---------------------------------------------------------------------------

    def is_quick(self, call: Call) -> bool:
        """Whether ``call`` may be tried on the receiving thread (service/hosts/admission.py)."""
        if not call.quick:
            return False
        entry = None if call.session is None else self.entries.get(call.session)
        if call.session is not None and entry is None:
            return True  # it fails at once: unknown session
        return self.dispatch.quick(None if entry is None else entry.session, self.device, call.size)

    def run(self, call: Call, job: Job, quick_flops: float | None = None, hold: bool = False) -> Reply:
        """Run ``call`` to its answer. With ``quick_flops`` (tried on the reader), raises
        ``budget.NotQuick`` when it must run on the runner instead; nothing was touched then. With
        ``hold``, a change is not written yet: the session stays locked until ``commit`` writes it."""
        try:
            entry = None if call.session is None else self.authorize(call.session, call.token, call.access)[0]
            lock = None if entry is None else entry.lock
            if lock is not None and not lock.acquire(blocking=quick_flops is None):
                raise budget.NotQuick("the session is busy")
            kept = False
            try:
                reply, kept = self._run(call, job, entry, quick_flops, hold)
                return reply
            finally:
                if lock is not None and not kept:
                    lock.release()
        except budget.NotQuick:
            raise
        except Exception as e:  # every failure leaves as a problem answer
            return Reply(call.id, answer_of(problems.from_exception(e, log)))

    def _run(
        self, call: Call, job: Job, entry: Entry | None, quick_flops: float | None, hold: bool
    ) -> tuple[Reply, bool]:
        if entry is not None and call.marker is not None:
            not_applied_before(entry, call.marker)
        ctx = Context(self, entry, job, call.marker)
        views.begin()
        before = None if entry is None else entry.session.generation
        try:
            with budget.limit(self.settings.max_compute_seconds, cancelled=job.cancelled, quick_flops=quick_flops):
                result = call.fn(ctx, *call.args)
        except BaseException:
            if entry is not None and entry.session.generation != before:
                self._roll_back(entry)  # a change whose answer failed (to render, say) is not kept
            raise
        kept = False
        if entry is not None and (entry.session.generation != before or ctx.rewrite) and entry.id in self.entries:
            entry.feed.number(ctx.notes)
            if hold:
                if call.marker is not None:
                    entry.markers[f"{call.marker['caller']} {call.marker['key']}"] = call.marker
                self.held[entry.id] = (entry, self.held.get(entry.id, (entry, 0))[1] + 1)
                kept = True
            else:
                self.persist(entry, call.marker)
                self.outbox.publish(entry.id, entry.feed)
            ctx.applied = True
        if isinstance(result, Response):
            return Reply(call.id, answer_of(result, ctx.counted), applied=ctx.applied), kept
        return Reply(call.id, value=result, applied=ctx.applied), kept

    def commit(self) -> dict[str, Answer]:
        """Write every session changed by held calls, once each, and unlock them (group commit: one
        write for a run of calls on a session). Returns the problem answer of each session whose write
        failed: its held calls were undone with it, and are answered with that problem."""
        failed: dict[str, Answer] = {}
        held, self.held = self.held, {}
        for session_id, (entry, times) in held.items():
            try:
                if session_id in self.entries:
                    self.persist(entry, None)
                    self.outbox.publish(entry.id, entry.feed)
            except Exception as e:
                failed[session_id] = answer_of(problems.from_exception(e, log))
            finally:
                for _ in range(times):
                    entry.lock.release()
        return failed

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
            session = moved(session, self.device)
        self.sweep()
        token = secrets.token_urlsafe(32)
        now = time.time()
        entry = Entry(f"{self.name}{SEPARATOR}{secrets.token_urlsafe(12)}", session, hash_token(token), ttl, now, now)
        entry.feed = Feed(0, s.event_backlog)
        self.persist(entry, marker)
        self.entries[entry.id] = entry
        return entry, token

    def require_device(self, device: str) -> None:
        """Refuse, as the router would have, sessionless work for a device this host is not on."""
        wanted = resolve_device(device)
        if wanted != self.device:
            raise no_host_for(str(wanted))

    def authorize(self, session_id: str, token_hash: bytes, access: Access = Access.OWNER) -> tuple[Entry, str]:
        """The session a token opens for a call of this ``access``, and the token's role in it."""
        now = time.time()
        entry = self.entries.get(session_id)
        role = role_of(entry, token_hash, now) if entry is not None else None
        if entry is None or role is None or entry.expires_at < now:
            if entry is None:
                self._quarantined(session_id, token_hash)
            raise SessionNotFound(f"no session {session_id!r} for this token (it may have expired or been deleted)")
        allow(entry, role, access)
        if role == OWNER:
            entry.last_used = now
            entry.unused_ttl = None
        return entry, role

    def persist(self, entry: Entry, marker: dict[str, Any] | None, rebase: bool = False) -> None:
        """Write the session, with the marker of the idempotent call that changed it (and the number of
        its last event, taken by the changes this write holds), before any answer.

        A write that fails undoes the change (the session comes back from its file, the last
        acknowledged state), so no answer but a 2xx ever leaves a change applied.
        """
        if self.store is None:
            return
        cutoff = time.time() - self.settings.idempotency_ttl_seconds
        if marker is not None:
            entry.markers[f"{marker['caller']} {marker['key']}"] = marker
        entry.markers = {k: m for k, m in entry.markers.items() if m["at"] >= cutoff}
        try:
            tensors, header = session_parts(entry.session, entry.extra(entry.feed.next))
            self.store.save(entry.id, tensors, header, entry.session.stepped, rebase)
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
        """Put a session back as of its files; one that was never written is simply not kept."""
        entry.feed.withdraw()
        if self.store is None:
            return
        try:
            tensors, header = self.store.load(entry.id)
        except FileNotFoundError:
            self.entries.pop(entry.id, None)
            return
        except Exception as e:  # the files are unusable: drop the session rather than keep an unwritten change
            self.entries.pop(entry.id, None)
            self.quarantine(entry.id, f"its files could not be read back after a failed call: {e!r}")
            return
        self.store.forget(entry.id)
        try:
            restored, extra = session_from_parts(tensors, header, self.limits())
            restored.lock = entry.session.lock  # held by this call, and awaited by the session's next
            entry.session, entry.markers, entry.viewers = restored, markers_of(extra), viewers_of(extra)
        except Exception as e:
            self.entries.pop(entry.id, None)
            self.quarantine(entry.id, repr(e))

    def delete(self, entry: Entry, reason: str = "deleted") -> None:
        """Forget a session (its caller holds its lock, so no late write brings it back); its watchers
        are told why, in its last event."""
        self.entries.pop(entry.id, None)
        if self.store is not None:
            self.store.delete(entry.id)
        self.outbox.end(entry.id, entry.feed, reason)

    def sweep(self, now: float | None = None) -> int:
        """Drop expired sessions whose lock is free; returns how many."""
        now = time.time() if now is None else now
        dropped = 0
        for entry in [e for e in self.entries.values() if e.expires_at < now]:
            if not entry.lock.acquire(blocking=False):
                continue
            try:
                self.delete(entry, "expired")
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
        """Let the running calls finish (and write), compact each session's files into one, stop."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self.store is None:
            return
        for entry in list(self.entries.values()):
            if entry.id in self.store.written and self.store.log_path(entry.id).exists():
                try:
                    self.persist(entry, None, rebase=True)
                except Exception as e:  # its log stays; the next start reads it
                    log.error("could not compact a session", extra={"session": entry.id, "error": repr(e)})
        self.store.close()


# --- the host's own questions (answered beside the calls, never queued behind them) -----------------


def verify(host: Host, session_id: str, token_hash: bytes, access: Access) -> str:
    """Check a token before the call's body is read (service/api/deps.py): raises the refusal, else
    answers the token's role (``OWNER``, or the viewer's id)."""
    return host.authorize(session_id, token_hash, access)[1]


def stats(host: Host) -> dict[str, Any]:
    return host.stats()


def markers(host: Host) -> list[dict[str, Any]]:
    return host.markers()


def answer_of(response: Response, counted: tuple[bool, bool] | None = None) -> Answer:
    """A finished response as it crosses to the server: its bytes, headers and what it counts."""
    body = response.body if isinstance(response.body, bytes) else bytes(response.body)
    kind = response.kind if isinstance(response, problems.Problem) else None
    return Answer(response.status_code, response.raw_headers, body, kind, counted)
