"""Optimizer steps on a session's leaves: torch.optim, with its state kept in the session."""

from __future__ import annotations

from fastapi import Response

import engine
from service.api.verbs import Verb
from service.hosts.host import Context
from service.wire import views
from service.wire.answers import StepOut
from service.wire.schemas import Step


def _step(ctx: Context, body: Step, encoding: str) -> Response:
    stepped = engine.step(ctx.session, body.optimizer, body.variables, zero_grad=body.zero_grad)
    ctx.note("step", lambda: {"optimizer": body.optimizer.get("type"), "names": list(stepped)})
    return views.JSON({"variables": {n: views.variable(v, encoding) for n, v in stepped.items()}})


VERBS = (
    Verb(
        "POST",
        "/v1/sessions/{session_id}/step",
        _step,
        "One optimizer step on the leaves",
        "``optimizer.step()`` from the leaves' ``.grad``, in place, with torch.optim (sgd, adam, adamw,"
        " rmsprop, adagrad); its state (momentum, moments) is kept per configuration and leaves, and"
        " dropped when a leaf is replaced. ``zero_grad: true`` zeroes the stepped leaves' grads after."
        ' Answers ``{"variables": {name: variable}}`` for each stepped leaf.',
        ("optim",),
        body=Step,
        answer=StepOut,
    ),
)
