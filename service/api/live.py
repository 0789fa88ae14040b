"""Live sessions: every change to a session as it happens, as Server-Sent Events (GET …/events).

A stream opens on the session's host (service/on_host/live.py: in the session's queue and under its
lock like any call, so no change falls between the state it starts from and the events after it). A
fresh stream starts with ``hello`` (the variables without data, and the number of the last event
they reflect); one that resumes (``Last-Event-ID: n``) with the events after n from the host's
backlog, or with ``reset`` when the backlog no longer reaches back to n (the client reads the state
again). Then each change's events as it is written (service/core/watchers.py), and a comment line
after ``KEEPALIVE_S`` of silence. An event's ``id`` is its number in the session's sequence
(``hello``'s and ``reset``'s: the last event they reflect). The last event is ``end``: the session
was deleted, it expired, or this watcher fell a backlog behind (``dropped``). A stream whose host
ends closes without ``end``: the client resumes. The owner's token and viewer tokens open it alike.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Header, Request, Response
from starlette.types import Receive, Scope, Send

from service.api.verbs import Verb
from service.core.relay import Refused, SessionRef
from service.core.watchers import QUIET, Watcher, Watchers
from service.hosts.calls import SessionEvent
from service.hosts.host import verify
from service.middleware.facts import Facts
from service.on_host import live as on_host

KEEPALIVE_S = 15.0  # the longest silence before a comment line: proxies and clients keep the stream open
STALL_S = 30.0  # a client that takes one write this long (it has stopped reading) is disconnected
LINGER_S = 0.05  # after a write, events gather this long for the next: a burst is one write, not one each
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]
EVENT = {  # one event of the stream, as its fields: its data is JSON (docs/api.md, "Live sessions")
    "type": "object",
    "properties": {"id": {"type": "string"}, "event": {"type": "string"}, "data": {"type": "string"}},
    "required": ["event", "data"],
}
STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events: 'hello' (or, resuming, the events missed, or 'reset'), then each"
        " change as it is written: leaf, deleted, defined, backward, zero_grad, step, train; 'end' last"
        " (docs/api.md, 'Live sessions')",
        "content": {"text/event-stream": {"schema": EVENT}},
    },
    429: {"description": "The session has max_watchers_per_session streams open on this server"},
}


LAST_EVENT_ID = Annotated[
    int | None, Header(alias="Last-Event-ID", ge=0, description="resume after this event's number")
]


async def events(request: Request, ref: SessionRef, facts: Facts, last_event_id: int | None) -> Response:
    relay = request.app.state.relay
    await relay.verify(ref, verify)  # a wrong token is a 404 before the watchers are counted
    watchers: Watchers = request.app.state.watchers
    watcher = watchers.join(ref.id)
    try:
        seen, first = await relay.value(ref, on_host.open_stream, last_event_id, facts=facts)
    except Refused as refused:
        watchers.leave(watcher)
        return refused.answer
    except BaseException:
        watchers.leave(watcher)
        raise
    watchers.opened(watcher, seen, first)
    return Stream(watcher, lambda: watchers.leave(watcher))


def sse(e: SessionEvent) -> bytes:
    head = b"id: %d\n" % e.seq if e.seq >= 0 else b""
    return b"%sevent: %s\ndata: %s\n\n" % (head, e.type.encode(), e.data)


class Stream(Response):
    """One watcher's events as Server-Sent Events, until it is done or its client goes away."""

    def __init__(self, watcher: Watcher, on_close: Callable[[], None]) -> None:
        self.status_code, self.raw_headers, self.background = 200, HEADERS, None
        self.watcher, self.on_close = watcher, on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def gone() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            self.watcher.close()

        listener = asyncio.ensure_future(gone())
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            while (batch := await self.watcher.next(KEEPALIVE_S)) is not None:
                body = b"".join(b": keep-alive\n\n" if e is QUIET else sse(e) for e in batch)
                async with asyncio.timeout(STALL_S):  # past it, the connection is closed unfinished
                    await send({"type": "http.response.body", "body": body, "more_body": True})
                await self.watcher.settle(LINGER_S)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except TimeoutError:
            pass
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
            self.on_close()


VERBS = (
    Verb(
        "GET",
        "/v1/sessions/{session_id}/events",
        None,
        "Watch a session: its changes as Server-Sent Events",
        "Every change to the session as it happens. The owner's token or a viewer token.",
        ("live",),
        query=(("last_event_id", LAST_EVENT_ID, None),),
        responses=STREAM_DOC,
        response_class=Response,
        serve=events,
    ),
)
