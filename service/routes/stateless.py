"""Evaluate a graph on inline inputs, with no session."""

from __future__ import annotations

from fastapi import APIRouter, Response

from engine import Session, resolve_device
from engine.tensors import dtype_of
from service import views
from service.deps import ApiKey, EncodingDep, RegistryDep, SettingsDep
from service.routes.autograd import source_graph
from service.schemas import Evaluate

router = APIRouter(prefix="/v1", tags=["stateless"], dependencies=[ApiKey])


@router.post("/evaluate", summary="Evaluate (and differentiate) without a session")
async def evaluate(
    body: Evaluate, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """The inputs become leaves of a throw-away session; answers outputs and, with backward, grads."""
    graph = source_graph(body, settings)
    device = resolve_device(body.device)

    def run():
        session = Session(device, dtype_of(body.dtype), registry.limits())
        for name, spec in body.inputs.items():
            session.put(name, spec.data, dtype=spec.dtype, requires_grad=spec.requires_grad)
        return session.compute(graph, backward=body.backward, grad_mode=body.grad_mode)

    outputs, grads = await registry.run_free(body.device, run)
    return views.JSON(
        {
            "outputs": {n: views.variable(v, encoding) for n, v in outputs.items()},
            "grads": views.tensors(grads, encoding),
        }
    )
