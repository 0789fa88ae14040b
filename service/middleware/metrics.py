"""Prometheus metrics: one registry per app, so several apps (tests) never share counters.

Requests, latency and errors are counted by the middleware (service/middleware/edge.py), by route
template; compute and backward calls where they are known, by the routes that make them
(``Metrics.ran``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.types import Scope


class Metrics:
    def __init__(self, counted: Iterable[str] = ()) -> None:
        """``counted``: the paths of the routes whose successes count computes and backwards (the verb
        rows with ``counts``); their series exist from the start, so that rate() sees the first call."""
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
        for route in counted:
            self.computes.labels(route)
            self.backwards.labels(route)
        self.sessions = Gauge("ags_sessions", "live sessions", registry=self.registry)
        self.devices: set[str] = set()
        self.session_bytes = Gauge(
            "ags_session_bytes", "bytes of leaves and grads held, by device", ["device"], registry=self.registry
        )
        self.watchers = Gauge("ags_watchers", "open event streams (GET …/events)", registry=self.registry)
        self.dropped = Counter(
            "ags_watchers_dropped", "event streams ended for falling a backlog behind", registry=self.registry
        )

        self._children: dict[tuple[Any, ...], Any] = {}

    def child(self, metric: Any, *labels: str) -> Any:
        """``metric.labels(*labels)``, found once (labels() builds and locks on every call: ~7 µs)."""
        key = (id(metric), *labels)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = metric.labels(*labels)
        return found

    def ran(self, route: str, *, computed: bool = False, backward: bool = False) -> None:
        """A route's successful call: it computed (defined or evaluated) and/or ran a backward pass."""
        if computed:
            self.child(self.computes, route).inc()
        if backward:
            self.child(self.backwards, route).inc()

    def track_sessions(self, count: Callable[[], int], bytes_by_device: Callable[[], dict[str, int]]) -> None:
        self.sessions.set_function(count)
        self._bytes_by_device = bytes_by_device

    def track_hosts(self, describe: Callable[[], list[dict[str, Any]]]) -> None:
        """Per-host series, read from the backend at each scrape."""
        self.registry.register(HostCollector(describe))

    def refresh(self) -> None:
        """Reads bytes per device now; a device whose sessions are all gone reads 0, not its last value."""
        current: dict[str, int] = getattr(self, "_bytes_by_device", dict)()
        self.devices |= current.keys()
        for device in self.devices:
            self.session_bytes.labels(device).set(current.get(device, 0))


class HostCollector(Collector):
    """Calls, restarts, kills by reason, calls in flight (queue depth) and up, per session host."""

    def __init__(self, hosts: Callable[[], list[dict[str, Any]]]) -> None:
        self.hosts = hosts  # not ``describe``: the registry would take it for Collector.describe

    def collect(self) -> Iterator[Metric]:
        calls = CounterMetricFamily("ags_host_calls", "calls sent to each host", labels=["host", "device"])
        restarts = CounterMetricFamily("ags_host_restarts", "times each host was started again", labels=["host"])
        kills = CounterMetricFamily("ags_host_kills", "host ends by reason", labels=["host", "reason"])
        queue = GaugeMetricFamily("ags_host_queue_depth", "calls in flight on each host", labels=["host"])
        up = GaugeMetricFamily("ags_host_up", "1 while the host serves calls", labels=["host", "device"])
        for h in self.hosts():
            calls.add_metric([h["name"], h["device"]], h.get("calls", 0))
            restarts.add_metric([h["name"]], h.get("restarts", 0))
            for reason, n in h.get("kills", {}).items():
                kills.add_metric([h["name"], reason], n)
            queue.add_metric([h["name"]], h.get("in_flight", 0))
            up.add_metric([h["name"], h["device"]], 1 if h.get("up") else 0)
        yield from (calls, restarts, kills, queue, up)


def ran(request: Request, *, computed: bool = False, backward: bool = False) -> None:
    """Count a route's successful call where it happens: it computed and/or ran a backward pass."""
    metrics: Metrics = request.app.state.metrics
    metrics.ran(route_template(request.scope), computed=computed, backward=backward)


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
