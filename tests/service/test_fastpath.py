"""Where calls run on a host: small ones on the receiving thread, large or costly ones (by estimate) on its pool."""

from __future__ import annotations

import asyncio
import hashlib
import threading

import torch

import engine
from engine import parse_expression
from service.core.config import Settings
from service.core.tuning import tune
from service.hosts.calls import Call
from service.hosts.host import Context
from service.hosts.seam import HostSpec, InlineHosts


def _thread(ctx: Context, work) -> str:
    work(ctx.session)
    return threading.current_thread().name


class Where:
    """One inline host with one session; ``of(...)`` says where a call on it ran."""

    def __init__(self, **settings) -> None:
        self.hosts = InlineHosts([HostSpec("cpu0", "cpu")], Settings(backend="inline", **settings), None)
        self.host = self.hosts.hosts["cpu0"]
        self.entry, token = self.host.create("float32", None, None)
        self.token = hashlib.sha256(token.encode()).digest()
        self.session = self.entry.session

    def of(self, body_bytes: int = 0, work=lambda s: None, quick: bool = True) -> str:
        async def go() -> str:
            call = Call(1, _thread, (work,), self.entry.id, self.token, size=body_bytes, quick=quick)
            return (await self.hosts.call("cpu0", call)).value

        loop_thread = threading.current_thread().name
        return "quick" if asyncio.run(go()) == loop_thread else "worker"

    def close(self) -> None:
        self.host.close()


def test_small_sessions_run_quick_and_big_ones_on_the_worker():
    w = Where(quick_max_bytes=1024, quick_max_flops=1e6)
    try:
        engine.put(w.session, "x", [1.0, 2.0])
        assert w.of() == "quick"
        assert w.of(body_bytes=4096) == "worker"  # a big upload is work
        assert w.of(quick=False) == "worker"  # a verb that never runs quick
        engine.put(w.session, "big", torch.zeros(1000))
        assert w.of() == "worker"
    finally:
        w.close()
    off = Where(quick_max_bytes=0)
    try:
        assert off.of() == "worker"
    finally:
        off.close()


def test_a_busy_session_sends_its_next_call_to_the_worker():
    w = Where(quick_max_bytes=1024)
    try:
        submitted, submit = threading.Event(), w.host.pool.submit

        def noted(*args, **kwargs):
            submitted.set()
            return submit(*args, **kwargs)

        w.host.pool.submit = noted
        with w.entry.lock:  # another call holds the session
            result: list[str] = []
            t = threading.Thread(target=lambda: result.append(w.of()))
            t.start()
            assert submitted.wait(5)  # handed to the pool, to wait for the lock there, not on the loop
            assert t.is_alive()
        t.join(5)
        assert result == ["worker"]
    finally:
        w.close()


def test_heavy_work_on_small_leaves_goes_to_the_worker_before_any_node_runs():
    w = Where(quick_max_bytes=1 << 20, quick_max_flops=1e6)
    try:
        s = w.session
        engine.put(s, "a", init="ones", shape=[1, 1, 40, 40])
        engine.put(s, "k", init="ones", shape=[1, 1, 20, 20])
        engine.compute(s, parse_expression("y = conv2d(a, k).sum()"))  # 2·21·21·400 ≈ 353k flops: cheap
        assert w.of(work=lambda s: engine.get(s, "y")) == "quick"
        engine.put(s, "a", init="ones", shape=[1, 1, 200, 200])  # the same definition, now 2·181²·400 ≈ 26M flops
        assert w.of(work=lambda s: engine.get(s, "y")) == "worker"
    finally:
        w.close()


def test_torch_threads_follow_the_settings():
    before = torch.get_num_threads()
    try:
        tune(Settings(torch_threads=1, torch_interop_threads=0))
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
