"""Makes each request's declared size known to the host that runs it (service/core/dispatch.py)."""

from __future__ import annotations

from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

UNKNOWN = 1 << 62
REQUEST_BYTES: ContextVar[int] = ContextVar("ags_request_bytes", default=0)


class RequestSize:
    """Records the request's Content-Length (a chunked body counts as large) for the dispatcher."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = 0 if scope["method"] in ("GET", "HEAD", "DELETE") else UNKNOWN
            for key, value in scope["headers"]:
                if key == b"content-length":
                    size = int(value) if value.isdigit() else UNKNOWN
                    break
            REQUEST_BYTES.set(size)
        await self.app(scope, receive, send)
