"""The fused training loop over HTTP: one call, ``steps`` optimizer steps, the losses back.

The loop (engine/train.py) runs on the session's host under the session's lock, like every other
call (service/on_host/train.py); the server only relays. With ``Accept: text/event-stream`` the
answer is Server-Sent Events: the host sends the logged steps as events of the call
(service/hosts/calls.py), together at most every ``BATCH_S`` (``Batch``: a frame per step was a
frame per step for the server's event loop to read), and the server writes each batch in one go as
``progress`` events, then ``done`` with the JSON answer's body, or ``error`` with a problem's (a
reader slower than the loop misses progress past a backlog of ``MAX_BACKLOG`` batches; ``done`` has
every loss). bench.stream_load measures the loop meanwhile. A client that goes away stops the loop
after the step in progress (a ``stop`` signal to the host); the steps taken stay applied, and are
persisted as any call's changes are.

A request that cannot start (unknown loss, a loss that is not a scalar, a bad optimizer) is an
ordinary problem answer, streamed or not, and changes nothing. A failure at step k leaves steps
1..k-1 applied: the problem (or ``error`` event) carries ``steps``, ``losses``,
``logged_steps`` and ``durable_steps`` beside its ``detail``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson
from fastapi import Request, Response
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from engine import EngineError
from service.api.verbs import Verb, facts_of
from service.core import problems
from service.core.problems import ServiceError
from service.core.relay import Relay, SessionRef
from service.hosts.calls import EventName
from service.middleware.facts import Facts
from service.on_host import train as on_host
from service.wire.answers import TrainOut, TrainProgress
from service.wire.schemas import Train

log = logging.getLogger("autograd.train")

STREAM = "text/event-stream"
ACCEPT_DOC = {
    "parameters": [
        {
            "name": "accept",
            "in": "header",
            "required": False,
            "schema": {"type": "string", "default": ""},
            "description": "'text/event-stream' streams progress events",
        }
    ]
}
STREAM_DOC = {
    "description": "with 'Accept: text/event-stream': 'progress' events (their data as below), then 'done' "
    "(data as the JSON answer) or 'error' (data a problem)",
    "content": {STREAM: {"schema": {"type": "string"}, "x-progress-data": TrainProgress.model_json_schema()}},
}
_running: set[asyncio.Task[Response]] = set()  # loops whose stream may have ended: kept until done
KEEPALIVE_S = 15.0  # the longest silence on a stream before a comment line
MAX_BACKLOG = 1000  # progress batches waiting for a slow reader; past it, progress is skipped (done has every loss)


async def stream(request: Request, ref: SessionRef, relay: Relay, body: Train) -> Response | None:
    """With ``Accept: text/event-stream``, the loop's events as they come; else the row's JSON call."""
    return await _stream(body, ref, relay, facts_of(request)) if STREAM in request.headers.get("accept", "") else None


async def _stream(body: Train, ref: SessionRef, relay: Relay, facts: Facts) -> Response:
    """Start the loop on the host; answer a problem if it cannot start, else stream its events."""
    events: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()

    def on_event(name: str, data: Any) -> None:
        if name != EventName.PROGRESS or events.qsize() < MAX_BACKLOG:  # a batch of steps: written at once
            events.put_nowait((name, data))

    # Its own task, never cancelled: the session's lock is held until the host is done.
    running = relay.begin(ref, on_host.train, True, body, facts=facts, on_event=on_event)
    task = running.task
    _running.add(task)
    task.add_done_callback(_settled)
    task.add_done_callback(lambda _: events.put_nowait(None))
    if await events.get() is None:  # it ended without starting: the request was refused, nothing changed
        return task.result()  # a problem answer (or the host's loss, raised)

    async def lines() -> AsyncIterator[bytes]:
        while (item := await _next(events)) is not None:
            if item == "quiet":
                yield b": keep-alive\n\n"
            elif item[0] == EventName.PROGRESS:
                yield b"".join(_event(item[0], step) for step in item[1])
            else:
                yield _event(*item)
        try:
            answer = task.result()
        except Exception as e:
            yield _event("error", orjson.loads(problems.from_exception(e, log).body))
            return
        yield _event("done" if answer.status_code < 400 else "error", orjson.loads(answer.body))

    return EventStream(lines(), on_close=running.stop)


async def _next(events: asyncio.Queue[Any]) -> Any:
    """The next item, or ``"quiet"`` after KEEPALIVE_S without one: a comment line then keeps
    clients and proxies from timing out while a long step runs."""
    getter = asyncio.ensure_future(events.get())
    try:
        done, _ = await asyncio.wait({getter}, timeout=KEEPALIVE_S)
    finally:
        if not getter.done():
            getter.cancel()
    return getter.result() if done else "quiet"


def _settled(task: asyncio.Task[Response]) -> None:
    """Forget a finished loop; an unexpected error is logged here, as no stream may be left to carry it."""
    _running.discard(task)
    error = task.exception()
    if error is not None and not isinstance(error, (EngineError, ServiceError)):
        log.error("training loop failed", exc_info=error)


def _event(name: str, data: Any) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"


class EventStream(StreamingResponse):
    """Server-Sent Events that tell the producer when the stream ends, the client gone or not."""

    media_type = STREAM

    def __init__(self, content: AsyncIterator[bytes], on_close: Callable[[], None]) -> None:
        super().__init__(content, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        self.on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.on_close()


VERBS = (
    Verb(
        "POST",
        "/v1/sessions/{session_id}/train",
        on_host.train,
        "A fused training loop: zero, backward, optimizer step, 'steps' times",
        "Each step drops the stepped leaves' grads (``zero_grad``), runs backward from ``loss`` and"
        " steps the optimizer, whose state is the one ``POST /step`` keeps. Answers"
        ' ``{"steps", "losses", "logged_steps", "durable_steps"}``, a loss every ``log_every`` steps and'
        " at the last; with ``Accept: text/event-stream``, streams ``progress`` events and a ``done``.",
        ("optim",),
        body=Train,
        query=(),
        answer=TrainOut,
        responses={200: STREAM_DOC},
        openapi_extra=ACCEPT_DOC,
        quick=lambda b: b.steps == 1,
        stream=stream,
        bound=(False,),
    ),
)
