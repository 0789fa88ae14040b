"""Prometheus metrics: one registry per app, so several apps (tests) never share counters.

Everything is counted from the outside, by route template, so that the routes stay free of metrics
code: which routes compute and which run a backward pass is the table below.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import orjson
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMPUTE_ROUTES = {"/v1/sessions/{session_id}/compute", "/v1/evaluate"}
BACKWARD_ROUTES = {"/v1/sessions/{session_id}/backward", "/v1/sessions/{session_id}/grad"}
# A compute route runs a backward pass too when its body names one: {"backward": "y"}.
BACKWARD_IN_BODY = b'"backward"'
PROBLEM_CHUNKS = 16  # a problem answer is one small chunk; more is not a problem body


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "ags_http_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "ags_http_request_duration_seconds",
            "HTTP request latency by route",
            ["method", "route"],
            registry=self.registry,
        )
        self.errors = Counter(
            "ags_http_errors",
            "error answers by problem type (RFC 9457) and status",
            ["type", "status"],
            registry=self.registry,
        )
        self.computes = Counter(
            "ags_compute", "successful compute and evaluate calls", ["route"], registry=self.registry
        )
        self.backwards = Counter(
            "ags_backward", "successful calls that ran a backward pass", ["route"], registry=self.registry
        )
        for route in COMPUTE_ROUTES:  # series that exist from the start, so that rate() sees the first call
            self.computes.labels(route)
        for route in COMPUTE_ROUTES | BACKWARD_ROUTES:
            self.backwards.labels(route)
        self.sessions = Gauge("ags_sessions", "live sessions", registry=self.registry)
        self.devices: set[str] = set()
        self.session_bytes = Gauge(
            "ags_session_bytes", "bytes of leaves and grads held, by device", ["device"], registry=self.registry
        )

    def track_sessions(self, count: Callable[[], int], bytes_by_device: Callable[[], dict[str, int]]) -> None:
        self.sessions.set_function(count)
        self._bytes_by_device = bytes_by_device

    def refresh(self) -> None:
        """Reads bytes per device now; a device whose sessions are all gone reads 0, not its last value."""
        current: dict[str, int] = getattr(self, "_bytes_by_device", dict)()
        self.devices |= current.keys()
        for device in self.devices:
            self.session_bytes.labels(device).set(current.get(device, 0))


class MetricsMiddleware:
    """Counts and times every request under its route template (never the raw path)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        problem: list[bytes] | None = None
        body: list[bytes] | None = [] if _may_compute(scope) else None

        async def receive_body() -> Message:
            message = await receive()
            if body is not None and message["type"] == "http.request":
                body.append(message.get("body", b""))
            return message

        async def send_status(message: Message) -> None:
            nonlocal status, problem
            if message["type"] == "http.response.start":
                status = message["status"]
                problem = [] if _is_problem(message.get("headers", [])) else None
            elif message["type"] == "http.response.body" and problem is not None and len(problem) < PROBLEM_CHUNKS:
                problem.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive_body, send_status)
        finally:
            route = route_template(scope)
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - start)
            self.count(method, route, status, body, problem)

    def count(
        self, method: str, route: str, status: int, body: list[bytes] | None, problem: list[bytes] | None
    ) -> None:
        if status >= 400:
            self.metrics.errors.labels(_problem_type(problem), str(status)).inc()
            return
        if method != "POST":
            return
        if route in COMPUTE_ROUTES:
            self.metrics.computes.labels(route).inc()
            if body is not None and _names_backward(b"".join(body)):
                self.metrics.backwards.labels(route).inc()
        elif route in BACKWARD_ROUTES:
            self.metrics.backwards.labels(route).inc()


def route_template(scope: Scope) -> str:
    """The matched route's path template, or ``unmatched``.

    FastAPI's routes put themselves in the scope; Starlette's plain ones (FastAPI's own
    ``/openapi.json``) leave only their endpoint, which the app's route table maps back to a path.
    """
    path = getattr(scope.get("route"), "path", None)
    if path:
        return str(path)
    endpoint, app = scope.get("endpoint"), scope.get("app")
    if endpoint is not None and app is not None:
        for route in getattr(app, "routes", []):
            if getattr(route, "endpoint", None) is endpoint:
                return str(route.path)
    return "unmatched"


def _may_compute(scope: Scope) -> bool:
    """Before routing, whether the request could reach a compute route (its body is then kept)."""
    return scope["method"] == "POST" and scope["path"].rstrip("/").endswith(("/compute", "/evaluate"))


def _is_problem(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"application/problem+json") for k, v in headers)


def _names_backward(body: bytes) -> bool:
    if BACKWARD_IN_BODY not in body:
        return False
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    return isinstance(parsed, dict) and parsed.get("backward") is not None


def _problem_type(chunks: list[bytes] | None) -> str:
    """The ``type`` of a problem+json answer; RFC 9457's default for any other error answer."""
    try:
        parsed = orjson.loads(b"".join(chunks or []))
    except orjson.JSONDecodeError:
        return "about:blank"
    kind = parsed.get("type") if isinstance(parsed, dict) else None
    return kind if isinstance(kind, str) else "about:blank"
