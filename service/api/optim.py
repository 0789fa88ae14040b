"""Optimizer steps on a session's leaves: torch.optim, with its state kept in the session."""

from __future__ import annotations

from fastapi import APIRouter, Response

import engine
from service.api.deps import EncodingDep, EntryDep, RegistryDep
from service.wire import views
from service.wire.answers import StepOut
from service.wire.schemas import Step

router = APIRouter(prefix="/v1/sessions/{session_id}", tags=["optim"])


@router.post("/step", summary="One optimizer step on the leaves", response_model=StepOut)
async def step(body: Step, entry: EntryDep, registry: RegistryDep, encoding: EncodingDep = "list") -> Response:
    """``optimizer.step()`` from the leaves' ``.grad``, in place, with torch.optim (sgd, adam, adamw,
    rmsprop, adagrad); its state (momentum, moments) is kept per configuration and leaves, and
    dropped when a leaf is replaced. ``zero_grad: true`` zeroes the stepped leaves' grads after.
    Answers ``{"variables": {name: variable}}`` for each stepped leaf."""

    def run():
        stepped = engine.step(entry.session, body.optimizer, body.variables, zero_grad=body.zero_grad)
        return {n: views.variable(v, encoding) for n, v in stepped.items()}  # under the lock: leaves change in place

    return views.JSON({"variables": await registry.run(entry, run)})
