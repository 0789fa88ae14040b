"""Running plans: the I/O-free loop that both clients share, and the two drivers that do the I/O.

``effects(plan, ...)`` turns a plan's calls into two kinds of effect, ``Send`` (an httpx
request; the driver answers with the response or the transport error; a streamed one is read
to its last event, see events.py) and ``Sleep``; it does the retrying and the error mapping.
A driver only performs effects, blocking or async.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from autograd_client import events as sse
from autograd_client.calls import Call, Plan, Reply
from autograd_client.errors import AutogradError, ConnectionFailed, from_response
from autograd_client.retry import Retry

T = TypeVar("T")


@dataclass(frozen=True)
class Send:
    request: httpx.Request
    events: sse.OnEvent | None = None


@dataclass(frozen=True)
class Sleep:
    seconds: float


Effects = Generator[Send | Sleep, Any, T]
Build = Callable[..., httpx.Request]


def request_of(build: Build, call: Call) -> httpx.Request:
    """The httpx request for a call; ``build`` is the httpx client's ``build_request``."""
    return build(
        call.method,
        call.path,
        params=call.params,
        json=call.json,
        content=call.content,
        headers=call.headers(),
    )


def reply_of(response: httpx.Response) -> Reply:
    if response.status_code >= 400:
        raise from_response(response.status_code, response.headers, response.content)
    return Reply(response.status_code, response.json() if response.content else None)


def exchange(request: httpx.Request, retry: Retry, on_event: sse.OnEvent | None = None) -> Effects[Reply]:
    """Send one request, again while ``retry`` says so, and read the final answer."""
    attempt = 0
    while True:
        outcome = yield Send(request, on_event)
        wait = retry.wait(attempt, outcome)
        if wait is None:
            break
        yield Sleep(wait)
        attempt += 1
    if isinstance(outcome, Exception):
        raise ConnectionFailed(None, "Connection failed", f"{type(outcome).__name__}: {outcome}") from outcome
    return reply_of(outcome)


def effects(plan: Plan[T], build: Build, retry: Retry) -> Effects[T]:
    """Run a plan: each call it yields is exchanged; a refusal is thrown back into the plan."""
    reply: Reply | None = None
    error: AutogradError | None = None
    while True:
        try:
            call = plan.throw(error) if error is not None else plan.send(reply)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        try:
            reply, error = (yield from exchange(request_of(build, call), retry, call.events)), None
        except AutogradError as e:
            reply, error = None, e


def drive(http: httpx.Client, plan: Plan[T], retry: Retry) -> T:
    steps = effects(plan, http.build_request, retry)
    outcome: Any = None
    while True:
        try:
            effect = steps.send(outcome)
        except StopIteration as done:
            return done.value
        if isinstance(effect, Sleep):
            time.sleep(effect.seconds)
            outcome = None
            continue
        try:
            if effect.events is None:
                outcome = http.send(effect.request)
            else:
                outcome = sse.read(http, effect.request, effect.events)
        except httpx.TransportError as e:
            outcome = e


async def drive_async(http: httpx.AsyncClient, plan: Plan[T], retry: Retry) -> T:
    steps = effects(plan, http.build_request, retry)
    outcome: Any = None
    while True:
        try:
            effect = steps.send(outcome)
        except StopIteration as done:
            return done.value
        if isinstance(effect, Sleep):
            await asyncio.sleep(effect.seconds)
            outcome = None
            continue
        try:
            if effect.events is None:
                outcome = await http.send(effect.request)
            else:
                outcome = await sse.read_async(http, effect.request, effect.events)
        except httpx.TransportError as e:
            outcome = e
