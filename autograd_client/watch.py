"""Watching a session: its events as they happen (``GET /v1/sessions/{id}/events``), for both clients.

``Watch`` holds what does not depend on the I/O: the request that opens (and reopens) the stream,
with ``Last-Event-ID`` once an event has come; the lines read into events; when to open again. The
two drivers below do the I/O. A dropped connection (an error, or a stream that ends before its
``end`` event) is opened again after the client's backoff, from the last event seen, so nothing is
missed or seen twice; if what was missed is gone from the server, the stream goes on with ``reset``
(read the state again). A refusal (the session gone, a revoked token, too many watchers) is raised.
The last event is ``end``; the iteration stops after it.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from autograd_client.errors import ConnectionFailed, from_response
from autograd_client.retry import Retry

STREAM = "text/event-stream"


@dataclass(frozen=True)
class LiveEvent:
    """One event of a watched session: its number in the session's sequence (``id``; None for a
    watcher's own ``end``, ``dropped``), its ``type`` (``hello``, ``leaf``, ``backward``, …) and its data."""

    id: int | None
    type: str
    data: Any


class Watch:
    """One watch of one session, across the connections it takes."""

    def __init__(self, session: Any, last_event_id: int | None, retry: Retry) -> None:
        self.path = f"/v1/sessions/{session.id}/events"
        self.token = session.token
        self.last = last_event_id
        self.retry = retry
        self.attempt = 0
        self.ended = False
        self._type = "message"  # the event being read: its type, id and data lines
        self._id: int | None = None
        self._data: list[str] = []

    def headers(self) -> dict[str, str]:
        """The headers that open the stream (again), after the last event seen."""
        headers = {"Authorization": f"Bearer {self.token}", "Accept": STREAM}
        if self.last is not None:
            headers["Last-Event-ID"] = str(self.last)
        self._type, self._id, self._data = "message", None, []
        return headers

    def refused(self, response: httpx.Response) -> float | None:
        """For an answer that is not a stream: the seconds to wait before opening again, else raises."""
        if response.status_code < 400 and response.headers.get("content-type", "").startswith(STREAM):
            return None
        wait = self.retry.wait(self.attempt, response) if response.status_code >= 400 else None
        if wait is None:
            raise from_response(response.status_code, response.headers, response.content)
        self.attempt += 1
        return wait

    def broken(self, error: Exception | None) -> float:
        """The connection dropped (``error``, or the stream ended before ``end``): the wait before opening
        it again, from the last event seen; raises when the client's retries are spent."""
        error = error or httpx.ReadError("the event stream ended before its end event")
        wait = self.retry.wait(self.attempt, error)
        if wait is None:
            raise ConnectionFailed(None, "Connection failed", f"{type(error).__name__}: {error}") from error
        self.attempt += 1
        return wait

    def feed(self, line: str) -> LiveEvent | None:
        """A line of the stream; the event once its blank line has come."""
        if line == "":
            if not self._data:
                return None
            found = LiveEvent(self._id, self._type, json.loads("\n".join(self._data)))
            self._type, self._id, self._data = "message", None, []
            if found.id is not None:
                self.last = found.id
            self.attempt = 0
            self.ended = found.type == "end"
            return found
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            self._type = value
        elif field == "data":
            self._data.append(value)
        elif field == "id" and value.isdigit():
            self._id = int(value)
        return None


def watch(http: httpx.Client, w: Watch) -> Iterator[LiveEvent]:
    """The blocking client's events: read as they come, reopened when the connection drops."""
    while True:
        error: Exception | None = None
        try:
            with http.stream("GET", w.path, headers=w.headers()) as response:
                wait = w.refused(_read(response))
                if wait is None:
                    for line in response.iter_lines():
                        if (found := w.feed(line)) is not None:
                            yield found
                            if w.ended:
                                return
        except httpx.TransportError as e:
            error = e
        else:
            if wait is not None:
                time.sleep(wait)
                continue
        time.sleep(w.broken(error))


async def watch_async(http: httpx.AsyncClient, w: Watch) -> AsyncIterator[LiveEvent]:
    """``watch`` for the async client."""
    while True:
        error: Exception | None = None
        try:
            async with http.stream("GET", w.path, headers=w.headers()) as response:
                if response.status_code >= 400:
                    await response.aread()
                wait = w.refused(response)
                if wait is None:
                    async for line in response.aiter_lines():
                        if (found := w.feed(line)) is not None:
                            yield found
                            if w.ended:
                                return
        except httpx.TransportError as e:
            error = e
        else:
            if wait is not None:
                await asyncio.sleep(wait)
                continue
        await asyncio.sleep(w.broken(error))


def _read(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        response.read()
    return response
