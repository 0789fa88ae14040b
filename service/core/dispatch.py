"""Where a session's call runs: inline on the event loop when it is small, on the device worker otherwise.

A thread hop costs more than a small call itself (a backward on a 2x2 leaf is ~50 µs of work, the
hop ~100-300 µs on a loaded two-core machine), and every call of a session waits for the one
before it, so a busy small session is bound by that hop. A call is tried inline when all of these
hold, each known before it runs:

- it may run inline at all (functional transforms, gradcheck and exports never do);
- the session lives on the CPU (a GPU's worker owns its stream);
- the request body is at most ``inline_max_bytes`` (decoding a big upload is work);
- the session holds at most ``inline_max_bytes`` (``Session.nbytes``).

It then runs with ``inline_max_flops`` in its budget: the shape pass estimates every node's work
before any data is touched, and a call whose estimate passes that raises ``budget.NotInline``
there and runs again, from the start, on the device worker. So a small leaf with a huge
convolution never blocks the loop: other sessions, ``/healthz`` and the metrics keep being served.

The request's size comes from ``service/middleware/request_size.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from engine import Session, Workers, budget

T = TypeVar("T")

UNKNOWN = 1 << 62
REQUEST_BYTES: ContextVar[int] = ContextVar("ags_request_bytes", default=0)


class Dispatch:
    """Decides inline or worker per call, from what is known before the call runs."""

    def __init__(self, workers: Workers, inline_max_bytes: int = 256 << 10, inline_max_flops: float = 1e6) -> None:
        self.workers = workers
        self.max_bytes = inline_max_bytes
        self.max_flops = inline_max_flops

    def inline(self, session: Session) -> bool:
        if self.max_bytes <= 0 or session.device.type != "cpu" or REQUEST_BYTES.get() > self.max_bytes:
            return False
        return session.nbytes() <= self.max_bytes

    async def run(self, session: Session, fn: Callable[[float | None], T], *, inline: bool = True) -> T:
        """Run ``fn(inline_flops)`` for ``session``; the caller holds the session's lock."""
        if inline and self.inline(session):
            with contextlib.suppress(budget.NotInline):
                return fn(self.max_flops)
        return await asyncio.wrap_future(self.workers.submit(session.device, lambda: fn(None)))
