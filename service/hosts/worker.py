"""A host process: ``python -m service.hosts.worker``, started by the ``process`` backend.

It reads its settings (JSON) from stdin, its name, device and socket from the environment, caps
its own memory, loads its sessions from the state folder, says ``Ready``, and then serves calls
from the socket until the server closes it. Messages are pickles framed as multiprocessing's
``Connection`` frames them (the server reads them with asyncio, service/hosts/process.py).

A small call runs on this reading thread (service/core/dispatch.py); the others go to the pool,
and the host tells the server when such a call is ``queued`` and ``started``, so that the
server's deadline counts only the time a call runs. When the socket closes, the running calls
finish and write, and the process exits 0.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
import pickle
import resource
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import torch

from engine import budget
from service.core.config import Settings
from service.core.tuning import tune
from service.durable.store import StateStore
from service.hosts.calls import Call, Event, Ready, Reply, Signal
from service.hosts.host import Host, Job
from service.middleware.logging import config as log_config

log = logging.getLogger("autograd.host")


def cap_memory(settings: Settings, device: torch.device, limit: int = resource.RLIMIT_AS) -> None:
    """RLIMIT_AS on a CPU host (an allocation past it fails inside torch and becomes a 413); on a GPU,
    torch's per-process memory fraction of that card (CUDA reserves large virtual ranges). A Ray
    actor uses RLIMIT_DATA instead, which leaves out the object store its worker maps."""
    cap = settings.host_memory_bytes
    if cap <= 0:
        return
    if device.type == "cuda":
        total = torch.cuda.get_device_properties(device).total_memory
        torch.cuda.set_per_process_memory_fraction(min(1.0, cap / total), device)
        return
    resource.setrlimit(limit, (cap, cap))


class Channel:
    """The socket to the server: pickles out under one lock (calls answer from several threads)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.conn.send_bytes(data)

    def reply(self, reply: Reply) -> None:
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # an answer that cannot travel is a problem answer, never a hang
            log.exception("an answer could not be pickled")
            from service.core import problems

            data = pickle.dumps(Reply(reply.id, problems.from_exception(e, log)), protocol=pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.conn.send_bytes(data)


def _emitter(channel: Channel, call_id: int) -> Callable[[str, Any], None]:
    return lambda name, data: channel.send(Event(call_id, name, data))


def serve(host: Host, channel: Channel) -> None:
    jobs: dict[int, Job] = {}

    def pooled(call: Call, job: Job) -> None:
        job.started = lambda: channel.send(Event(call.id, "started"))
        try:
            reply = host.run(call, job)
        finally:
            jobs.pop(call.id, None)
        channel.reply(reply)

    while True:
        try:
            message = pickle.loads(channel.conn.recv_bytes())
        except (EOFError, OSError):
            return
        if isinstance(message, Signal):
            job = jobs.get(message.id)
            if job is not None:
                (job.cancelled if message.what == "cancel" else job.stop).set()
            continue
        call: Call = message
        job = Job(emit=_emitter(channel, call.id))
        if host.may_inline(call):
            try:
                channel.reply(host.run(call, job, host.dispatch.max_flops))
                continue
            except budget.NotInline:
                pass
        jobs[call.id] = job
        channel.send(Event(call.id, "queued"))
        host.pool.submit(pooled, call, job)


def boot(name: str, device: torch.device, settings: Settings, state_dir: str, limit: int = resource.RLIMIT_AS) -> Host:
    """A host ready to serve: threads tuned, the budget's rate measured, memory capped, sessions loaded."""
    tune(settings)
    if device.type == "cuda":
        torch.cuda.set_device(device)
    budget.calibrate()
    cap_memory(settings, device, limit)
    host = Host(name, device, settings, StateStore(state_dir, settings.durability))
    host.restore()
    return host


def main() -> None:
    name = os.environ["AGS_HOST_NAME"]
    settings = Settings(**json.loads(sys.stdin.read()))
    logging.config.dictConfig(log_config(os.environ.get("AGS_HOST_LOG_LEVEL", "info")))
    host = boot(name, torch.device(os.environ["AGS_HOST_DEVICE"]), settings, os.environ["AGS_HOST_STATE_DIR"])
    channel = Channel(Connection(int(os.environ["AGS_HOST_FD"])))
    channel.send(Ready(name, os.getpid(), len(host.entries)))
    try:
        serve(host, channel)
    finally:
        host.close()


if __name__ == "__main__":
    main()
