"""Where calls run: small ones inline on the event loop, large or slow ones on the device worker."""

from __future__ import annotations

import asyncio
import threading
import time

import torch

from engine import Session, Workers
from service.config import Settings
from service.fastpath import REQUEST_BYTES, Dispatch, tune


def where(dispatch: Dispatch, session: Session, body_bytes: int = 0, work=lambda: None) -> str:
    async def go() -> str:
        REQUEST_BYTES.set(body_bytes)

        def fn() -> str:
            work()
            return threading.current_thread().name

        return await dispatch.run(session, fn)

    loop_thread = threading.current_thread().name
    return "inline" if asyncio.run(go()) == loop_thread else "worker"


def test_small_sessions_run_inline_and_big_ones_on_the_worker():
    workers = Workers(1)
    try:
        d = Dispatch(workers, inline_max_bytes=1024, inline_max_ms=50)
        s = Session()
        s.put("x", [1.0, 2.0])
        assert where(d, s) == "inline"
        assert where(d, s, body_bytes=4096) == "worker"  # a big upload is work
        s.put("big", torch.zeros(1000))
        assert where(d, s) == "worker"
        assert where(Dispatch(workers, inline_max_bytes=0), Session()) == "worker"  # off
    finally:
        workers.shutdown()


def test_a_session_whose_calls_are_slow_moves_to_the_worker_and_back():
    workers = Workers(1)
    try:
        d = Dispatch(workers, inline_max_bytes=1024, inline_max_ms=5)
        s = Session()
        assert where(d, s, work=lambda: time.sleep(0.05)) == "inline"  # the first slow call is found out
        assert where(d, s) == "worker"
        for _ in range(30):  # quick calls bring the average back down
            where(d, s)
        assert where(d, s) == "inline"
    finally:
        workers.shutdown()


def test_torch_threads_follow_the_settings():
    before = torch.get_num_threads()
    try:
        tune(Settings(torch_threads=1, torch_interop_threads=0))
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
