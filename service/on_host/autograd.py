"""Compute, backward, grad and zero_grad as the session's host runs them, and the helpers the other
host modules share: a graph from an expression or JSON, and the ``grads`` a caller asked to see."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from fastapi import Response

import engine
from engine import Graph, InvalidRequest, Session, cache, graph_from_json
from service.core.config import Settings
from service.hosts.calls import SessionEventType
from service.hosts.host import Context
from service.wire import events, views
from service.wire.schemas import Backward, Compute, Grad, GraphSource, SessionFunction, ZeroGrad

T = TypeVar("T")


def source_graph(body: GraphSource | SessionFunction, settings: Settings) -> Graph:
    """The graph IR from either an expression or a JSON graph (on the host: parsing is work)."""
    if body.expr is not None:
        return cache.parsed_expression(  # parsed once per text (engine.cache)
            body.expr,
            max_length=settings.max_expr_length,
            max_depth=settings.max_expr_depth,
            max_nodes=settings.max_graph_nodes,
        )
    return graph_from_json(body.graph)


def check_grads(session: Session, choice: str | list[str]) -> None:
    """Refuse, before anything runs, a ``grads`` list naming what can never carry a gradient."""
    if isinstance(choice, list):
        for name in choice:
            leaf = session.leaves.get(name)
            if leaf is None or not leaf.requires_grad:
                raise InvalidRequest(f"'grads' names {name!r}, which is not a leaf with requires_grad in this session")


def chosen(grads: Mapping[str, T], choice: str | list[str]) -> dict[str, T]:
    """The gradients the client asked to see: all, none, or the named leaves the call reached."""
    if choice == "all":
        return dict(grads)
    if choice == "none":
        return {}
    return {n: grads[n] for n in dict.fromkeys(choice) if n in grads}


def compute(ctx: Context, body: Compute, encoding: str) -> Response:
    graph = source_graph(body, ctx.host.settings)
    check_grads(ctx.session, body.grads)
    outputs, grads = engine.compute(
        ctx.session,
        graph,
        backward=body.backward,
        retain_grad=body.retain_grad,
        grad_mode=body.grad_mode,
        anomaly=body.anomaly,
    )
    ctx.note(SessionEventType.DEFINED, lambda: {"names": list(outputs)})
    answer: dict = {"variables": {n: views.variable(v, encoding) for n, v in outputs.items()}}
    if body.backward is not None:
        ctx.note(SessionEventType.BACKWARD, lambda: events.backward(str(body.backward), grads))
        answer["grads"] = views.tensors(chosen(grads, body.grads), encoding)
    return views.JSON(answer)


def backward(ctx: Context, body: Backward, encoding: str) -> Response:
    check_grads(ctx.session, body.grads)
    grads = engine.backward(ctx.session, body.variable, body.gradient, body.inputs, anomaly=body.anomaly)
    ctx.note(SessionEventType.BACKWARD, lambda: events.backward(body.variable, grads))
    return views.JSON({"grads": views.tensors(chosen(grads, body.grads), encoding)})


def grad(ctx: Context, body: Grad, encoding: str) -> Response:
    grads = engine.grad(
        ctx.session,
        body.outputs,
        body.inputs,
        body.grad_outputs,
        body.create_graph,
        allow_unused=body.allow_unused,
        materialize_grads=body.materialize_grads,
    )
    return views.JSON({"grads": views.tensors(grads, encoding)})


def zero_grad(ctx: Context, body: ZeroGrad) -> Response:
    zeroed = engine.zero_grad(ctx.session, body.variables, body.set_to_none)
    ctx.note(SessionEventType.ZERO_GRAD, lambda: {"names": zeroed})
    return views.JSON({"zeroed": zeroed})
