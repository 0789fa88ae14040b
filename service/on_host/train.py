"""The fused training loop as the session's host runs it, under the session's lock like every other
call: the loop (engine/train.py), and its logged steps sent to the server in batches when the call
is streamed (service/api/train.py writes them out as Server-Sent Events)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

import torch
from fastapi import Response

import engine
from engine import encode
from service.core import problems
from service.hosts.calls import EventName, SessionEventType
from service.hosts.host import Context
from service.wire import events, views
from service.wire.schemas import Train

BATCH_S = 0.05  # logged steps are sent to the server at most this often, together


def train(ctx: Context, streaming: bool, body: Train) -> Response:
    """On the host: the loop, emitting its steps when streamed."""
    hooks: dict[str, Any] = {}
    batch = Batch(ctx.job.emit)
    if streaming:

        def progress(p: engine.Progress) -> None:
            batch.add({"step": p.step, "loss": _numbers([p.loss])[0], "elapsed_s": round(p.elapsed_s, 6)})

        hooks = {
            "on_start": lambda: ctx.job.emit(EventName.START, None),
            "on_step": progress,
            "stop": ctx.job.stop.is_set,
        }
    began = time.monotonic()
    try:
        done = engine.train(
            ctx.session,
            body.loss,
            body.optimizer,
            steps=body.steps,
            variables=body.variables,
            zero_grad=body.zero_grad,
            log_every=body.log_every,
            **hooks,
        )
    finally:
        batch.flush()
    answer = _answer(done, ctx.host.store is not None)
    for step in events.train_steps(done.logged, answer["losses"], time.monotonic() - began):
        ctx.note(SessionEventType.TRAIN, functools.partial(dict, step))
    if done.error is not None:
        return _problem(done.error, answer)
    return views.JSON(answer)


class Batch:
    """Logged steps sent to the server together, at most every ``BATCH_S``: one event per step would be
    one frame for the server's event loop to read per step, and a small model steps in milliseconds."""

    def __init__(self, emit: Callable[[str, Any], None]) -> None:
        self.emit, self.last = emit, time.monotonic()
        self.steps: list[dict[str, Any]] = []

    def add(self, step: dict[str, Any]) -> None:
        self.steps.append(step)
        if time.monotonic() - self.last >= BATCH_S:
            self.flush()

    def flush(self) -> None:
        if self.steps:
            self.emit(EventName.PROGRESS, self.steps)
            self.steps, self.last = [], time.monotonic()


def _answer(done: engine.Trained, durable: bool) -> dict[str, Any]:
    return {
        "steps": done.steps,
        "losses": _numbers(done.losses),
        "logged_steps": done.logged,
        "durable_steps": done.steps if durable else 0,
    }


def _numbers(values: list[float]) -> list[Any]:
    """Floats as JSON numbers, NaN and the infinities spelled as the contract spells them."""
    encoded: list[Any] = encode(torch.tensor(values, dtype=torch.float64))
    return encoded


def _problem(error: Exception, extra: dict[str, Any] | None = None) -> Response:
    status, title = problems.status_of(error)
    detail = getattr(error, "detail", None) or "an unexpected error occurred; it has been logged"
    return problems.problem(status, title, detail, **(extra or {}))
