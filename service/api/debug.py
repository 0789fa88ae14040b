"""Debugging aids: the autograd graph behind a variable, and gradcheck."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

import engine
from service.api.deps import EntryDep, RegistryDep
from service.wire import views
from service.wire.schemas import Gradcheck

router = APIRouter(prefix="/v1/sessions/{session_id}", tags=["debug"])
GraphFormat = Annotated[Literal["json", "dot"], Query(description="'json' for nodes and edges, 'dot' for Graphviz")]


@router.get(
    "/variables/{name}/graph",
    summary="The autograd graph behind a variable",
    responses={200: {"content": {"application/json": {}, "text/vnd.graphviz": {"schema": {"type": "string"}}}}},
)
async def variable_graph(name: str, entry: EntryDep, registry: RegistryDep, format: GraphFormat = "json") -> Response:
    """torch's backward graph for the variable, evaluated from the current leaves: nodes (``SumBackward0``;
    leaves by name, those that receive gradient), edges from inputs towards the output, and shapes.
    ``format=dot`` answers Graphviz DOT text (``dot -Tsvg`` draws it)."""
    graph = await registry.run(entry, lambda: engine.describe(entry.session, name))
    if format == "dot":
        return Response(engine.to_dot(graph), media_type="text/vnd.graphviz")
    return views.JSON(graph)


@router.post("/gradcheck", summary="Check gradients against finite differences")
async def gradcheck(body: Gradcheck, entry: EntryDep, registry: RegistryDep) -> Response:
    """``torch.autograd.gradcheck`` of ``output`` in float64 on copies of the leaves (``wrt``: those with
    requires_grad by default). Answers ``{"ok": true}``, or ``{"ok": false, "detail": torch's report}``."""

    def run():
        return engine.gradcheck(entry.session, body.output, body.wrt, eps=body.eps, atol=body.atol, rtol=body.rtol)

    ok, detail = await registry.run(entry, run, inline=False)
    return views.JSON({"ok": ok} if ok else {"ok": ok, "detail": detail})
