"""The server's side of the sessions: routing calls to their hosts, placement, and per-client limits.

Sessions live in hosts (service/hosts/); here is only what routing needs. A session's id names
its host, so there is no table; a token is checked by the host, which has the last word, and the
role of each token a host accepted (its owner's, or a viewer's: a session has several) is
remembered here, for the caller an Idempotency-Key belongs to. Calls on one session are queued here
(one at a time per session from this server) and again in the host (one at a time from anywhere).

A call the host has not answered when its host ends is a 503 with ``Retry-After``: it was not
acknowledged, and with the same Idempotency-Key a retry applies once (the host keeps the
markers of the calls it applied with their change, and refuses a second application, 409).

Of the request, the relay knows only what the route hands it: its ``Facts`` (service/middleware/facts.py),
the body's size, the client's channel and the Idempotency-Key's claim.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import math
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from engine import InvalidRequest, dtype_of, resolve_device
from service.core.config import Settings
from service.core.problems import HostUnavailable, SessionNotFound, TooManySessions, Unauthorized
from service.hosts.calls import Access, Call, Relayed, Reply, Signal
from service.hosts.entry import OWNER, host_of, no_host_for
from service.hosts.seam import Backend, HostLost
from service.middleware.facts import Facts

log = logging.getLogger("autograd.relay")
UNKNOWN_SESSION = "/problems/unknown-session"
READ_ONLY = "/problems/read-only"
MAX_TOKENS = 100_000
WATCH_AFTER_S = 0.05  # a call still running this long has its client watched for a disconnect


class Refused(Exception):
    """A call run for its value (``Relay.value``) was refused: ``answer`` is its problem answer."""

    def __init__(self, answer: Relayed) -> None:
        super().__init__(answer.problem)
        self.answer = answer


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


@dataclass
class SessionRef:
    """A session as a request names it: its id, its host, the hash of the token presented, and what the
    route needs of that token (its row's ``access``)."""

    id: str
    host_name: str
    token_hash: bytes
    known: bool = False  # the host has accepted this token before: ``role`` is its role
    access: Access = Access.OWNER
    role: str = OWNER
    stranger: bool = False  # the host has accepted other tokens of this session, not this one (yet)


@dataclass
class Running:
    """A call started with ``begin``: its answer to come, and its host for signals."""

    relay: Relay
    host_name: str
    call: Call
    task: asyncio.Task[Relayed]

    def stop(self) -> None:
        """Ask a loop (train) to end after its current step."""
        self.relay.backend.signal(self.host_name, self.call.id, Signal.STOP)


class Relay:
    def __init__(self, settings: Settings, backend: Backend) -> None:
        self.settings = settings
        self.backend = backend
        self.devices = {s.name: s.device for s in backend.specs}
        kinds = set(self.devices.values())  # one kind of host: sessionless work needs no body to route
        self.sole_device = kinds.pop() if len(kinds) == 1 else None
        self.stats: dict[str, dict[str, Any]] = {s.name: {"sessions": 0, "bytes": 0, "ids": []} for s in backend.specs}
        self.creation = CreationRate(settings.session_create_rate, settings.session_create_burst)
        self.tokens: OrderedDict[str, dict[bytes, str]] = OrderedDict()  # session -> accepted token -> role
        self.locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self.ids = itertools.count(1)
        self.durability = settings.written_durability

    # --- where ------------------------------------------------------------------------------------

    def hosts_of(self, device: str) -> list[str]:
        dev = str(resolve_device(device))
        names = [n for n, d in self.devices.items() if d == dev]
        if not names:
            raise no_host_for(dev)
        return names

    def place(self, device: str) -> str:
        """The least-loaded host of the device: fewest sessions, then fewest calls in flight."""
        return min(self.hosts_of(device), key=lambda n: (self.stats[n]["sessions"], self.backend.in_flight(n)))

    def least_busy(self, device: str) -> str:
        return min(self.hosts_of(device), key=self.backend.in_flight)

    @property
    def sessions(self) -> int:
        return sum(s["sessions"] for s in self.stats.values())

    # --- sessions ---------------------------------------------------------------------------------

    async def create(
        self,
        fn: Callable[..., Response],
        *args: Any,
        facts: Facts,
        device: str = "cpu",
        dtype: str = "float32",
        client: str = "",
    ) -> Relayed:
        """Run ``fn`` (a session-making call) on the least-loaded host of ``device``, within the limits."""
        dt = dtype_of(dtype)
        if not dt.is_floating_point:
            raise InvalidRequest(f"a session's default dtype must be floating point, not {dtype!r}")
        name = self.place(device)
        self.admit(client)
        s = self.settings
        if self.sessions >= s.max_sessions:
            raise TooManySessions(
                f"the server holds {self.sessions} sessions, its limit (max_sessions); delete one or retry later",
                headers={"Retry-After": str(int(max(1, s.sweep_interval_seconds)))},
            )
        answer = _relayed(await self._reply(name, self.new_call(fn, args, facts), facts, None))
        if answer.status_code == 201:
            self.stats[name]["sessions"] += 1
        return answer

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

    def authorize(self, session_id: str, authorization: str | None, access: Access = Access.OWNER) -> SessionRef:
        """The session the request names, if its token can be right; the host has the last word."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(
                "this route needs 'Authorization: Bearer <token>', the token given when the session was made"
            )
        presented = hashlib.sha256(token.strip().encode()).digest()
        host_name = host_of(session_id)
        if host_name not in self.devices:
            raise SessionNotFound(f"no session {session_id!r} for this token (it may have expired or been deleted)")
        known = self.tokens.get(session_id)
        role = None if known is None else known.get(presented)
        return SessionRef(session_id, host_name, presented, role is not None, access, role or OWNER, known is not None)

    async def verify(self, ref: SessionRef, fn: Callable[..., Any]) -> None:
        """Have the host check the token now (before an Idempotency-Key is looked up): ``fn`` raises the
        refusal (an unknown session, a wrong token, a quarantined session), else answers its role."""
        if not ref.known:
            try:
                ref.role = await self.backend.ask(ref.host_name, fn, ref.id, ref.token_hash, ref.access)
            except HostLost as e:
                raise _unavailable(e, self.settings) from None
            ref.known = True
            self._remember(ref.id, ref.token_hash, ref.role)

    def _remember(self, session_id: str, token_hash: bytes, role: str) -> None:
        self.tokens.setdefault(session_id, {})[token_hash] = role
        self.tokens.move_to_end(session_id)
        while len(self.tokens) > MAX_TOKENS:
            self.tokens.popitem(last=False)

    def forget(self, ref: SessionRef) -> None:
        self.tokens.pop(ref.id, None)
        stats = self.stats[ref.host_name]
        stats["sessions"] = max(0, stats["sessions"] - 1)

    # --- calls ------------------------------------------------------------------------------------

    def new_call(
        self,
        fn: Callable[..., Response],
        args: tuple[Any, ...],
        facts: Facts,
        ref: SessionRef | None = None,
        quick: bool = True,
    ) -> Call:
        claim = facts.claim
        return Call(
            next(self.ids),
            fn,
            args,
            None if ref is None else ref.id,
            b"" if ref is None else ref.token_hash,
            None if claim is None else claim.marker(),
            facts.size,
            quick,
            Access.OWNER if ref is None else ref.access,
        )

    async def call(
        self,
        ref: SessionRef,
        fn: Callable[..., Response],
        *args: Any,
        facts: Facts,
        quick: bool = True,
        on_event: Callable[[str, Any], None] | None = None,
    ) -> Relayed:
        """Run ``fn(ctx, *args)`` on the session's host, one call of the session at a time."""
        call = self.new_call(fn, args, facts, ref, quick)
        return _relayed(await self._queued(ref, call, facts, on_event, watch=True))

    def begin(
        self,
        ref: SessionRef,
        fn: Callable[..., Response],
        *args: Any,
        facts: Facts,
        on_event: Callable[[str, Any], None] | None = None,
    ) -> Running:
        """``call`` as a task of its own, which a client that goes away does not cancel."""
        call = self.new_call(fn, args, facts, ref, quick=False)
        queued = self._queued(ref, call, facts, on_event, watch=False)
        return Running(self, ref.host_name, call, asyncio.ensure_future(_relayed_when(queued)))

    async def value(self, ref: SessionRef, fn: Callable[..., Any], *args: Any, facts: Facts) -> Any:
        """``fn(ctx, *args)``'s value, not an HTTP answer, run as ``call`` runs; a refusal is raised
        (``Refused``, with its problem answer)."""
        reply = await self._queued(ref, self.new_call(fn, args, facts, ref, quick=False), facts, None, True)
        if reply.answer is not None:
            raise Refused(Relayed(reply.answer))
        return reply.value

    async def _queued(
        self, ref: SessionRef, call: Call, facts: Facts, on_event: Callable[[str, Any], None] | None, watch: bool
    ) -> Reply:
        if self.backend.ordered:  # its host runs a session's calls in the order sent: no queue here
            reply = await self._watched(ref.host_name, call, facts, on_event, watch)
        else:
            lock = self.locks.get(ref.id)
            if lock is None:
                lock = self.locks[ref.id] = asyncio.Lock()
            async with lock:
                reply = await self._watched(ref.host_name, call, facts, on_event, watch)
        problem = None if reply.answer is None else reply.answer.problem
        if problem == UNKNOWN_SESSION:
            self.tokens.get(ref.id, {}).pop(ref.token_hash, None)
        elif ref.access == Access.OWNER and problem != READ_ONLY:  # only the owner's token opens it
            self._remember(ref.id, ref.token_hash, OWNER)
        return reply

    async def call_free(
        self, device: str, fn: Callable[..., Response], *args: Any, facts: Facts, quick: bool = True
    ) -> Relayed:
        """Sessionless work (the stateless routes) on the least busy host of ``device``."""
        name = self.least_busy(device)
        return _relayed(await self._watched(name, self.new_call(fn, args, facts, quick=quick), facts, None, True))

    async def _reply(
        self, host_name: str, call: Call, facts: Facts, on_event: Callable[[str, Any], None] | None
    ) -> Reply:
        try:
            reply: Reply = await self.backend.call(host_name, call, on_event)
        except HostLost as e:
            raise _unavailable(e, self.settings) from None
        if facts.claim is not None and reply.applied:
            facts.claim.applied = True
        return reply

    async def ask(self, host_name: str, fn: Callable[..., Any], *args: Any) -> Any:
        """A host's own answer to a question (stats, markers), not an HTTP answer."""
        return await self.backend.ask(host_name, fn, *args)

    async def _watched(
        self, host_name: str, call: Call, facts: Facts, on_event: Callable[[str, Any], None] | None, watch: bool
    ) -> Reply:
        """The host's reply, the call cancelled on its host if the client disconnects while it runs. Most
        calls answer in well under ``WATCH_AFTER_S``: the client is watched only past it (a task a call
        cost more than a small call's hop)."""
        receive = facts.receive if watch else None
        if receive is None:
            return await self._reply(host_name, call, facts, on_event)
        watcher: list[asyncio.Task[None]] = []

        async def wait_for_disconnect() -> None:
            assert receive is not None
            while (await receive())["type"] != "http.disconnect":
                pass
            self.backend.signal(host_name, call.id, Signal.CANCEL)

        timer = asyncio.get_running_loop().call_later(
            WATCH_AFTER_S, lambda: watcher.append(asyncio.ensure_future(wait_for_disconnect()))
        )
        try:
            return await self._reply(host_name, call, facts, on_event)
        finally:
            timer.cancel()
            for task in watcher:
                task.cancel()

    async def refresh(self, fn: Callable[..., Any]) -> None:
        """Ask every host for its sessions and bytes (and have it drop expired ones)."""

        async def one(name: str) -> None:
            with contextlib.suppress(HostLost):
                self.stats[name] = await self.ask(name, fn)

        await asyncio.gather(*(one(name) for name in list(self.stats)))

    def live(self) -> set[str]:
        return {i for s in self.stats.values() for i in s["ids"]}


async def _relayed_when(reply: Coroutine[Any, Any, Reply]) -> Relayed:
    return _relayed(await reply)


def _relayed(reply: Reply) -> Relayed:
    assert reply.answer is not None, "an HTTP call answered without an answer"
    return Relayed(reply.answer)


def _unavailable(e: HostLost, settings: Settings) -> HostUnavailable:
    if e.deadline_s is not None:
        detail = (
            f"the call ran past the compute budget (max_compute_seconds {settings.max_compute_seconds:g} s + "
            f"{settings.host_grace_seconds:g} s grace), so its host was stopped and is restarting; the session is "
            "as of its last acknowledged change"
        )
    else:
        detail = (
            f"the session's host ended before answering ({e.reason}); the call was not acknowledged: retry it"
            " (with the same Idempotency-Key it applies once)"
        )
    return HostUnavailable(detail, headers={"Retry-After": "2"})
