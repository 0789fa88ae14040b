"""The ``ray`` backend: hosts as named, detached Ray actors, spread over a cluster's machines.

Each host is an actor named after the host (``cpu0``, ``cuda1``) in the namespace
``AGS_RAY_NAMESPACE`` (one per deployment sharing a cluster), made with ``get_if_exists``, so
every server replica in front of the cluster finds the same actors by name and routes by the
session id alone. The server awaits the actor's methods
directly (no Ray Serve proxy); calls, bodies and answers travel as Ray objects. The actor wraps the
same ``Host`` as a host process (service/hosts/host.py); it is threaded (``max_concurrency``), so
calls on different sessions run in parallel and a ``signal`` reaches a running call.

A lost host comes back: actors restart without limit (``max_restarts=-1``) and reload their
sessions from the state folder, which must be storage every node reaches (``AGS_STATE_DIR`` on
NFS or a ReadWriteMany volume; docs/scaling.md). A call in flight on a host that died raises
``HostLost`` (a 503). The time budget is hard here too: a watchdog ``ray.kill``s (with restart)
the actor of a call past ``max_compute_seconds`` + grace, counted from when the call was sent.
The memory cap is RLIMIT_DATA, not RLIMIT_AS: a Ray worker maps the object store, and with
RLIMIT_AS at 3 GB an actor could not even start; RLIMIT_DATA counts what torch allocates and not
that mapping, so a blow-up fails inside torch (a 413) and the actor lives, as a host process does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import ray
import torch
from ray.exceptions import ActorUnavailableError, RayActorError

from engine import budget as engine_budget
from service.core import machine
from service.core.config import Settings
from service.hosts.calls import Call, Event, EventName, Reply, Signal
from service.hosts.entry import Job
from service.hosts.seam import Deliver, HostLost, HostSpec, watch_deadlines

log = logging.getLogger("autograd.hosts")
START_TIMEOUT_S = 180.0
LOST = (RayActorError, ActorUnavailableError)


@ray.remote
class HostActor:
    """One session host in a Ray worker process."""

    def __init__(self, name: str, device: str, settings_json: str, state_dir: str, rate: float) -> None:
        from service.hosts.worker import boot

        settings = Settings.model_validate_json(settings_json)
        share = machine.per_host(machine.cpus())  # this node's memory, shared by one host per CPU
        self.host = boot(name, torch.device(device), settings, state_dir, rate, share, resource.RLIMIT_DATA)
        self.host.restore()
        self.jobs: dict[int, Job] = {}

    def ready(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "node": ray.get_runtime_context().get_node_id(), "sessions": len(self.host.entries)}

    def run(self, call: Call) -> Reply:
        job = self.jobs[call.id] = Job()
        try:
            return self.host.run(call, job)
        finally:
            self.jobs.pop(call.id, None)

    def stream(self, call: Call) -> Iterator[Event | Reply]:
        """The call's events as it runs, then its reply (a Ray generator)."""
        events: queue.SimpleQueue[Event | None] = queue.SimpleQueue()
        job = self.jobs[call.id] = Job(emit=lambda name, data: events.put(Event(call.id, EventName(name), data)))
        done = self.host.pool.submit(self.host.run, call, job)
        done.add_done_callback(lambda _: events.put(None))
        try:
            while (event := events.get()) is not None:
                yield event
            yield done.result()
        finally:
            self.jobs.pop(call.id, None)

    def ask(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """A host's own question; a refusal comes back as its exception, raised by the asker."""
        try:
            return fn(self.host, *args)
        except Exception as e:
            return e

    def signal(self, call_id: int, what: Signal) -> None:
        job = self.jobs.get(call_id)
        if job is not None:
            (job.cancelled if what == Signal.CANCEL else job.stop).set()


class RayHost:
    """The server's view of one host actor: its calls in flight, their deadlines, its restarts."""

    def __init__(self, spec: HostSpec, handle: Any, deadline_s: float) -> None:
        self.spec, self.handle, self.deadline_s = spec, handle, deadline_s
        self.pending: dict[int, float] = {}  # call id -> deadline
        self.overrunning: set[int] = set()
        self.info: dict[str, Any] = {}
        self.up = False
        self.restarts = 0
        self.kills: Counter[str] = Counter()
        self.calls = 0
        self.waking: asyncio.Task[None] | None = None

    async def wake(self) -> None:
        """Wait for the actor to answer (again), and note where it runs. A kill is asynchronous: an
        answer from the process that is being killed does not count."""
        dead = None if self.up else self.info.get("pid")
        while True:
            try:
                info = await self.handle.ready.remote()
                if dead is not None and info.get("pid") == dead:
                    await asyncio.sleep(0.2)
                    continue
                self.info = info
                self.up = True
                fresh = time.monotonic() + self.deadline_s  # calls that waited for the restart start counting now
                self.pending = {i: max(deadline, fresh) for i, deadline in self.pending.items()}
                return
            except LOST:
                await asyncio.sleep(0.5)

    def lost(self, reason: str) -> None:
        if self.up:
            self.up = False
            self.restarts += 1
            log.warning("host ended; restarting it", extra={"host": self.spec.name, "reason": reason})
        if self.waking is None or self.waking.done():
            self.waking = asyncio.ensure_future(self.wake())

    async def call(self, call: Call, on_event: Callable[[str, Any], None] | None) -> Reply:
        self.pending[call.id] = time.monotonic() + self.deadline_s
        self.calls += 1
        try:
            if on_event is None:
                reply: Reply = await self.handle.run.remote(call)
                return reply
            async for ref in self.handle.stream.remote(call):
                item = await ref
                if isinstance(item, Reply):
                    return item
                on_event(item.name, item.data)
            raise RayActorError()  # a stream that ended without its reply
        except LOST as e:
            over = call.id in self.overrunning
            reason = "it ran past its budget and was stopped" if over else f"{type(e).__name__}"
            if not over:  # a kill for the budget was counted when it was made
                self.lost(reason)
            raise HostLost(self.spec.name, reason, self.deadline_s if over else None) from None
        finally:
            self.pending.pop(call.id, None)
            self.overrunning.discard(call.id)

    def watch(self, now: float) -> None:
        over = [i for i, deadline in self.pending.items() if deadline < now and i not in self.overrunning]
        if over and self.up:
            self.overrunning.update(over)
            self.kills["budget"] += 1
            ray.kill(self.handle, no_restart=False)
            self.lost(f"budget: a call ran past max_compute_seconds + grace ({self.deadline_s:g} s)")

    def report(self) -> dict[str, Any]:
        return {
            "name": self.spec.name,
            "device": self.spec.device,
            "up": self.up,
            "pid": self.info.get("pid"),
            "node": self.info.get("node"),
            "restarts": self.restarts,
            "kills": dict(self.kills),
            "in_flight": len(self.pending),
            "calls": self.calls,
        }


class RayHosts:
    """Every host as an actor of the cluster at ``address`` (a local Ray instance when None). An actor
    cannot push to a server: the events of the sessions watched here are asked for (core/watchers.py)."""

    ordered = False  # a threaded actor: a session's waiting calls would each hold one of its threads

    def __init__(self, specs: list[HostSpec], settings: Settings, state_dir: str, address: str | None) -> None:
        self.specs = specs
        self.settings = settings
        self.state_dir = state_dir
        self.address = address
        self.hosts: dict[str, RayHost] = {}
        self.watchdog: asyncio.Task[None] | None = None
        self.local = False

    def _connect(self) -> None:
        namespace = self.settings.ray_namespace
        if not ray.is_initialized():
            self.local = self.address is None
            try:
                ray.init(address=self.address, namespace=namespace, logging_level=logging.WARNING, log_to_driver=False)
            except ConnectionError as e:  # ray's own message says nothing of the usual cause
                if str(self.address).startswith("ray://"):  # Ray Client: no local node needed
                    raise
                raise RuntimeError(
                    f"cannot join the Ray cluster at {self.address}: a server needs a Ray node on its own"
                    f" machine; start one without CPUs first (ray start --address={self.address} --num-cpus=0),"
                    f" as docker-compose.yml's api-ray services do ({e})"
                ) from e
        deadline_s = self.settings.call_deadline_seconds
        rate = engine_budget.calibrate()  # this machine's; nodes alike are assumed (docs/scaling.md)
        settings = self.settings.model_dump_json()
        for spec in self.specs:
            gpu = spec.device.startswith("cuda")
            handle = HostActor.options(  # type: ignore[attr-defined]
                name=spec.name,
                namespace=namespace,
                lifetime="detached",
                get_if_exists=True,
                max_restarts=-1,
                max_concurrency=self.settings.cpu_threads + 4,  # calls, and signals beside them
                num_cpus=0 if gpu else 1,
                num_gpus=1 if gpu else 0,
                scheduling_strategy="SPREAD",
            ).remote(spec.name, "cuda:0" if gpu else "cpu", settings, self.state_dir, rate)
            self.hosts[spec.name] = RayHost(spec, handle, deadline_s)

    async def start(self) -> None:
        await asyncio.to_thread(self._connect)
        try:
            await asyncio.wait_for(asyncio.gather(*(h.wake() for h in self.hosts.values())), START_TIMEOUT_S)
        except TimeoutError:
            down = [n for n, h in self.hosts.items() if not h.up]
            detail = f"hosts {down} did not start on the Ray cluster in {START_TIMEOUT_S:g} s (see Ray's logs)"
            raise RuntimeError(detail) from None
        self.watchdog = asyncio.create_task(watch_deadlines(self.hosts.values()))

    async def call(self, name: str, call: Call, on_event: Callable[[str, Any], None] | None = None) -> Reply:
        return await self.hosts[name].call(call, on_event)

    async def ask(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            value = await self.hosts[name].handle.ask.remote(fn, args)
        except LOST as e:
            raise HostLost(name, type(e).__name__, None) from None
        if isinstance(value, Exception):
            raise value
        return value

    def signal(self, name: str, call_id: int, what: Signal) -> None:
        host = self.hosts[name]
        if call_id in host.pending:
            host.handle.signal.remote(call_id, what)

    def ready(self) -> bool:
        return all(h.up for h in self.hosts.values())

    def listen(self, deliver: Deliver, lost: Callable[[str], None]) -> bool:
        """Nothing is pushed from an actor: the server asks (service/core/watchers.py)."""
        return False

    def in_flight(self, name: str) -> int:
        return len(self.hosts[name].pending)

    def reports(self) -> list[dict[str, Any]]:
        return [h.report() for h in self.hosts.values()]

    async def close(self) -> None:
        """Let the calls in flight finish; a Ray instance this server started goes with it (its actors
        too); on a shared cluster the actors stay for the other replicas."""
        if self.watchdog is not None:
            self.watchdog.cancel()
        deadline = time.monotonic() + 30
        while any(h.pending for h in self.hosts.values()) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self.local:
            for h in self.hosts.values():
                with contextlib.suppress(Exception):
                    ray.kill(h.handle, no_restart=True)
            await asyncio.to_thread(ray.shutdown)
