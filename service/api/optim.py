"""Optimizer steps on a session's leaves: torch.optim, with its state kept in the session."""

from __future__ import annotations

from fastapi import APIRouter, Response

import engine
from service.api.deps import EncodingDep, RegistryDep, SessionDep
from service.hosts.host import Context
from service.wire import views
from service.wire.answers import StepOut
from service.wire.schemas import Step

router = APIRouter(prefix="/v1/sessions/{session_id}", tags=["optim"])


@router.post("/step", summary="One optimizer step on the leaves", response_model=StepOut)
async def step(body: Step, ref: SessionDep, registry: RegistryDep, encoding: EncodingDep = "list") -> Response:
    """``optimizer.step()`` from the leaves' ``.grad``, in place, with torch.optim (sgd, adam, adamw,
    rmsprop, adagrad); its state (momentum, moments) is kept per configuration and leaves, and
    dropped when a leaf is replaced. ``zero_grad: true`` zeroes the stepped leaves' grads after.
    Answers ``{"variables": {name: variable}}`` for each stepped leaf."""
    return await registry.call(ref, _step, body, encoding)


def _step(ctx: Context, body: Step, encoding: str) -> Response:
    stepped = engine.step(ctx.session, body.optimizer, body.variables, zero_grad=body.zero_grad)
    return views.JSON({"variables": {n: views.variable(v, encoding) for n, v in stepped.items()}})
