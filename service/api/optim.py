"""Optimizer steps on a session's leaves: torch.optim, with its state kept in the session (the row;
the session's host runs service/on_host/optim.py)."""

from __future__ import annotations

from service.api.verbs import Verb
from service.on_host import optim as on_host
from service.wire.answers import StepOut
from service.wire.schemas import Step

VERBS = (
    Verb(
        "POST",
        "/v1/sessions/{session_id}/step",
        on_host.step,
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
