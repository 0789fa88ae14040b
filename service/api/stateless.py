"""Work on inline inputs, with no session: evaluate here, and the throw-away session the functional
routes share. It runs on a host of the body's device, never in the server."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

import engine
from engine import Session, dtype_of
from service.api.autograd import ok, source_graph
from service.api.deps import ApiKey, EncodingDep, RegistryDep
from service.hosts.host import Context
from service.middleware import metrics
from service.wire import views
from service.wire.answers import EvaluateOut
from service.wire.schemas import Evaluate, Stateless

router = APIRouter(prefix="/v1", tags=["stateless"], dependencies=[ApiKey])


def on_inputs(ctx: Context, body: Stateless) -> Session:
    """A throw-away session whose leaves are the body's inputs."""
    session = Session(ctx.host.device, dtype_of(body.dtype), ctx.host.limits())
    for name, spec in body.inputs.items():
        engine.put(session, name, spec.data, dtype=spec.dtype, requires_grad=spec.requires_grad)
    return session


@router.post("/evaluate", summary="Evaluate (and differentiate) without a session", response_model=EvaluateOut)
async def evaluate(request: Request, body: Evaluate, registry: RegistryDep, encoding: EncodingDep = "list") -> Response:
    """The inputs become leaves of a throw-away session; answers outputs and, with backward, grads."""
    answer = await registry.call_free(body.device, _evaluate, body, encoding)
    if ok(answer):
        metrics.ran(request, computed=True, backward=body.backward is not None)
    return answer


def _evaluate(ctx: Context, body: Evaluate, encoding: str) -> Response:
    graph = source_graph(body, ctx.host.settings)
    session = on_inputs(ctx, body)
    outputs, grads = engine.compute(session, graph, backward=body.backward, grad_mode=body.grad_mode)
    return views.JSON(
        {
            "outputs": {n: views.variable(v, encoding) for n, v in outputs.items()},
            "grads": views.tensors(grads, encoding),
        }
    )
