"""Work on given inputs as a host runs it: evaluate, and the throw-away session the functional
transforms share. A host of the body's device runs it, never the server."""

from __future__ import annotations

from fastapi import Response

import engine
from engine import Session, dtype_of
from service.hosts.host import Context
from service.on_host.autograd import source_graph
from service.wire import views
from service.wire.schemas import Evaluate, Stateless


def on_inputs(ctx: Context, body: Stateless) -> Session:
    """A throw-away session whose leaves are the body's inputs."""
    session = Session(ctx.host.device, dtype_of(body.dtype), ctx.host.limits())
    for name, spec in body.inputs.items():
        engine.put(session, name, spec.data, dtype=spec.dtype, requires_grad=spec.requires_grad)
    return session


def evaluate(ctx: Context, body: Evaluate, encoding: str) -> Response:
    graph = source_graph(body, ctx.host.settings)
    session = on_inputs(ctx, body)
    outputs, grads = engine.compute(session, graph, backward=body.backward, grad_mode=body.grad_mode)
    return views.JSON(
        {
            "outputs": {n: views.variable(v, encoding) for n, v in outputs.items()},
            "grads": views.tensors(grads, encoding),
        }
    )
