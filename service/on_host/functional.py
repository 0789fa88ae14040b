"""The functional transforms (torch.func) as a host runs them. Each is one row of ``TRANSFORMS``: its
request bodies, the engine function, the answer's shape and its docs. The rows are kept whole here:
the host needs their engine functions, and service/api/functional.py, which makes two routes of
each, may import this package but not the reverse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Response
from pydantic import BaseModel

import engine
from engine import Graph, Session, encode
from service.hosts.host import Context
from service.on_host.autograd import source_graph
from service.on_host.stateless import on_inputs
from service.wire import views
from service.wire.answers import HessianOut, JacobianOut, JvpOut, ValueAndGradOut, VjpOut
from service.wire.schemas import (
    Hessian,
    Jacobian,
    Jvp,
    StatelessHessian,
    StatelessJacobian,
    StatelessJvp,
    StatelessValueAndGrad,
    StatelessVjp,
    ValueAndGrad,
    Vjp,
)


@dataclass(frozen=True)
class Transform:
    """A row: ``run(session, body, graph)`` calls the engine; ``answer(result, encoding)`` shapes the JSON."""

    name: str
    summary: str
    doc: str
    body: type[BaseModel]
    stateless_body: type[BaseModel]
    run: Callable[[Session, Any, Graph | None], Any]
    answer: Callable[[Any, str], dict[str, Any]]
    answer_model: type[BaseModel]


def _value_and(key: str) -> Callable[[Any, str], dict[str, Any]]:
    """An answer of the output's value and a tensor (or tensors by name) under ``key``."""

    def answer(result: tuple[Any, Any], encoding: str) -> dict[str, Any]:
        value, more = result
        shaped = views.tensors(more, encoding) if isinstance(more, dict) else encode(more, encoding)
        return {"output": encode(value, encoding), key: shaped}

    return answer


TRANSFORMS = (
    Transform(
        "jacobian",
        "Jacobian",
        '``torch.func.jacrev`` (``jacfwd`` with ``mode: "fwd"``) of ``output`` with respect to each ``wrt``'
        ' input: ``{"jacobian": {x: tensor of shape output.shape + x.shape}}``.',
        Jacobian,
        StatelessJacobian,
        lambda s, b, g: engine.jacobian(s, b.output, b.wrt, graph=g, mode=b.mode),
        lambda blocks, enc: {"jacobian": views.tensors(blocks, enc)},
        JacobianOut,
    ),
    Transform(
        "hessian",
        "Hessian",
        '``torch.func.hessian`` of a scalar ``output``: ``{"hessian": {x: {x2: block of shape x.shape + x2.shape}}}``.',
        Hessian,
        StatelessHessian,
        lambda s, b, g: engine.hessian(s, b.output, b.wrt, graph=g),
        lambda rows, enc: {"hessian": {x: views.tensors(row, enc) for x, row in rows.items()}},
        HessianOut,
    ),
    Transform(
        "vjp",
        "Vector-Jacobian product",
        '``torch.func.vjp`` with the given ``cotangent``: ``{"output": value, "vjp": {x: tensor of x\'s shape}}``.',
        Vjp,
        StatelessVjp,
        lambda s, b, g: engine.vjp(s, b.output, b.wrt, b.cotangent, graph=g),
        _value_and("vjp"),
        VjpOut,
    ),
    Transform(
        "jvp",
        "Jacobian-vector product",
        '``torch.func.jvp`` along the given ``tangents`` (one per input moved): ``{"output": value, "jvp":'
        " tensor of the output's shape}``.",
        Jvp,
        StatelessJvp,
        lambda s, b, g: engine.jvp(s, b.output, b.tangents, graph=g),
        _value_and("jvp"),
        JvpOut,
    ),
    Transform(
        "value_and_grad",
        "Value and gradient",
        '``torch.func.grad_and_value`` of a scalar ``output``: ``{"output": value, "grads": {x: tensor}}``.',
        ValueAndGrad,
        StatelessValueAndGrad,
        lambda s, b, g: engine.value_and_grad(s, b.output, b.wrt, graph=g),
        _value_and("grads"),
        ValueAndGradOut,
    ),
)


BY_NAME = {t.name: t for t in TRANSFORMS}


def run(ctx: Context, name: str, body: Any, encoding: str) -> Response:
    """On the host: the row's transform over the session's leaves, or over the body's inputs."""
    t = BY_NAME[name]
    graph = None if body.expr is None and body.graph is None else source_graph(body, ctx.host.settings)
    session = ctx.session if ctx.entry is not None else on_inputs(ctx, body)
    return views.JSON(t.answer(t.run(session, body, graph), encoding))
