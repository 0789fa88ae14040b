"""How the server treats connections: slow or large request heads are closed, idle ones too, and their
number is capped.

uvicorn closes an idle keep-alive connection after ``keep_alive_seconds`` and answers 503 past
``max_connections`` connections or requests in flight (``limit_concurrency``), but it waits for a
request head for ever: a client that trickles header lines holds its connection open. ``HeadTimeout``
closes a connection whose request head is not complete within ``header_timeout_seconds`` of its
first byte (or of the connection opening), and answers 431 to a head over ``max_header_bytes``.

It is uvicorn's httptools protocol (llhttp, the C parser), not its h11 one: h11 parses in Python, and
on a small call it cost more than the service's own work (bench.layers).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from service.core.config import Settings

_WHY = b"the request head is over max_header_bytes"
TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: " + str(len(_WHY)).encode() + b"\r\n\r\n" + _WHY
)


class HeadTimeout(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline on each request head and a cap on its size."""

    head_timeout = 10.0
    max_head = 16 * 1024
    _head_timer: asyncio.TimerHandle | None = None
    _head_bytes = 0  # of the request head being read; -1 once its headers are complete
    _tail = b""  # the last bytes of the head read so far

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_bytes < 0 and (self.cycle is None or self.cycle.response_complete):
            self._head_bytes, self._tail = 0, b""  # the next request on a kept-alive connection begins
            self._arm()
        if self._head_bytes >= 0:
            seen = self._tail + data  # the blank line that ends a head may come split across reads
            end = seen.find(b"\r\n\r\n")
            size = self._head_bytes + (len(data) if end < 0 else end + 4 - len(self._tail))
            if size > self.max_head:
                self.transport.write(TOO_LARGE)
                self.transport.close()
                return
            self._head_bytes, self._tail = size, seen[-3:]
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._head_bytes = -1
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn.Config arguments that carry these settings."""
    limits = {"head_timeout": settings.header_timeout_seconds, "max_head": settings.max_header_bytes}
    return {
        "http": type("HeadTimeout", (HeadTimeout,), limits),
        "loop": "uvloop",
        "timeout_keep_alive": settings.keep_alive_seconds,
        "limit_concurrency": settings.max_connections,
    }
