"""Server-Sent Events of a streamed call (``POST .../train``): progress goes to a callback as it
arrives, and the last event becomes the call's answer, so the rest of the client reads a streamed
call exactly as it reads any other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

OnEvent = Callable[[str, Any], None]
STREAM = "text/event-stream"


class EventReader:
    """Reads the stream line by line; ``done`` and ``error`` end it, every other event is handed on."""

    def __init__(self, on_event: OnEvent, request: httpx.Request) -> None:
        self.on_event = on_event
        self.request = request
        self.name = "message"

    def feed(self, line: str) -> httpx.Response | None:
        """The final answer once the stream's last event has come, else None."""
        if line.startswith("event:"):
            self.name = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = json.loads(line.removeprefix("data:"))
            if self.name == "done":
                return httpx.Response(200, json=data, request=self.request)
            if self.name == "error":
                headers = {"content-type": "application/problem+json"}
                return httpx.Response(int(data.get("status", 500)), json=data, headers=headers, request=self.request)
            self.on_event(self.name, data)
        return None

    def cut(self) -> httpx.TransportError:
        return httpx.ReadError("the event stream ended before its last event", request=self.request)


def is_stream(response: httpx.Response) -> bool:
    return response.status_code < 400 and response.headers.get("content-type", "").startswith(STREAM)


def read(http: httpx.Client, request: httpx.Request, on_event: OnEvent) -> httpx.Response:
    """Send a streamed request and read it to its last event (an answer that is not a stream, as is)."""
    response = http.send(request, stream=True)
    try:
        if not is_stream(response):
            response.read()
            return response
        reader = EventReader(on_event, request)
        for line in response.iter_lines():
            final = reader.feed(line)
            if final is not None:
                return final
        raise reader.cut()
    finally:
        response.close()


async def read_async(http: httpx.AsyncClient, request: httpx.Request, on_event: OnEvent) -> httpx.Response:
    """``read`` for the async client."""
    response = await http.send(request, stream=True)
    try:
        if not is_stream(response):
            await response.aread()
            return response
        reader = EventReader(on_event, request)
        async for line in response.aiter_lines():
            final = reader.feed(line)
            if final is not None:
                return final
        raise reader.cut()
    finally:
        await response.aclose()
