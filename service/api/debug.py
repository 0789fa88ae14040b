"""Debugging aids: the autograd graph behind a variable, and gradcheck."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

import engine
from service.api.deps import RegistryDep, SessionDep
from service.hosts.host import Context
from service.wire import views
from service.wire.schemas import Gradcheck

router = APIRouter(prefix="/v1/sessions/{session_id}", tags=["debug"])
GraphFormat = Annotated[Literal["json", "dot"], Query(description="'json' for nodes and edges, 'dot' for Graphviz")]


@router.get(
    "/variables/{name}/graph",
    summary="The autograd graph behind a variable",
    responses={200: {"content": {"application/json": {}, "text/vnd.graphviz": {"schema": {"type": "string"}}}}},
)
async def variable_graph(name: str, ref: SessionDep, registry: RegistryDep, format: GraphFormat = "json") -> Response:
    """torch's backward graph for the variable, evaluated from the current leaves: nodes (``SumBackward0``;
    leaves by name, those that receive gradient), edges from inputs towards the output, and shapes.
    ``format=dot`` answers Graphviz DOT text (``dot -Tsvg`` draws it)."""
    return await registry.call(ref, _graph, name, format)


def _graph(ctx: Context, name: str, format: str) -> Response:
    graph = engine.describe(ctx.session, name)
    if format == "dot":
        return Response(engine.to_dot(graph), media_type="text/vnd.graphviz")
    return views.JSON(graph)


@router.post("/gradcheck", summary="Check gradients against finite differences")
async def gradcheck(body: Gradcheck, ref: SessionDep, registry: RegistryDep) -> Response:
    """``torch.autograd.gradcheck`` of ``output`` in float64 on copies of the leaves (``wrt``: those with
    requires_grad by default). Answers ``{"ok": true}``, or ``{"ok": false, "detail": torch's report}``."""
    return await registry.call(ref, _gradcheck, body, inline=False)


def _gradcheck(ctx: Context, body: Gradcheck) -> Response:
    ok, detail = engine.gradcheck(ctx.session, body.output, body.wrt, eps=body.eps, atol=body.atol, rtol=body.rtol)
    return views.JSON({"ok": ok} if ok else {"ok": ok, "detail": detail})
