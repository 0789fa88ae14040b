"""What the server can do and how it is: ops, info, health and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from engine import DTYPES, OPERATORS, OPS, available_devices
from service import __version__
from service.api.deps import RegistryDep, SettingsDep
from service.wire import views
from service.wire.answers import OpsOut

router = APIRouter(tags=["meta"])


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


@router.get("/v1/info", summary="Version, devices and limits")
async def info(settings: SettingsDep, registry: RegistryDep) -> Response:
    """The version, the devices sessions may use, the dtypes, the op count and every limit in force."""
    return views.JSON(
        {
            "version": __version__,
            "devices": available_devices(),
            "dtypes": list(DTYPES),
            "ops": len(OPS),
            "sessions": len(registry.entries),
            "limits": settings.limits(),
        }
    )


@router.get("/healthz", summary="Liveness")
async def healthz() -> Response:
    """Liveness: 200 while the process serves requests."""
    return views.JSON({"status": "ok"})


@router.get("/readyz", summary="Readiness")
async def readyz(request: Request) -> Response:
    """Readiness: 200 once the session registry (and any durable sessions) is loaded, else 503."""
    ready = getattr(request.app.state, "registry", None) is not None
    return views.JSON({"status": "ready" if ready else "starting"}, status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text"}},
)
async def metrics(request: Request) -> Response:
    """Prometheus text: requests and latency per route, errors by type, sessions, bytes per device."""
    m = request.app.state.metrics
    m.refresh()
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)
