"""Work on given inputs, with no session: evaluate here, and the throw-away session the functional
routes share. It runs on a host of the body's device, never in the server."""

from __future__ import annotations

from fastapi import Response

import engine
from engine import Session, dtype_of
from service.api.autograd import source_graph
from service.api.verbs import Caller, Verb
from service.hosts.host import Context
from service.wire import views
from service.wire.answers import EvaluateOut
from service.wire.schemas import Evaluate, Stateless


def on_inputs(ctx: Context, body: Stateless) -> Session:
    """A throw-away session whose leaves are the body's inputs."""
    session = Session(ctx.host.device, dtype_of(body.dtype), ctx.host.limits())
    for name, spec in body.inputs.items():
        engine.put(session, name, spec.data, dtype=spec.dtype, requires_grad=spec.requires_grad)
    return session


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


VERBS = (
    Verb(
        "POST",
        "/v1/evaluate",
        _evaluate,
        "Evaluate (and differentiate) without a session",
        "The inputs become leaves of a throw-away session; answers outputs and, with backward, grads.",
        ("stateless",),
        body=Evaluate,
        answer=EvaluateOut,
        caller=Caller.API_KEY,
        device=lambda b: b.device,
        counts=lambda b: (True, b.backward is not None),
    ),
)
