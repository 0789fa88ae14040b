"""Debugging aids: the autograd graph behind a variable, and gradcheck."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Response

import engine
from service.api.verbs import Verb
from service.hosts.host import Context
from service.wire import views
from service.wire.answers import GradcheckOut, GraphOut
from service.wire.schemas import Gradcheck

GraphFormat = Annotated[Literal["json", "dot"], Query(description="'json' for nodes and edges, 'dot' for Graphviz")]


def _graph(ctx: Context, name: str, format: str) -> Response:
    graph = engine.graph_json(ctx.session, name)
    if format == "dot":
        return Response(engine.to_dot(graph), media_type="text/vnd.graphviz")
    return views.JSON(graph)


def _gradcheck(ctx: Context, body: Gradcheck) -> Response:
    ok, detail = engine.gradcheck(ctx.session, body.output, body.wrt, eps=body.eps, atol=body.atol, rtol=body.rtol)
    return views.JSON({"ok": ok} if ok else {"ok": ok, "detail": detail})


VERBS = (
    Verb(
        "GET",
        "/v1/sessions/{session_id}/variables/{name}/graph",
        _graph,
        "The autograd graph behind a variable",
        "torch's backward graph for the variable, evaluated from the current leaves: nodes (``SumBackward0``;"
        " leaves by name, those that receive gradient), edges from inputs towards the output, and shapes."
        " ``format=dot`` answers Graphviz DOT text (``dot -Tsvg`` draws it).",
        ("debug",),
        query=(("format", GraphFormat, "json"),),
        answer=GraphOut,
        name="variable_graph",
        responses={200: {"content": {"application/json": {}, "text/vnd.graphviz": {"schema": {"type": "string"}}}}},
    ),
    Verb(
        "POST",
        "/v1/sessions/{session_id}/gradcheck",
        _gradcheck,
        "Check gradients against finite differences",
        "``torch.autograd.gradcheck`` of ``output`` in float64 on copies of the leaves (``wrt``: those with"
        ' requires_grad by default). Answers ``{"ok": true}``, or ``{"ok": false, "detail": torch\'s report}``.',
        ("debug",),
        body=Gradcheck,
        query=(),
        answer=GradcheckOut,
        quick=False,
    ),
)
