"""One optimizer step, as the session's host runs it (torch.optim's state is kept in the session)."""

from __future__ import annotations

from fastapi import Response

import engine
from service.hosts.calls import SessionEventType
from service.hosts.host import Context
from service.wire import views
from service.wire.schemas import Step


def step(ctx: Context, body: Step, encoding: str) -> Response:
    stepped = engine.step(ctx.session, body.optimizer, body.variables, zero_grad=body.zero_grad)
    ctx.note(SessionEventType.STEP, lambda: {"optimizer": body.optimizer.get("type"), "names": list(stepped)})
    return views.JSON({"variables": {n: views.variable(v, encoding) for n, v in stepped.items()}})
