"""The ``process`` backend: each host is a child process (service/hosts/worker.py) on a socket pair.

Hosts are forked by the launcher (service/hosts/launcher.py), which has torch imported already:
a host starts, and restarts, in milliseconds plus the time to read its sessions back. The server
side is asyncio all through (service/hosts/frames.py: ``AsyncLink``), so the event loop never
waits on a host.

Deadlines: a call counts against ``max_compute_seconds`` + ``host_grace_seconds`` from when it
starts running: when it is sent, unless the host says it is ``queued`` behind another (then from
``started``). A watchdog kills (SIGKILL) a host whose call is past its deadline; time spent queued
never counts. However a host ends (killed, crashed, killed by the kernel), every call
in flight on it fails with ``HostLost`` (a 503: unacknowledged, so not applied), the reason is
logged and counted, and the host is started again; it reloads its sessions from the state folder.

Containment: the call running when a host ends unbidden (a crash, not a budget kill) is the one
that ended it. A session that ends its host twice is quarantined by the restarted host (410 from
then on, its files kept); a sessionless call that does, is refused from then on (``CallRefused``),
so no client's retries can keep a host in a crash loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
import os
import pickle
import signal
import socket
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine import budget
from service.core import machine
from service.core.config import Settings
from service.core.problems import CallRefused
from service.hosts import launcher
from service.hosts.calls import (
    Answered,
    Call,
    Event,
    EventName,
    Pushed,
    Question,
    Ready,
    Reply,
    Running,
    Signal,
    Signalled,
)
from service.hosts.feed import unwatch
from service.hosts.frames import AsyncLink
from service.hosts.seam import Deliver, HostLost, HostSpec, watch_deadlines

log = logging.getLogger("autograd.hosts")
RESTART_BACKOFF_S = (0.0, 0.5, 1.0, 2.0, 5.0)
START_TIMEOUT_S = 120.0  # a host's Ready, its sessions read back, awaited at most this long
EXIT_TIMEOUT_S = 5.0  # how long to wait for the launcher to say how a host ended
STRIKES = 2  # host ends a session or a call may cause before it is quarantined or refused
MAX_STRIKES = 10_000  # strikes remembered (the oldest forgotten first)


@dataclass
class Pending:
    call: Call
    future: asyncio.Future[Reply]
    on_event: Callable[[str, Any], None] | None
    deadline: float | None  # None while it waits for the host's runner


class HostProcess:
    """One host process and the calls in flight on it; restarted whenever it ends."""

    def __init__(self, spec: HostSpec, settings: Settings, state_dir: str, share: int) -> None:
        self.spec = spec
        self.settings = settings
        self.state_dir = state_dir
        self.share = share  # its share of the memory, past what it starts with (host_memory_bytes 0)
        self.deadline_s = settings.call_deadline_seconds
        self.pid: int | None = None
        self.exit: Any = None  # the launcher's future of how it ended
        self.link: AsyncLink | None = None
        self.running: Running | None = None
        self.pending: dict[int, Pending] = {}
        self.questions: dict[int, asyncio.Future[Any]] = {}
        self.question_ids = itertools.count(1)
        self.ready: asyncio.Future[Ready] | None = None
        self.up = asyncio.Event()
        self.closing = False
        self.restarts = 0
        self.kills: Counter[str] = Counter()
        self.calls_made = 0
        self.started_at = 0.0
        self.kill_reason: str | None = None
        self.last_reason: str | None = None  # why it last ended
        self.overrunning: set[int] = set()
        self.strikes: OrderedDict[str, int] = OrderedDict()  # session id -> host ends its calls caused
        self.call_strikes: OrderedDict[str, int] = OrderedDict()  # a sessionless call's fingerprint -> ends
        self.task: asyncio.Task[None] | None = None
        self.deliver: Deliver = lambda session, events: False  # pushed events to this server's watchers
        self.lost: Callable[[str], None] = lambda name: None  # its sessions' watchers, told it ended

    # --- life -----------------------------------------------------------------------------------

    async def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start the host; a host that cannot come up stops the server's start with the reason."""
        self.task = asyncio.create_task(self._live(timeout), name=f"host-{self.spec.name}")
        up = asyncio.ensure_future(self.up.wait())
        await asyncio.wait({up, self.task}, return_when=asyncio.FIRST_COMPLETED)
        if not self.up.is_set():
            up.cancel()
            await self.close(timeout=1.0)
            raise RuntimeError(f"host {self.spec.name} did not start: {self.last_reason or 'it timed out'}")

    async def _live(self, timeout: float) -> None:
        failures = 0
        while not self.closing:
            try:
                came_up = await self._spawn(timeout)
            except Exception as e:
                log.error("a host could not start", extra={"host": self.spec.name, "error": repr(e)})
                self.last_reason = repr(e)
                came_up = False
            if came_up:
                failures = 0
                assert self.link is not None
                await self.link.closed.wait()
            reason = self.last_reason = await self._ended()
            if self.closing or not self.started_at:  # never up: the server's start reports it
                return
            self.restarts += 1
            failures += 1
            log.warning("host ended; restarting it", extra={"host": self.spec.name, "reason": reason})
            await asyncio.sleep(RESTART_BACKOFF_S[min(failures, len(RESTART_BACKOFF_S)) - 1])

    async def _spawn(self, timeout: float) -> bool:
        ours, theirs = socket.socketpair()
        self.running, running_fd = Running.new()
        request = {
            "name": self.spec.name,
            "device": self.spec.device,
            "state_dir": self.state_dir,
            "settings": self.settings.model_dump_json(),
            "rate": budget.rate,
            "memory_share": self.share,
            "log_level": logging.getLevelName(logging.getLogger("autograd").getEffectiveLevel()).lower(),
            "poisoned": self._poisoned(),
        }
        try:
            self.pid = await asyncio.to_thread(launcher.shared().spawn, request, [theirs.fileno(), running_fd])
        finally:
            theirs.close()
            os.close(running_fd)
        self.exit = launcher.shared().exit_of(self.pid)
        self.ready = asyncio.get_running_loop().create_future()
        self.link = AsyncLink(ours, self._on_message)
        closed: asyncio.Future[Any] = asyncio.ensure_future(self.link.closed.wait())
        waits: set[asyncio.Future[Any]] = {self.ready, closed}
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        closed.cancel()
        if not self.ready.done():
            if not self.link.closed.is_set():
                self.kill(f"it did not say it was ready within {timeout:g} s")
            return False
        ready = self.ready.result()
        self.started_at = time.time()
        self.kill_reason = None
        self.up.set()
        log.info("host ready", extra={"host": self.spec.name, "pid": ready.pid, "sessions": ready.sessions})
        if ready.quarantined:
            log.error("sessions quarantined", extra={"host": self.spec.name, "sessions": ready.quarantined})
        return True

    def _on_message(self, message: Any) -> None:
        if isinstance(message, Reply):
            pending = self.pending.pop(message.id, None)
            if pending is not None and not pending.future.done():
                pending.future.set_result(message)
        elif isinstance(message, Event):
            p = self.pending.get(message.id)
            if p is None:
                return
            if message.name == EventName.QUEUED:
                p.deadline = None
            elif message.name == EventName.STARTED:
                p.deadline = time.monotonic() + self.deadline_s
            elif p.on_event is not None:
                p.on_event(message.name, message.data)
        elif isinstance(message, Pushed) and not self.deliver(message.session, message.events) and self.link:
            self.link.send(Question(next(self.question_ids), unwatch, (message.session,)))  # before any new watch
        elif isinstance(message, Answered):
            future = self.questions.pop(message.id, None)
            if future is not None and not future.done():
                future.set_result(message.value)
        elif isinstance(message, Ready) and self.ready is not None and not self.ready.done():
            self.ready.set_result(message)

    async def _ended(self) -> str:
        """Fail every call in flight, note which one ended the host, and say why it ended."""
        self.up.clear()
        if self.link is not None:
            self.link.close()
            self.link = None
        if self.pid is not None and self.kill_reason is None and not self.closing:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)  # a host whose socket broke is not left running
        code = None
        if self.exit is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                code = await asyncio.wait_for(asyncio.wrap_future(self.exit), EXIT_TIMEOUT_S)
        self.pid = self.exit = None
        reason = self.kill_reason or _why(code)
        if not self.closing:
            self.kills[self.kill_reason.split(":")[0] if self.kill_reason else "exited"] += 1
        pending, self.pending = self.pending, {}
        if self.kill_reason is None and not self.closing and self.running is not None:
            for call_id in self.running.ids():  # what it was running when it ended
                if call_id in pending:
                    self._strike(pending[call_id].call, reason)
        for call_id, p in pending.items():
            if not p.future.done():
                over = call_id in self.overrunning
                p.future.set_exception(HostLost(self.spec.name, reason, self.deadline_s if over else None))
        for q in self.questions.values():
            if not q.done():
                q.set_exception(HostLost(self.spec.name, reason, None))
        self.questions.clear()
        self.overrunning.clear()
        self.lost(self.spec.name)
        return reason

    def _strike(self, call: Call, reason: str) -> None:
        """The call that was running when its host ended unbidden ended it."""
        strikes, key = (self.strikes, call.session) if call.session else (self.call_strikes, _fingerprint(call))
        strikes[key] = strikes.pop(key, 0) + 1
        while len(strikes) > MAX_STRIKES:
            strikes.popitem(last=False)
        log.error(
            "a call ended its host",
            extra={"host": self.spec.name, "session": call.session, "strikes": strikes[key], "reason": reason},
        )

    def _poisoned(self) -> dict[str, str]:
        """Sessions the next start quarantines: each ended this host ``STRIKES`` times."""
        return {
            key: f"calls on it ended its host {n} times (the last: {self.last_reason})"
            for key, n in self.strikes.items()
            if n >= STRIKES
        }

    def kill(self, reason: str) -> None:
        if self.pid is not None and self.kill_reason is None:
            self.kill_reason = reason
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)

    def watch(self, now: float) -> None:
        """Kill the host if a call runs past its deadline."""
        over = [i for i, p in self.pending.items() if p.deadline is not None and p.deadline < now]
        if over:
            self.overrunning.update(over)
            self.kill(f"budget: a call ran past max_compute_seconds + grace ({self.deadline_s:g} s)")

    # --- calls ----------------------------------------------------------------------------------

    async def call(self, call: Call, on_event: Callable[[str, Any], None] | None) -> Reply:
        if call.session is None and self.call_strikes and self.call_strikes.get(_fingerprint(call), 0) >= STRIKES:
            raise CallRefused(
                f"this very call ended its host {STRIKES} times, so it is not run again; nothing was applied"
            )
        await self._until_up()
        assert self.link is not None
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self.pending[call.id] = Pending(call, future, on_event, time.monotonic() + self.deadline_s)
        self.calls_made += 1
        self.link.send(call)
        return await future

    async def ask(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A host's own question, answered on its receiving thread (service/hosts/worker.py)."""
        await self._until_up()
        assert self.link is not None
        question = Question(next(self.question_ids), fn, args)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.questions[question.id] = future
        self.link.send(question)
        value = await future
        if isinstance(value, Exception):
            raise value
        return value

    async def _until_up(self) -> None:
        if not self.up.is_set():
            try:
                await asyncio.wait_for(self.up.wait(), timeout=30)
            except TimeoutError:
                raise HostLost(self.spec.name, "it is starting", None) from None

    def signal(self, call_id: int, what: Signal) -> None:
        if call_id in self.pending and self.link is not None:
            with contextlib.suppress(ConnectionError):
                self.link.send(Signalled(call_id, what))

    async def close(self, timeout: float = 30.0) -> None:
        """Let the calls in flight finish, close the sockets (the host compacts and exits), reap it."""
        self.closing = True
        ended = self.exit
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self.link is not None:
            self.link.close()
        if ended is not None:
            try:
                await asyncio.wait_for(asyncio.wrap_future(ended), max(1.0, deadline - time.monotonic()))
            except TimeoutError:
                self.kill("it did not exit when closed")
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    def report(self) -> dict[str, Any]:
        return {
            "name": self.spec.name,
            "device": self.spec.device,
            "up": self.up.is_set(),
            "pid": self.pid,
            "restarts": self.restarts,
            "kills": dict(self.kills),
            "in_flight": len(self.pending),
            "running": 0 if self.running is None or not self.up.is_set() else len(self.running.ids()),
            "calls": self.calls_made,
        }


def _fingerprint(call: Call) -> str:
    """A sessionless call, known again when retried: its function and arguments."""
    fn = f"{call.fn.__module__}.{call.fn.__qualname__}"
    return hashlib.sha256(fn.encode() + pickle.dumps(call.args, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def _why(code: int | None) -> str:
    if code is None:
        return "it ended (how is not known)"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        hint = " (the kernel's OOM killer, or an operator)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exited with status {code}"


class ProcessHosts:
    """The hosts of every device as child processes."""

    ordered = True  # a host reads calls in the order sent and runs a session's one at a time, in that order

    def __init__(self, specs: list[HostSpec], settings: Settings, state_dir: str) -> None:
        share = machine.per_host(sum(s.device == "cpu" for s in specs))
        self.hosts = {s.name: HostProcess(s, settings, state_dir, share) for s in specs}
        self.specs = specs
        self.watchdog: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await asyncio.to_thread(budget.calibrate)  # once, here, before any host competes for the cores
        await asyncio.gather(*(h.start() for h in self.hosts.values()))
        self.watchdog = asyncio.create_task(watch_deadlines(self.hosts.values()))

    async def call(self, name: str, call: Call, on_event: Callable[[str, Any], None] | None = None) -> Reply:
        return await self.hosts[name].call(call, on_event)

    async def ask(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        return await self.hosts[name].ask(fn, *args)

    def signal(self, name: str, call_id: int, what: Signal) -> None:
        self.hosts[name].signal(call_id, what)

    def ready(self) -> bool:
        return all(h.up.is_set() for h in self.hosts.values())

    def listen(self, deliver: Deliver, lost: Callable[[str], None]) -> bool:
        for h in self.hosts.values():
            h.deliver, h.lost = deliver, lost
        return True

    def in_flight(self, name: str) -> int:
        return len(self.hosts[name].pending)

    def reports(self) -> list[dict[str, Any]]:
        return [h.report() for h in self.hosts.values()]

    async def close(self) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()
        await asyncio.gather(*(h.close() for h in self.hosts.values()))
