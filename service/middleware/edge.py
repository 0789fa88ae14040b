"""The one middleware: everything a request meets before its route, in one pure-ASGI layer.

In order: an id for the request (on every answer, in every log line), the body's size and JSON
depth (413 before any parser runs), the Idempotency-Key, then the route, which finds what was
learned here in the scope (``Facts``, service/middleware/facts.py) and hands it to the relay; after it, one
access line and the request's metrics. A large answer leaves in pieces of ``PIECE`` bytes: handed
to the socket whole, 50 MB would be copied in one go while every other request waits. An exception
no handler turned into an answer becomes a logged 500 problem here, so that it too carries the id.
One layer, not six: each ASGI layer costs a coroutine and a wrapped ``send`` per request, and a
JSON body is read once here and handed on.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.problems import PROBLEM_TYPE, problem
from service.middleware import body, idempotency
from service.middleware.facts import FACTS, Facts
from service.middleware.logging import REQUEST_ID, access_log, error_log
from service.middleware.metrics import Metrics, route_template

WITH_BODY = ("POST", "PUT", "PATCH")
PIECE = 1 << 20
# A client's id is reused only if it cannot forge log structure or flood a line: short, plain charset.
SANE_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")
# A fresh id is this process's random prefix and a counter: unique like a uuid4, without reading the
# kernel's random source on every request (~20 µs each on these machines).
_PREFIX = secrets.token_hex(10)
_COUNTER = itertools.count()


class Edge:
    def __init__(self, app: ASGIApp, metrics: Metrics, max_body_bytes: int, max_json_depth: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope)
        id_token = REQUEST_ID.set(request_id)
        facts = scope[FACTS] = Facts(receive=receive)
        start = time.perf_counter()
        status = 500
        started = done = False

        async def answer(message: Message) -> None:
            nonlocal status, started, done
            if done:
                return  # a 413 went out while the body was read; what the app says of the cut body is dropped
            if message["type"] == "http.response.start":
                started, status = True, message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                done = not message.get("more_body", False)
                if len(message.get("body", b"")) > PIECE:
                    await _in_pieces(send, message)
                    return
            await send(message)

        try:
            await self.admit(scope, receive, answer, facts)
        except body.TooLarge:
            pass  # its 413 went out when the body passed the limit (``limited``)
        except Exception:
            error_log.exception("unhandled error")
            if started:
                raise
            detail = "an unexpected error occurred; it has been logged"
            await problem(500, "Internal server error", detail)(scope, receive, answer)
        finally:
            self.account(scope, status, time.perf_counter() - start)
            REQUEST_ID.reset(id_token)

    async def admit(self, scope: Scope, receive: Receive, send: Send, facts: Facts) -> None:
        """The body's checks, then the route (through the idempotency records when a key is sent)."""
        method = scope["method"]
        size, content_type, key = (0 if method in ("GET", "HEAD", "DELETE") else body.UNKNOWN), b"", None
        for name, value in scope["headers"]:
            if name == b"content-length":
                size = int(value) if value.isdigit() else body.UNKNOWN
            elif name == b"content-type":
                content_type = value
            elif name == b"idempotency-key":
                key = value
        if self.max_body_bytes < size < body.UNKNOWN:
            await self.too_large(scope, receive, send)
            return
        facts.size = size
        if method in WITH_BODY and body.might_be_json(content_type):
            raw = await body.read(self.limited(scope, receive, send))
            if raw is None:
                return  # the client left before its body was in
            if (found := body.depth(raw)) > self.max_json_depth:
                limit = self.max_json_depth
                detail = f"the JSON body is nested {found} levels deep; the limit is {limit} (max_json_depth)"
                await problem(413, "JSON nested too deeply", detail)(scope, receive, send)
                return
            facts.size = len(raw)
            receive = body.replay(raw, receive)
        else:
            receive = self.limited(scope, receive, send)
        if key is not None and method in ("POST", "PUT"):
            await idempotency.kept(self.app, scope, receive, send, key, facts)
        else:
            await self.app(scope, receive, send)

    def limited(self, scope: Scope, receive: Receive, send: Send) -> Receive:
        """The client's channel, which answers 413 and stops the route once the body passes the limit."""
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    await self.too_large(scope, receive, send)
                    raise body.TooLarge
            return message

        return counted

    async def too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the request body is over the limit of {self.max_body_bytes} bytes (max_body_bytes)"
        await problem(413, "Request body too large", detail)(scope, receive, send)

    def account(self, scope: Scope, status: int, seconds: float) -> None:
        """One access line and the request's series, under its route template (never the raw path)."""
        route, method = route_template(scope), scope["method"]
        access_log.info(
            "%s %s %d",
            method,
            scope["path"],
            status,
            extra={
                "method": method,
                "path": scope["path"],
                "route": getattr(scope.get("route"), "path", None),
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
                "client": (scope.get("client") or ("", 0))[0],
            },
        )
        m = self.metrics
        m.child(m.requests, method, route, str(status)).inc()
        m.child(m.latency, method, route).observe(seconds)
        if status >= 400:
            m.child(m.errors, scope.get(PROBLEM_TYPE, "about:blank"), str(status)).inc()


def request_id_from(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it is sane, else a fresh one."""
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            candidate = value.decode("latin-1")
            if SANE_ID.fullmatch(candidate):
                return candidate
    return f"{_PREFIX}{next(_COUNTER):012x}"


async def _in_pieces(send: Send, message: Message) -> None:
    """One body message as several, each awaited: the server's flow control paces the copies."""
    whole, more = memoryview(message["body"]), message.get("more_body", False)
    for at in range(0, len(whole), PIECE):
        last = at + PIECE >= len(whole)
        await send({"type": "http.response.body", "body": bytes(whole[at : at + PIECE]), "more_body": more or not last})
