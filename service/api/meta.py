"""What the server can do and how it is: ops, info, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from engine import DTYPES, OPERATORS, OPS, available_devices
from service import __version__
from service.api.verbs import Caller, Verb
from service.core.relay import Relay
from service.hosts import host
from service.wire import views
from service.wire.answers import Health, InfoOut, OpsOut, Readiness

STATS_TIMEOUT_S = 1.0


def op_catalogue() -> list[dict]:
    return [
        {
            "name": spec.name,
            "arity": spec.arity,
            "optional": spec.optional,
            "variadic": spec.variadic,
            "params": [{"name": p.name, "kind": p.kind} for p in spec.params],
            "gather": next((a.name for a in spec.attrs if a.gather), None),
            "attrs": spec.model.model_json_schema(),
            "differentiable": spec.differentiable,
            "doc": spec.doc,
        }
        for spec in OPS.values()
    ]


async def ops(request: Request, *_: object) -> Response:
    catalogue = getattr(request.app.state, "op_catalogue", None)
    if catalogue is None:
        catalogue = request.app.state.op_catalogue = op_catalogue()
    return views.JSON({"ops": catalogue, "operators": OPERATORS})


async def info(request: Request, *_: object) -> Response:
    settings, relay = request.app.state.settings, request.app.state.relay
    await fresh_stats(relay)
    return views.JSON(
        {
            "version": __version__,
            "devices": available_devices(),
            "dtypes": list(DTYPES),
            "ops": len(OPS),
            "sessions": relay.sessions,
            "limits": settings.limits(),
            "backend": settings.backend,
            "durability": relay.durability,
            "hosts": [{**h, **_held(relay, h["name"])} for h in relay.backend.reports()],
        }
    )


async def fresh_stats(relay: Relay) -> None:
    """The hosts' sessions and bytes now; a busy host's last known figures."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.shield(relay.refresh(host.stats)), STATS_TIMEOUT_S)


def _held(relay: Relay, name: str) -> dict[str, int]:
    stats = relay.stats.get(name, {})
    return {"sessions": stats.get("sessions", 0), "bytes": stats.get("bytes", 0)}


async def healthz(*_: object) -> Response:
    return views.JSON({"status": "ok"})


async def readyz(request: Request, *_: object) -> Response:
    relay = getattr(request.app.state, "relay", None)
    ready = relay is not None and relay.backend.ready()
    return views.JSON({"status": "ready" if ready else "starting"}, status_code=200 if ready else 503)


async def metrics(request: Request, *_: object) -> Response:
    m = request.app.state.metrics
    relay = request.app.state.relay
    if relay is not None:
        await fresh_stats(relay)
    m.refresh()
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)


def _row(path: str, serve: Any, summary: str, doc: str, **more: Any) -> Verb:
    return Verb("GET", path, None, summary, doc, ("meta",), query=(), caller=Caller.ANYONE, serve=serve, **more)


VERBS = (
    _row(
        "/v1/ops",
        ops,
        "The op catalogue",
        "Every op with its tensor arity, attribute JSON schema, differentiability and doc; and the op each"
        ' Python operator is, by its method\'s stem (``"and": "bitwise_and"`` for ``&``).',
        answer=OpsOut,
    ),
    _row(
        "/v1/info",
        info,
        "Version, devices and limits",
        "The version, the devices sessions may use, the dtypes, the op count and every limit in force.",
        answer=InfoOut,
    ),
    _row("/healthz", healthz, "Liveness", "Liveness: 200 while the process serves requests.", answer=Health),
    _row(
        "/readyz",
        readyz,
        "Readiness",
        "Readiness: 200 once every host is up with its sessions loaded, else 503 (a host is restarting).",
        answer=Readiness,
        responses={503: {"model": Readiness, "description": "a host is (re)starting"}},
    ),
    _row(
        "/metrics",
        metrics,
        "Prometheus metrics",
        "Prometheus text: requests and latency per route, errors by type, sessions, bytes per device.",
        response_class=PlainTextResponse,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text"}},
    ),
)
