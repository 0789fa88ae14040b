"""Makes each request's declared size known to the dispatcher (service/core/dispatch.py)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from service.core.dispatch import REQUEST_BYTES, UNKNOWN


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
