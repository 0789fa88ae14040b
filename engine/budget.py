"""A time budget per call, checked between graph nodes and before a result is committed.

Torch kernels cannot be interrupted, so the check is cooperative: a call over its budget
stops at the next node (or before accumulating gradients) with TimeLimitExceeded, and the
session is left as it was. Element and node limits keep any single kernel bounded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from engine.errors import TimeLimitExceeded

_local = threading.local()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Give the calls made in this thread, inside the block, ``seconds`` to finish."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = None if seconds is None else time.monotonic() + seconds
    _local.seconds = seconds
    try:
        yield
    finally:
        _local.deadline = previous


def check(where: str) -> None:
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded(
            f"the call ran over its time limit of {_local.seconds} s (max_compute_seconds) at {where};"
            " nothing was changed"
        )
