"""Work on inline inputs, with no session: evaluate here, and the shared throw-away session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Request, Response

import engine
from engine import Graph, Session, dtype_of, resolve_device
from service.api.autograd import source_graph
from service.api.deps import ApiKey, EncodingDep, RegistryDep, SettingsDep
from service.core.config import Settings
from service.core.registry import Registry
from service.middleware import metrics
from service.wire import views
from service.wire.answers import EvaluateOut
from service.wire.schemas import Evaluate, Stateless

router = APIRouter(prefix="/v1", tags=["stateless"], dependencies=[ApiKey])
T = TypeVar("T")


async def on_inputs(body: Stateless, registry: Registry, settings: Settings, work: Callable[[Session, Graph], T]) -> T:
    """Run ``work`` on a throw-away session whose leaves are the body's inputs."""
    graph = source_graph(body, settings)
    device = resolve_device(body.device)

    def run() -> T:
        session = Session(device, dtype_of(body.dtype), registry.limits())
        for name, spec in body.inputs.items():
            engine.put(session, name, spec.data, dtype=spec.dtype, requires_grad=spec.requires_grad)
        return work(session, graph)

    return await registry.run_free(body.device, run)


@router.post("/evaluate", summary="Evaluate (and differentiate) without a session", response_model=EvaluateOut)
async def evaluate(
    request: Request, body: Evaluate, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """The inputs become leaves of a throw-away session; answers outputs and, with backward, grads."""

    def work(session: Session, graph: Graph):
        return engine.compute(session, graph, backward=body.backward, grad_mode=body.grad_mode)

    outputs, grads = await on_inputs(body, registry, settings, work)
    metrics.ran(request, computed=True, backward=body.backward is not None)
    return views.JSON(
        {
            "outputs": {n: views.variable(v, encoding) for n, v in outputs.items()},
            "grads": views.tensors(grads, encoding),
        }
    )
