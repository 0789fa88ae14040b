"""What one call may spend: a time budget, a cost estimate known before running, and cancellation.

A call runs inside ``limit(...)``. Its budget is checked

- before any node runs: the shape pass (engine/shapes.py) estimates each node's floating-point
  work, and ``charge`` refuses a node whose estimate alone, at this machine's best measured rate
  (``calibrate``), would take longer than the whole budget;
- between graph nodes (``check``, from the evaluator);
- inside backward: evaluations made under ``watch_backward`` save their tensors through
  autograd's saved-tensor hooks, so every backward function that reads one checks first;
- before gradients are accumulated.

``cancel`` (the client disconnected) stops the call at the next of those points. A call run on the
event loop carries ``quick_flops``: once its estimated work passes it, ``charge`` raises
``NotQuick`` before any data is touched, and the caller runs it again on a worker.

What stays soft: one torch kernel cannot be interrupted, so a node the estimate lets through (kernels
slower than a matrix product, like wide convolutions, or work the estimate cannot see) can still run
past the budget by its own length (docs/reliability.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import torch

from engine.errors import Cancelled, TimeLimitExceeded


class NotQuick(Exception):
    """The call's estimated work is too much to run on the event loop; nothing was touched."""


# Floating-point operations per second the estimates assume (``calibrate``). An estimate must be a
# lower bound on a node's time, so that a refusal in advance is never wrong: the rate is this
# machine's best measured matrix-product rate, times ``HEADROOM`` (kernels that do better than a
# 512 matmul, a machine quieter than at start). Kernels slower than a matmul (wide convolutions)
# are let through by the same margin.
DEFAULT_RATE = 5e9
HEADROOM = 2.0
rate = DEFAULT_RATE


@dataclass
class Budget:
    seconds: float | None
    deadline: float | None
    cancelled: threading.Event | None = None
    quick_flops: float | None = None
    spent_flops: float = field(default=0.0)


_local = threading.local()


def current() -> Budget | None:
    budget: Budget | None = getattr(_local, "budget", None)
    return budget


@contextmanager
def limit(
    seconds: float | None, *, cancelled: threading.Event | None = None, quick_flops: float | None = None
) -> Iterator[Budget]:
    """Give the work done in this thread, inside the block, ``seconds`` to finish."""
    previous = current()
    deadline = None if seconds is None else time.monotonic() + seconds
    _local.budget = budget = Budget(seconds, deadline, cancelled, quick_flops)
    try:
        yield budget
    finally:
        _local.budget = previous


def _check(budget: Budget, where: str) -> None:
    if budget.cancelled is not None and budget.cancelled.is_set():
        raise Cancelled(f"the client went away; the call stopped at {where} and changed nothing")
    if budget.deadline is not None and time.monotonic() > budget.deadline:
        raise TimeLimitExceeded(
            f"the call ran over its time limit of {budget.seconds} s (max_compute_seconds) at {where};"
            " nothing was changed"
        )


def check(where: str) -> None:
    budget = current()
    if budget is not None:
        _check(budget, where)


def charge(flops: float, where: str) -> None:
    """Account for work about to run; refuse it when its estimate alone breaks the budget."""
    budget = current()
    if budget is None:
        return
    if budget.seconds is not None and flops / rate > budget.seconds:
        raise TimeLimitExceeded(
            f"{where} needs about {flops:.3g} floating-point operations, at least {flops / rate:.3g} s on this"
            f" server: over the time limit of {budget.seconds} s per call (max_compute_seconds); nothing was"
            " changed"
        )
    budget.spent_flops += flops
    if budget.quick_flops is not None and budget.spent_flops > budget.quick_flops:
        raise NotQuick


def watch_backward() -> Any:
    """Saved-tensor hooks that check the budget whenever backward reads a saved tensor."""
    budget = current()
    if budget is None or (budget.deadline is None and budget.cancelled is None):
        return nullcontext()

    def unpack(t: torch.Tensor) -> torch.Tensor:
        _check(budget, "backward")
        return t

    return torch.autograd.graph.saved_tensors_hooks(lambda t: t, unpack)


def calibrate(repeats: int = 10, n: int = 512) -> float:
    """Measure this machine's rate with a matrix product (about 0.1 s), once per process; warmed up
    first, the fastest of ``repeats`` timings counts (``rate_from``)."""
    global rate
    if rate != DEFAULT_RATE:
        return rate
    a = torch.randn(n, n)
    times = []
    for i in range(repeats + 2):
        start = time.perf_counter()
        a @ a
        if i >= 2:  # the first products wake torch's threads up
            times.append(time.perf_counter() - start)
    rate = rate_from(times, 2 * n**3)
    return rate


def rate_from(times: list[float], flops: float) -> float:
    """The rate estimates assume, from timings of the same ``flops``: the fastest one (others only show
    what else the machine was doing), times ``HEADROOM``."""
    return flops / max(min(times), 1e-9) * HEADROOM
