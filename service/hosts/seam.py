"""The host seam: what the server needs from a backend, and the ``inline`` backend.

A backend holds the hosts (``HostSpec``: a name and a device) and answers ``call(name, call)``
with the host's ``Reply``. ``inline`` keeps the hosts in this process: a small call runs on the
event loop itself, the others on the host's threads; nothing can be killed, so the time budget
is the engine's (checked between nodes and in backward). ``process`` (service/hosts/process.py)
runs each host in a child process. A host's name is in each of its sessions' ids.
"""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import torch

from engine import budget
from service.core.config import Settings
from service.durable.store import StateStore
from service.hosts.calls import Call, Reply, SessionEvent, Signal
from service.hosts.entry import Job
from service.hosts.host import Host


@dataclass(frozen=True)
class HostSpec:
    name: str
    device: str


class HostLost(Exception):
    """The call's host ended before answering (``deadline_s``: this call ran it past that deadline)."""

    def __init__(self, host_name: str, reason: str, deadline_s: float | None) -> None:
        super().__init__(reason)
        self.host_name, self.reason, self.deadline_s = host_name, reason, deadline_s


Deliver = Callable[[str, list[SessionEvent]], bool]  # a session's events to its watchers; False: none here


class Backend(Protocol):
    specs: list[HostSpec]
    ordered: bool  # it runs a session's calls in the order sent, without the server queueing them

    async def start(self) -> None: ...
    async def call(self, name: str, call: Call, on_event: Callable[[str, Any], None] | None = None) -> Reply: ...
    async def ask(self, name: str, fn: Callable[..., Any], *args: Any) -> Any: ...
    def signal(self, name: str, call_id: int, what: Signal) -> None: ...
    def ready(self) -> bool: ...
    def in_flight(self, name: str) -> int: ...
    def reports(self) -> list[dict[str, Any]]: ...
    def listen(self, deliver: Deliver, lost: Callable[[str], None]) -> bool: ...  # False: the hosts are asked
    async def close(self) -> None: ...


WATCH_INTERVAL_S = 0.1


async def watch_deadlines(hosts: Iterable[Any]) -> None:
    """The watchdog of the killable backends: each host stops a call past its deadline (``watch``)."""
    while True:
        await asyncio.sleep(WATCH_INTERVAL_S)
        now = time.monotonic()
        for h in hosts:
            h.watch(now)


def host_specs(settings: Settings) -> list[HostSpec]:
    """CPU hosts (one inline, ``cpu_hosts`` as processes), then one host per GPU."""
    cpu = 1 if settings.backend == "inline" else max(1, settings.cpu_hosts)
    specs = [HostSpec(f"cpu{i}", "cpu") for i in range(cpu)]
    return specs + [HostSpec(f"cuda{i}", f"cuda:{i}") for i in range(torch.cuda.device_count())]


def orphans(state_dir: str, specs: list[HostSpec]) -> dict[str, int]:
    """Session files whose host this server does not run (``AGS_CPU_HOSTS`` lowered, a GPU gone),
    counted by host: they stay on disk, untouched, until a server with that host starts."""
    names = {s.name for s in specs}
    found: dict[str, int] = {}
    for path in (Path(state_dir) / "sessions").glob("*.safetensors"):
        host = path.name.partition(".")[0]
        if host not in names:
            found[host] = found.get(host, 0) + 1
    return found


def _push(
    loop: asyncio.AbstractEventLoop, deliver: Deliver, host: Host, session: str, events: list[SessionEvent]
) -> None:
    def pushed() -> None:
        if not deliver(session, events):
            host.outbox.watched.discard(session)

    loop.call_soon_threadsafe(pushed)


class InlineHosts:
    """Hosts inside the server process."""

    ordered = False  # a session's waiting calls would each hold one of a host's threads: queued by the server

    def __init__(self, specs: list[HostSpec], settings: Settings, state_dir: str | None) -> None:
        self.specs = specs
        durability = settings.written_durability
        self.hosts = {
            s.name: Host(
                s.name,
                torch.device(s.device),
                settings,
                None if state_dir is None or durability == "off" else StateStore(state_dir, durability),
            )
            for s in specs
        }
        self.jobs: dict[int, Job] = {}
        self.running: dict[str, int] = dict.fromkeys(self.hosts, 0)

    async def start(self) -> None:
        await asyncio.to_thread(budget.calibrate)  # the rates behind the compute budget's estimates
        for host in self.hosts.values():
            await asyncio.to_thread(host.restore)

    async def call(self, name: str, call: Call, on_event: Callable[[str, Any], None] | None = None) -> Reply:
        host = self.hosts[name]
        loop = asyncio.get_running_loop()
        job = Job()
        if on_event is not None:

            def emit(name: str, data: Any) -> None:
                loop.call_soon_threadsafe(on_event, name, data)

            job.emit = emit
        if host.is_quick(call):
            try:
                return host.run(call, job, host.dispatch.max_flops)
            except budget.NotQuick:
                pass
        self.jobs[call.id] = job
        self.running[name] += 1
        try:
            return await loop.run_in_executor(host.pool, host.run, call, job)
        finally:
            self.running[name] -= 1
            self.jobs.pop(call.id, None)

    async def ask(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(self.hosts[name], *args)

    def signal(self, name: str, call_id: int, what: Signal) -> None:
        job = self.jobs.get(call_id)
        if job is not None:
            (job.cancelled if what == Signal.CANCEL else job.stop).set()

    def ready(self) -> bool:
        return True

    def listen(self, deliver: Deliver, lost: Callable[[str], None]) -> bool:
        """The hosts' events go to ``deliver`` on this loop; a session no longer watched stops them."""
        loop = asyncio.get_running_loop()
        for host in self.hosts.values():
            host.outbox.push = functools.partial(_push, loop, deliver, host)
        return True

    def in_flight(self, name: str) -> int:
        return self.running[name]

    def reports(self) -> list[dict[str, Any]]:
        return [
            {"name": h.name, "device": str(h.device), "up": True, "pid": os.getpid(), "restarts": 0, "kills": {}}
            for h in self.hosts.values()
        ]

    async def close(self) -> None:
        for host in self.hosts.values():
            await asyncio.to_thread(host.close)
