"""The FastAPI application: state made in the lifespan, middleware, routers, problem handlers."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from service import __version__
from service.api.table import VERBS
from service.api.verbs import routes
from service.core import problems
from service.core.config import Settings
from service.core.relay import Relay
from service.core.tuning import tune
from service.core.watchers import Watchers
from service.hosts import host
from service.hosts.process import ProcessHosts
from service.hosts.seam import Backend, InlineHosts, host_specs, orphans
from service.middleware.edge import Edge
from service.middleware.idempotency import Records
from service.middleware.metrics import Metrics
from service.wire import answers

log = logging.getLogger("autograd.hosts")

DESCRIPTION = """PyTorch-exact automatic differentiation over HTTP.

Create a session, put leaves in it, define computed variables, run backward, read gradients.
Gradients accumulate across backward calls until zeroed, exactly like `x.grad` in PyTorch.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    tune(settings)  # torch threads, graph cache size
    metrics = Metrics(counted=[verb.path for verb in VERBS if verb.counts is not None])
    state_dir = Path(settings.state_dir) if settings.state_dir else None
    records = Records(
        settings.idempotency_ttl_seconds,
        settings.idempotency_caller_bytes,
        settings.idempotency_caller_keys,
        None if state_dir is None else state_dir / "idempotency",
        settings.durability,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        private = None
        if settings.backend != "inline" and state_dir is None:  # hosts must be able to come back
            private = tempfile.mkdtemp(prefix="ags-state-")
        folder = str(state_dir) if state_dir else private
        backend = make_backend(settings, folder)
        await backend.start()
        if folder is not None and (lost := orphans(folder, backend.specs)):
            log.warning("session files of hosts this server does not run were left as they are", extra={"hosts": lost})
        relay = Relay(settings, backend)
        await relay.refresh(host.stats)
        records.load([m for spec in backend.specs for m in await relay.ask(spec.name, host.markers)])
        app.state.relay = relay
        app.state.watchers = watchers = Watchers(settings, backend, metrics.dropped.inc)
        metrics.watchers.set_function(watchers.count)
        metrics.track_sessions(lambda: relay.sessions, lambda: bytes_by_device(relay))
        metrics.track_hosts(backend.reports)
        sweeper = asyncio.create_task(sweep(relay, records, settings.sweep_interval_seconds))
        gc.freeze()  # the imports and the app stay out of every collection: a full one cost ~30 ms
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            await watchers.close()
            app.state.relay = None
            await backend.close()  # the calls in flight finish and write; the hosts exit
            await asyncio.to_thread(records.close)  # the records written since the last flush, fsynced
            if private is not None:
                shutil.rmtree(private, ignore_errors=True)

    app = FastAPI(
        title="autograd-service",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,  # '/variables/' is a 404 problem, not a redirect to somewhere else
        # FastAPI's OpenTelemetry asks on every request whether a provider is set (~30 µs a small call);
        # the service's metrics are its own (/metrics), its traces the request id in every log line.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.relay = None
    app.state.records = records
    app.state.api_key_hashes = [hashlib.sha256(k.encode()).digest() for k in settings.api_key_list()]
    add_routes(app, settings)
    # Request id, access log, metrics, body limits and the Idempotency-Key, in the request's facts;
    # the key is claimed once the caller has authenticated (service/api/verbs.py).
    app.add_middleware(
        Edge, metrics=metrics, max_body_bytes=settings.max_body_bytes, max_json_depth=settings.max_json_depth
    )
    if settings.cors_origin_list():
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list(),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After", "Idempotent-Replayed"],
        )
    return app


def add_routes(app: FastAPI, settings: Settings) -> None:
    """Every row of the route table as a route, with its problem answers; the OpenAPI document as
    the rows describe it, in reading order."""
    problems.install(app)
    if not settings.api_key_list():
        optional_api_key(app)
    in_reading_order(app)
    with_answer_examples(app)
    for route in routes(VERBS):
        if route.include_in_schema:
            route.responses = {**problems.RESPONSES, **route.responses}
        app.router.routes.append(route)


def optional_api_key(app: FastAPI) -> None:
    """With no AGS_API_KEYS, OpenAPI says X-API-Key may be left out (an empty security requirement)."""
    build = app.openapi

    def openapi() -> dict:
        schema = build()
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                security = operation.get("security") if isinstance(operation, dict) else None
                if security and {} not in security and all(set(req) == {"APIKeyHeader"} for req in security):
                    security.append({})
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# The subjects in the order a user meets them (each tag's paths in the order of its table), with
# the words Swagger UI and ReDoc put above each group.
TAGS = (
    ("sessions", "Create a session first: its id and bearer token; describe, delete, export and import it."),
    ("variables", "Leaves: tensors you own, like torch.tensor(..., requires_grad=True)."),
    ("autograd", "Computed variables from an expression or a JSON graph; backward, grad and zero_grad."),
    ("optim", "torch.optim on the leaves: one step, or a fused training loop on the server."),
    ("live", "A session's changes as they happen (Server-Sent Events), and read-only viewer tokens to share it."),
    ("stateless", "One call, no session: the inputs travel in the body."),
    ("functional", "torch.func: Jacobian, Hessian, vjp, jvp and value_and_grad, in a session or stateless."),
    ("debug", "The autograd graph behind a variable, and gradcheck."),
    ("meta", "The op catalogue, versions and limits, health, readiness and metrics."),
)
READING_ORDER = tuple(name for name, _ in TAGS)
FIRST_PATHS = ("/v1/sessions", "/v1/sessions/{session_id}")  # create and describe, before export and import


def in_reading_order(app: FastAPI) -> None:
    """OpenAPI lists the paths by subject, as a reader meets them; the app matches the hottest first."""
    build = app.openapi

    def openapi() -> dict:
        schema = build()
        paths = schema.get("paths", {})

        def place(item: tuple[str, dict[str, Any]]) -> tuple[int, int]:
            first: dict[str, Any] = next(iter(item[1].values()), {})
            tags = first.get("tags", [])
            subject = READING_ORDER.index(tags[0]) if tags and tags[0] in READING_ORDER else len(READING_ORDER)
            return subject, FIRST_PATHS.index(item[0]) if item[0] in FIRST_PATHS else len(FIRST_PATHS)

        schema["paths"] = dict(sorted(paths.items(), key=place))
        schema["tags"] = [{"name": name, "description": about} for name, about in TAGS]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def with_answer_examples(app: FastAPI) -> None:
    """Each JSON answer's example on its media type, where /docs and /redoc show it as written."""
    build = app.openapi

    def openapi() -> dict:
        schema = build()
        shown = answers.examples_by_name()
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                for status, response in operation.get("responses", {}).items():
                    media = response.get("content", {}).get("application/json", {})
                    name = media.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
                    if status.startswith("2") and name in shown:
                        media["example"] = shown[name]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def make_backend(settings: Settings, state_dir: str | None) -> Backend:
    """The hosts, as ``AGS_BACKEND`` says: in this process, or one child process each."""
    specs = host_specs(settings)
    if settings.backend == "inline":
        return InlineHosts(specs, settings, state_dir)
    if settings.durability == "off" or state_dir is None:
        raise ValueError("AGS_DURABILITY=off needs AGS_BACKEND=inline: a host process must be able to come back")
    if settings.backend == "ray":  # an optional extra: pip install 'autograd-service[ray]'
        from service.hosts.on_ray import RayHosts

        return RayHosts(specs, settings, state_dir, settings.ray_address)
    return ProcessHosts(specs, settings, state_dir)


def bytes_by_device(relay: Relay) -> dict[str, int]:
    totals: dict[str, int] = {}
    for name, stats in relay.stats.items():
        device = relay.devices[name]
        totals[device] = totals.get(device, 0) + stats.get("bytes", 0)
    return totals


async def sweep(relay: Relay, records: Records, interval: float) -> None:
    """Hosts drop expired sessions; the records of sessions gone are dropped here."""
    while True:
        await asyncio.sleep(interval)
        await relay.refresh(host.stats)
        records.sweep(relay.live())
