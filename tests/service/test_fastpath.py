"""Where calls run: small ones inline on the event loop, large or costly ones (by estimate) on the worker."""

from __future__ import annotations

import asyncio
import threading

import torch

import engine
from engine import Session, Workers, budget, parse_expression
from service.app import tune
from service.core.config import Settings
from service.core.dispatch import REQUEST_BYTES, Dispatch


def where(dispatch: Dispatch, session: Session, body_bytes: int = 0, work=lambda: None, inline=True) -> str:
    async def go() -> str:
        REQUEST_BYTES.set(body_bytes)

        def fn(inline_flops: float | None) -> str:
            with budget.limit(None, inline_flops=inline_flops):
                work()
            return threading.current_thread().name

        return await dispatch.run(session, fn, inline=inline)

    loop_thread = threading.current_thread().name
    return "inline" if asyncio.run(go()) == loop_thread else "worker"


def test_small_sessions_run_inline_and_big_ones_on_the_worker():
    workers = Workers(1)
    try:
        d = Dispatch(workers, inline_max_bytes=1024, inline_max_flops=1e6)
        s = Session()
        engine.put(s, "x", [1.0, 2.0])
        assert where(d, s) == "inline"
        assert where(d, s, body_bytes=4096) == "worker"  # a big upload is work
        assert where(d, s, inline=False) == "worker"  # a verb that never runs inline
        engine.put(s, "big", torch.zeros(1000))
        assert where(d, s) == "worker"
        assert where(Dispatch(workers, inline_max_bytes=0), Session()) == "worker"  # off
    finally:
        workers.shutdown()


def test_heavy_work_on_small_leaves_goes_to_the_worker_before_any_node_runs():
    workers = Workers(1)
    try:
        d = Dispatch(workers, inline_max_bytes=1 << 20, inline_max_flops=1e6)
        s = Session()
        engine.put(s, "a", init="ones", shape=[1, 1, 40, 40])
        engine.put(s, "k", init="ones", shape=[1, 1, 20, 20])
        engine.compute(s, parse_expression("y = conv2d(a, k).sum()"))  # 2·21·21·400 ≈ 353k flops: cheap
        assert where(d, s, work=lambda: engine.get(s, "y")) == "inline"
        engine.put(s, "a", init="ones", shape=[1, 1, 200, 200])  # the same definition, now 2·181²·400 ≈ 26M flops
        assert where(d, s, work=lambda: engine.get(s, "y")) == "worker"
    finally:
        workers.shutdown()


def test_torch_threads_follow_the_settings():
    before = torch.get_num_threads()
    try:
        tune(Settings(torch_threads=1, torch_interop_threads=0))
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
