"""What the server can do and how it is: ops, info, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from engine import DTYPES, OPERATORS, OPS, available_devices
from service import __version__
from service.api.deps import RelayDep, SettingsDep
from service.core.relay import Relay
from service.hosts import host
from service.wire import views
from service.wire.answers import Health, InfoOut, OpsOut, Readiness

router = APIRouter(tags=["meta"])
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


@router.get("/v1/ops", summary="The op catalogue", response_model=OpsOut)
async def ops(request: Request) -> Response:
    """Every op with its tensor arity, attribute JSON schema, differentiability and doc; and the op each
    Python operator is, by its method's stem (``"and": "bitwise_and"`` for ``&``)."""
    catalogue = getattr(request.app.state, "op_catalogue", None)
    if catalogue is None:
        catalogue = request.app.state.op_catalogue = op_catalogue()
    return views.JSON({"ops": catalogue, "operators": OPERATORS})


@router.get("/v1/info", summary="Version, devices and limits", response_model=InfoOut)
async def info(settings: SettingsDep, relay: RelayDep) -> Response:
    """The version, the devices sessions may use, the dtypes, the op count and every limit in force."""
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
            "hosts": [{**h, **_held(relay, h["name"])} for h in relay.backend.facts()],
        }
    )


async def fresh_stats(relay: Relay) -> None:
    """The hosts' sessions and bytes now; a busy host's last known figures."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.shield(relay.refresh(host.stats)), STATS_TIMEOUT_S)


def _held(relay: Relay, name: str) -> dict[str, int]:
    stats = relay.stats.get(name, {})
    return {"sessions": stats.get("sessions", 0), "bytes": stats.get("bytes", 0)}


@router.get("/healthz", summary="Liveness", response_model=Health)
async def healthz() -> Response:
    """Liveness: 200 while the process serves requests."""
    return views.JSON({"status": "ok"})


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "a host is (re)starting"}},
)
async def readyz(request: Request) -> Response:
    """Readiness: 200 once every host is up with its sessions loaded, else 503 (a host is restarting)."""
    relay = getattr(request.app.state, "relay", None)
    ready = relay is not None and relay.backend.ready()
    return views.JSON({"status": "ready" if ready else "starting"}, status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text"}},
)
async def metrics(request: Request) -> Response:
    """Prometheus text: requests and latency per route, errors by type, sessions, bytes per device."""
    m = request.app.state.metrics
    relay = request.app.state.relay
    if relay is not None:
        await fresh_stats(relay)
    m.refresh()
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)
