"""Debugging aids: the autograd graph behind a variable, and gradcheck (the rows; the session's
host runs service/on_host/debug.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from service.api.verbs import Verb
from service.on_host import debug as on_host
from service.wire.answers import GradcheckOut, GraphOut
from service.wire.schemas import Gradcheck

GraphFormat = Annotated[Literal["json", "dot"], Query(description="'json' for nodes and edges, 'dot' for Graphviz")]


VERBS = (
    Verb(
        "GET",
        "/v1/sessions/{session_id}/variables/{name}/graph",
        on_host.graph,
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
        on_host.gradcheck,
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
