"""Where a session's call runs: inline on the event loop when it is small, on the device worker otherwise.

A thread hop costs more than a small call itself (a backward on a 2x2 leaf is ~50 µs of work, the
hop ~100-300 µs on a loaded two-core machine), and every call of a session waits for the one
before it, so a busy small session is bound by that hop. A call runs inline when all of these hold:

- the session lives on the CPU (a GPU's worker owns its stream);
- the request body is at most ``inline_max_bytes`` (decoding a big upload is work);
- the session holds at most ``inline_max_bytes`` of leaves and gradients;
- the session's recent calls were quick: an average of their durations, measured wherever
  they ran, under ``inline_max_ms``. A call that turns out slow (a small leaf with a big outer
  product, a slow disk) blocks the loop once, and the session's next calls go to the worker.

Everything else runs on the device worker (``engine.Workers``), so a long computation never
blocks the loop: other sessions, ``/healthz`` and the metrics keep being served.

``RequestSize`` is the ASGI middleware that makes the request's size known to the dispatcher.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

import torch
from starlette.types import ASGIApp, Receive, Scope, Send

from engine import Session, Workers, cache
from service.config import Settings

T = TypeVar("T")

UNKNOWN = 1 << 62
REQUEST_BYTES: ContextVar[int] = ContextVar("ags_request_bytes", default=0)


class RequestSize:
    """Records the request's Content-Length (a chunked body counts as large) for the dispatcher."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = 0 if scope["method"] in ("GET", "HEAD", "DELETE") else UNKNOWN
            for key, value in scope["headers"]:
                if key == b"content-length":
                    size = int(value) if value.isdigit() else UNKNOWN
                    break
            REQUEST_BYTES.set(size)
        await self.app(scope, receive, send)


class Dispatch:
    """Decides inline or worker per call, and keeps each session's recent call durations."""

    SMOOTHING = 0.3
    MAX_TRACKED = 10_000

    def __init__(self, workers: Workers, inline_max_bytes: int = 256 << 10, inline_max_ms: float = 2.0) -> None:
        self.workers = workers
        self.max_bytes = inline_max_bytes
        self.max_seconds = inline_max_ms / 1000
        self.recent: OrderedDict[int, float] = OrderedDict()  # id(session) -> average seconds
        self._lock = threading.Lock()

    def inline(self, session: Session) -> bool:
        if self.max_bytes <= 0 or session.device.type != "cpu" or REQUEST_BYTES.get() > self.max_bytes:
            return False
        if self.recent.get(id(session), 0.0) > self.max_seconds:
            return False
        return _holds_at_most(session, self.max_bytes)

    async def run(self, session: Session, fn: Callable[[], T]) -> T:
        """Run ``fn`` for ``session``; the caller holds the session's lock."""
        if self.inline(session):
            start = time.perf_counter()
            try:
                return fn()
            finally:
                self._record(session, time.perf_counter() - start)

        def timed() -> T:
            start = time.perf_counter()
            try:
                return fn()
            finally:
                self._record(session, time.perf_counter() - start)

        return await asyncio.wrap_future(self.workers.submit(session.device, timed))

    def _record(self, session: Session, seconds: float) -> None:
        key = id(session)
        with self._lock:  # the loop and worker threads of other sessions record at the same time
            previous = self.recent.pop(key, seconds)
            self.recent[key] = previous + self.SMOOTHING * (seconds - previous)
            while len(self.recent) > self.MAX_TRACKED:
                self.recent.popitem(last=False)


def _holds_at_most(session: Session, limit: int) -> bool:
    total = 0
    for t in session.leaves.values():
        total += t.numel() * t.element_size()
        if t.grad is not None:
            total += t.grad.numel() * t.grad.element_size()
        if total > limit:
            return False
    return True


def tune(settings: Settings) -> None:
    """Process-wide settings: torch's thread pools sized to the machine, the graph cache's bound."""
    threads, interop = settings.torch_threads, settings.torch_interop_threads
    if threads > 0 and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    if interop > 0 and torch.get_num_interop_threads() != interop:
        with contextlib.suppress(RuntimeError):  # set once per process, before any inter-op work
            torch.set_num_interop_threads(interop)
    cache.configure(settings.graph_cache_size)
