"""How the server treats connections: slow request heads are closed, idle ones too, and their number is capped.

uvicorn closes an idle keep-alive connection after ``keep_alive_seconds`` and answers 503 past
``max_connections`` connections or requests in flight (``limit_concurrency``), but it waits for a
request head for ever: a client that trickles header lines holds its connection open. ``HeadTimeout``
closes a connection whose request head is not complete within ``header_timeout_seconds`` of its
first byte (or of the connection opening), and ``h11_max_incomplete_event_size`` caps the head's size.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.core.config import Settings


class HeadTimeout(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request head."""

    head_timeout = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
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
    protocol = type("HeadTimeout", (HeadTimeout,), {"head_timeout": settings.header_timeout_seconds})
    return {
        "http": protocol,
        "timeout_keep_alive": settings.keep_alive_seconds,
        "limit_concurrency": settings.max_connections,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }
