"""Prometheus metrics: one registry per app, so several apps (tests) never share counters."""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
        self.sessions = Gauge("ags_sessions", "live sessions", registry=self.registry)
        self.session_bytes = Gauge(
            "ags_session_bytes", "bytes of leaves and grads held, by device", ["device"], registry=self.registry
        )

    def track_sessions(self, count: Callable[[], int], bytes_by_device: Callable[[], dict[str, int]]) -> None:
        self.sessions.set_function(count)
        self._bytes_by_device = bytes_by_device

    def refresh(self) -> None:
        for device, n in getattr(self, "_bytes_by_device", dict)().items():
            self.session_bytes.labels(device).set(n)


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

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - start)
