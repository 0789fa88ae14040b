"""The ``process`` backend: each host is a child process (service/hosts/worker.py) on a socket pair.

The server side is asyncio all through: frames are read with a ``StreamReader`` (the framing of
``multiprocessing.connection.Connection``, which the host uses: a 4-byte big-endian length, or -1
and an 8-byte one), so the event loop never waits on a host. A host is started with
``subprocess`` in its own process group, so a Ctrl-C meant for the server does not kill it: it
exits when its socket closes, which also happens if the server dies.

Deadlines: a call counts against ``max_compute_seconds`` + ``host_grace_seconds`` from when it
starts running (the host says ``queued`` and ``started`` for calls that wait for a thread; a
call run at once starts when sent). A watchdog kills (SIGKILL) a host whose call is past its
deadline. However a host ends (killed, crashed, killed by the kernel), every call in flight on
it fails with ``HostLost`` (a 503: unacknowledged, so not applied), the reason is logged and
counted, and the host is started again; it reloads its sessions from the state folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.core.config import Settings
from service.hosts.calls import Call, Event, Ready, Reply, Signal
from service.hosts.seam import HostLost, HostSpec, watch_deadlines

log = logging.getLogger("autograd.hosts")
_LONG = struct.Struct("!Q")
_SHORT = struct.Struct("!i")
RESTART_BACKOFF_S = (0.0, 0.5, 1.0, 2.0, 5.0)
PIECE = 1 << 20  # a frame larger than this goes to the host in pieces
START_TIMEOUT_S = 120.0


@dataclass
class Pending:
    future: asyncio.Future[Reply]
    on_event: Callable[[str, Any], None] | None
    deadline: float | None
    sent: float = field(default_factory=time.monotonic)


class HostProcess:
    """One host process and the calls in flight on it; restarted whenever it ends."""

    def __init__(self, spec: HostSpec, settings: Settings, state_dir: str) -> None:
        self.spec = spec
        self.settings = settings
        self.state_dir = state_dir
        self.budget = settings.max_compute_seconds + settings.host_grace_seconds
        self.proc: subprocess.Popen[bytes] | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.pending: dict[int, Pending] = {}
        self.up = asyncio.Event()
        self.closing = False
        self.restarts = 0
        self.kills: Counter[str] = Counter()
        self.calls = 0
        self.started_at = 0.0
        self.kill_reason: str | None = None
        self.last_reason: str | None = None  # why it last ended
        self.overrunning: set[int] = set()
        self.task: asyncio.Task[None] | None = None
        self.sending = asyncio.Lock()  # held while a large frame is written in pieces
        self.later: set[asyncio.Task[None]] = set()

    # --- life -----------------------------------------------------------------------------------

    async def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start the host; a host that cannot come up stops the server's start with the reason."""
        self.task = asyncio.create_task(self._live(), name=f"host-{self.spec.name}")
        up = asyncio.ensure_future(self.up.wait())
        await asyncio.wait({up, self.task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if not self.up.is_set():
            up.cancel()
            await self.close(timeout=1.0)
            raise RuntimeError(f"host {self.spec.name} did not start: {self.last_reason or 'it timed out'}")

    async def _live(self) -> None:
        failures = 0
        while not self.closing:
            try:
                reader = await self._spawn()
            except Exception as e:
                log.error("a host could not start", extra={"host": self.spec.name, "error": repr(e)})
                reader = None
            if reader is not None:
                failures = 0
                await self._read(reader)
            reason = self.last_reason = await self._ended()
            if self.closing:
                return
            if not self.started_at:  # it never came up: the server's start reports it
                return
            self.restarts += 1
            failures += 1
            log.warning("host ended; restarting it", extra={"host": self.spec.name, "reason": reason})
            await asyncio.sleep(RESTART_BACKOFF_S[min(failures, len(RESTART_BACKOFF_S)) - 1])

    async def _spawn(self) -> asyncio.StreamReader | None:
        ours, theirs = socket.socketpair()
        env = {
            **os.environ,
            "AGS_HOST_NAME": self.spec.name,
            "AGS_HOST_DEVICE": self.spec.device,
            "AGS_HOST_FD": str(theirs.fileno()),
            "AGS_HOST_STATE_DIR": self.state_dir,
        }
        settings = self.settings.model_dump_json().encode()
        try:
            self.proc = await asyncio.to_thread(
                subprocess.Popen,
                [sys.executable, "-m", "service.hosts.worker"],
                stdin=subprocess.PIPE,
                pass_fds=(theirs.fileno(),),
                env=env,
                start_new_session=True,
            )
            assert self.proc.stdin is not None
            self.proc.stdin.write(settings)
            self.proc.stdin.close()
        finally:
            theirs.close()
        reader, self.writer = await asyncio.open_unix_connection(sock=ours, limit=1 << 20)
        ready = await self._frame(reader)
        if not isinstance(ready, Ready):
            return None
        self.started_at = time.time()
        self.kill_reason = None
        self.up.set()
        log.info("host ready", extra={"host": self.spec.name, "pid": ready.pid, "sessions": ready.sessions})
        return reader

    async def _frame(self, reader: asyncio.StreamReader) -> Any:
        try:
            (n,) = _SHORT.unpack(await reader.readexactly(4))
            if n == -1:
                (n,) = _LONG.unpack(await reader.readexactly(8))
            return pickle.loads(await reader.readexactly(n))
        except (asyncio.IncompleteReadError, ConnectionError):
            return None

    async def _read(self, reader: asyncio.StreamReader) -> None:
        while (message := await self._frame(reader)) is not None:
            if isinstance(message, Reply):
                pending = self.pending.pop(message.id, None)
                if pending is not None and not pending.future.done():
                    pending.future.set_result(message)
            elif isinstance(message, Event):
                pending = self.pending.get(message.id)
                if pending is None:
                    continue
                if message.name == "queued":
                    pending.deadline = None
                elif message.name == "started":
                    pending.deadline = time.monotonic() + self.budget
                elif pending.on_event is not None:
                    pending.on_event(message.name, message.data)

    async def _ended(self) -> str:
        """Fail every call in flight, reap the process, and say why it ended."""
        self.up.clear()
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        proc, self.proc = self.proc, None
        code = None if proc is None else await asyncio.to_thread(proc.wait)
        reason = self.kill_reason or _why(code)
        if not self.closing:
            self.kills[self.kill_reason.split(":")[0] if self.kill_reason else "exited"] += 1
        pending, self.pending = self.pending, {}
        for call_id, p in pending.items():
            if not p.future.done():
                over = call_id in self.overrunning
                p.future.set_exception(HostLost(self.spec.name, reason, self.budget if over else None))
        self.overrunning.clear()
        return reason

    def kill(self, reason: str) -> None:
        if self.proc is not None and self.kill_reason is None:
            self.kill_reason = reason
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)

    def watch(self, now: float) -> None:
        """Kill the host if a call runs past its deadline."""
        over = [i for i, p in self.pending.items() if p.deadline is not None and p.deadline < now]
        if over:
            self.overrunning.update(over)
            self.kill(f"budget: a call ran past max_compute_seconds + grace ({self.budget:g} s)")

    # --- calls ----------------------------------------------------------------------------------

    async def call(self, call: Call, on_event: Callable[[str, Any], None] | None) -> Reply:
        if not self.up.is_set():
            try:
                await asyncio.wait_for(self.up.wait(), timeout=30)
            except TimeoutError:
                raise HostLost(self.spec.name, "it is starting", None) from None
        assert self.writer is not None
        data = pickle.dumps(call, protocol=pickle.HIGHEST_PROTOCOL)
        head = _SHORT.pack(len(data)) if len(data) < 0x7FFFFFFF else _SHORT.pack(-1) + _LONG.pack(len(data))
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self.pending[call.id] = Pending(future, on_event, time.monotonic() + self.budget)
        self.calls += 1
        if len(data) <= PIECE and not self.sending.locked():
            self.writer.write(head)
            self.writer.write(data)
        else:
            await asyncio.shield(self._later(head, data))
        return await future

    async def _later(self, head: bytes, data: bytes) -> None:
        """Write a frame in pieces, each awaited (``drain``), after any frame being written: handed to the
        socket whole, 50 MB would be copied in one go while every other request waits. Shielded by the
        caller, as a frame left half written would garble every later one."""
        async with self.sending:
            writer = self.writer
            if writer is None:
                return  # the host is gone: the call fails with HostLost (``_ended``)
            writer.write(head)
            whole = memoryview(data)
            try:
                for at in range(0, len(whole), PIECE):
                    writer.write(whole[at : at + PIECE])
                    await writer.drain()
            except ConnectionError:
                return  # the host ended mid-frame; ``_ended`` fails its calls

    def signal(self, call_id: int, what: str) -> None:
        if call_id in self.pending and self.writer is not None:
            data = pickle.dumps(Signal(call_id, what))
            if self.sending.locked():  # after the frame being written
                task = asyncio.get_running_loop().create_task(self._later(_SHORT.pack(len(data)), data))
                self.later.add(task)
                task.add_done_callback(self.later.discard)
            else:
                self.writer.write(_SHORT.pack(len(data)) + data)

    async def close(self, timeout: float = 30.0) -> None:
        """Let the calls in flight finish, close the socket (the host writes and exits), and reap it."""
        self.closing = True
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        proc = self.proc
        if self.writer is not None:
            self.writer.close()
        if proc is not None:
            try:
                await asyncio.wait_for(asyncio.to_thread(proc.wait), max(1.0, deadline - time.monotonic()))
            except TimeoutError:
                proc.kill()
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.spec.name,
            "device": self.spec.device,
            "up": self.up.is_set(),
            "pid": None if self.proc is None else self.proc.pid,
            "restarts": self.restarts,
            "kills": dict(self.kills),
            "in_flight": len(self.pending),
            "calls": self.calls,
        }


def _why(code: int | None) -> str:
    if code is None:
        return "it did not start"
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        hint = " (the kernel's OOM killer, or an operator)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exited with status {code}"


class ProcessHosts:
    """The hosts of every device as child processes."""

    def __init__(self, specs: list[HostSpec], settings: Settings, state_dir: str) -> None:
        self.hosts = {s.name: HostProcess(s, settings, state_dir) for s in specs}
        self.specs = specs
        self.watchdog: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await asyncio.gather(*(h.start() for h in self.hosts.values()))
        self.watchdog = asyncio.create_task(watch_deadlines(self.hosts.values()))

    async def call(self, name: str, call: Call, on_event: Callable[[str, Any], None] | None = None) -> Reply:
        return await self.hosts[name].call(call, on_event)

    def signal(self, name: str, call_id: int, what: str) -> None:
        self.hosts[name].signal(call_id, what)

    def ready(self) -> bool:
        return all(h.up.is_set() for h in self.hosts.values())

    def in_flight(self, name: str) -> int:
        return len(self.hosts[name].pending)

    def describe(self) -> list[dict[str, Any]]:
        return [h.describe() for h in self.hosts.values()]

    def kill(self, name: str, reason: str) -> None:
        self.hosts[name].kill(reason)

    async def close(self) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()
        await asyncio.gather(*(h.close() for h in self.hosts.values()))
