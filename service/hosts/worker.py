"""A host process, forked by the launcher (service/hosts/launcher.py) for the ``process`` backend.

It caps its own memory, loads its sessions from the state folder, says ``Ready``, and serves one
socket with two threads:

- the **reader** reads every message. It answers the host's own questions (its sessions, its
  markers, a token check) and signals (cancel, stop) at once, and runs a small call itself when
  its session is free (service/hosts/admission.py: a thread hop costs more than such a call).
- the **runner** runs every other call, one at a time, in the order they came: a training loop, a
  large upload, anything whose estimated work is past ``quick_max_flops``. One thread runs the
  heavy work because each thread that calls torch gets its own OpenMP team, and two teams on the
  same cores fight. A host's heavy calls take turns; parallelism comes from torch's threads within
  a call and from more hosts. A call that waits for the runner is ``queued``, and ``started`` when
  the runner takes it: the server counts its deadline from then.

When the socket closes, the runner finishes what it has, the sessions are compacted, and the process
exits 0.
"""

from __future__ import annotations

import gc
import logging
import logging.config
import os
import queue
import resource
import socket
import threading
from collections.abc import Callable
from typing import Any

import torch

from engine import EngineError, budget
from service.core.config import Settings
from service.core.problems import ServiceError
from service.core.tuning import tune
from service.durable.store import StateStore
from service.hosts import admission
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
from service.hosts.entry import Job
from service.hosts.frames import Messages
from service.hosts.host import Host
from service.middleware.logging import config as log_config

log = logging.getLogger("autograd.host")
READER, RUNNER = 0, 1  # their slots in ``Running``
HOLD = 32  # answers held for one group commit at most


def preload() -> None:
    """Import every module whose functions calls name (they are pickled by reference), once: the route
    table, whose rows a body parsed on the host names, and through it every service/on_host module;
    and what torch imports on its first op on the meta device (the shape pass): torch._dynamo, two
    seconds a process otherwise paid by its first call. Meta ops compute nothing, so no thread pool
    starts."""
    import service.api.table  # noqa: F401

    torch.empty(2, device="meta") * 2


def cap_memory(settings: Settings, device: torch.device, share: int, limit: int = resource.RLIMIT_AS) -> int:
    """The memory cap, as ``limit`` on a CPU host (an allocation past it fails, inside torch a 413):
    ``host_memory_bytes``, else what the host holds now plus its ``share``; never above a hard limit
    the process was started under (``ulimit -v``, a scheduler). On a GPU, torch's per-process memory
    fraction of that card (CUDA reserves large virtual ranges). Returns the cap in force.
    A Ray actor uses RLIMIT_DATA instead, which leaves out the object store its worker maps."""
    if device.type == "cuda":
        if settings.host_memory_bytes > 0:
            total = torch.cuda.get_device_properties(device).total_memory
            torch.cuda.set_per_process_memory_fraction(min(1.0, settings.host_memory_bytes / total), device)
        return settings.host_memory_bytes
    field = admission.DATA if limit == resource.RLIMIT_DATA else admission.SIZE
    cap = settings.host_memory_bytes or admission.in_use(field) + share
    soft, hard = resource.getrlimit(limit)
    cap = min([cap, *(x for x in (soft, hard) if x != resource.RLIM_INFINITY)])
    resource.setrlimit(limit, (cap, hard))
    return cap


class Jobs:
    """The calls running or waiting on this host, for their signals."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: dict[int, Job] = {}

    def add(self, call_id: int, job: Job) -> Job:
        with self.lock:
            self.jobs[call_id] = job
        return job

    def end(self, call_id: int) -> None:
        with self.lock:
            self.jobs.pop(call_id, None)

    def signal(self, call_id: int, what: Signal) -> None:
        with self.lock:
            job = self.jobs.get(call_id)
        if job is not None:
            (job.cancelled if what == Signal.CANCEL else job.stop).set()


class Runner:
    """The one thread that runs the calls the reader does not run itself, in the order they came."""

    def __init__(self, host: Host, link: Messages, jobs: Jobs, running: Running) -> None:
        self.host, self.link, self.jobs, self.running = host, link, jobs, running
        self.queue: queue.SimpleQueue[tuple[Call, Job, bool] | Callable[[], None] | None] = queue.SimpleQueue()
        self.held = 0  # calls it runs or has waiting
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="ags-runner", daemon=True)
        self.thread.start()

    def submit(self, call: Call, job: Job) -> None:
        with self.lock:
            queued = self.held > 0
            self.held += 1
        if queued:
            self.link.send(Event(call.id, EventName.QUEUED))
        self.queue.put((call, job, queued))

    def do(self, work: Callable[[], object]) -> None:
        """Run ``work`` on the runner and wait for it (restore: torch's first use is on this thread)."""
        done, failed = threading.Event(), []

        def step() -> None:
            try:
                work()
            except BaseException as e:
                failed.append(e)
            finally:
                done.set()

        self.queue.put(step)
        done.wait()
        if failed:
            raise failed[0]

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if callable(item):
                item()
                continue
            call, job, queued = item
            if queued:
                self.link.send(Event(call.id, EventName.STARTED))
            self.running.note(RUNNER, call.id)
            try:
                reply = self.host.run(call, job)
            finally:
                self.running.note(RUNNER, 0)
                self.jobs.end(call.id)
                with self.lock:
                    self.held -= 1
            self.link.send(reply)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()


def serve(host: Host, link: Messages, jobs: Jobs, runner: Runner, running: Running) -> None:
    """The reader: questions and signals answered at once, small calls run here, the rest to the runner.

    Group commit: while more calls are already waiting to be read, the small calls' changes are not
    written one by one; their answers are held, and when the socket has nothing more (or ``HOLD``
    answers are held) each session they changed is written once, then the answers go out in order.
    No answer leaves before the change it reports is written (in ``os`` mode an answer waits for a
    write, never for an fsync), and a session stays locked while a change of it is held."""
    held: list[tuple[str | None, Reply]] = []  # (session, answer) of the calls run since the last write
    while (message := link.receive()) is not None:
        if isinstance(message, Signalled):
            jobs.signal(message.id, message.what)
        elif isinstance(message, Question):
            link.send(Answered(message.id, _answer(host, message)))
        elif isinstance(message, Call):
            job = jobs.add(message.id, Job(emit=_emitter(link, message.id)))
            reply = _quick(host, message, job, running)
            if reply is None:
                runner.submit(message, job)
            else:
                jobs.end(message.id)
                held.append((message.session, reply))
        if held and (len(held) >= HOLD or not link.more()):
            _release(host, link, held)
            held = []


def _quick(host: Host, call: Call, job: Job, running: Running) -> Reply | None:
    """``call`` run on the reader, its change held; None when it must go to the runner."""
    if not host.is_quick(call):
        return None
    running.note(READER, call.id)
    try:
        return host.run(call, job, host.dispatch.max_flops, hold=True)
    except budget.NotQuick:
        return None
    finally:
        running.note(READER, 0)


def _release(host: Host, link: Messages, held: list[tuple[str | None, Reply]]) -> None:
    """Write what the held answers changed, then send them; a failed write answers its session's calls."""
    failed = host.commit()
    for session, reply in held:
        link.send(reply if session not in failed else Reply(reply.id, failed[session]))


def _emitter(link: Messages, call_id: int) -> Callable[[str, Any], None]:
    return lambda name, data: link.send(Event(call_id, EventName(name), data))


def _answer(host: Host, question: Question) -> Any:
    try:
        return question.fn(host, *question.args)
    except Exception as e:  # a question that fails is answered with its error, raised by the asker
        if not isinstance(e, (EngineError, ServiceError)):
            log.exception("a host question failed")
        return e


def boot(
    name: str,
    device: torch.device,
    settings: Settings,
    state_dir: str,
    rate: float,
    share: int,
    limit: int = resource.RLIMIT_AS,
) -> Host:
    """A host ready to restore its sessions: threads tuned, the budget's rate as the server measured it,
    memory capped."""
    tune(settings)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    budget.rate = rate
    cap = cap_memory(settings, device, share, limit)
    admission.guard.cap = cap if device.type == "cpu" else 0
    admission.guard.field = admission.DATA if limit == resource.RLIMIT_DATA else admission.SIZE
    return Host(name, device, settings, StateStore(state_dir, settings.durability))


def run(request: dict[str, Any], sock: socket.socket, running_fd: int) -> int:
    """A forked host's life: boot, restore, say Ready, serve until the server closes the socket."""
    logging.config.dictConfig(log_config(request.get("log_level", "info")))
    settings = Settings.model_validate_json(request["settings"])
    link = Messages(sock)
    device, share = torch.device(request["device"]), request["memory_share"]
    host = boot(request["name"], device, settings, request["state_dir"], request["rate"], share)
    jobs, running = Jobs(), Running(running_fd)
    host.outbox.push = lambda session, events: link.send(Pushed(session, events))
    runner = Runner(host, link, jobs, running)
    try:
        runner.do(lambda: host.restore(request.get("poisoned")))
        gc.freeze()  # a collection walks only what calls make from here on
        link.send(Ready(host.name, os.getpid(), len(host.entries), host.quarantined))
        serve(host, link, jobs, runner, running)
    finally:
        runner.close()
        host.close()
    return 0
