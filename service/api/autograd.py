"""Defining computed variables and differentiating them: compute, backward, grad, zero_grad (the
rows; what the session's host runs is service/on_host/autograd.py)."""

from __future__ import annotations

from service.api.verbs import Verb
from service.on_host import autograd as on_host
from service.wire.answers import ComputeOut, GradsOut, ZeroGradOut
from service.wire.schemas import Backward, Compute, Grad, ZeroGrad

AT = "/v1/sessions/{session_id}"
VERBS = (
    Verb(
        "POST",
        f"{AT}/compute",
        on_host.compute,
        "Define computed variables (and optionally run backward)",
        "Each assigned name (or graph output) becomes a variable that follows its leaves.",
        ("autograd",),
        body=Compute,
        answer=ComputeOut,
        counts=lambda b: (True, b.backward is not None),
    ),
    Verb(
        "POST",
        f"{AT}/backward",
        on_host.backward,
        "Backward: accumulate gradients into leaves",
        "Like ``y.backward(gradient, inputs=...)``; answers each reached leaf's accumulated grad"
        " (``grads``: all of them, none, or the named ones).",
        ("autograd",),
        body=Backward,
        answer=GradsOut,
        counts=(False, True),
    ),
    Verb(
        "POST",
        f"{AT}/grad",
        on_host.grad,
        "Gradients without accumulation",
        "Like ``torch.autograd.grad``: nothing is accumulated into ``.grad``.",
        ("autograd",),
        body=Grad,
        answer=GradsOut,
        counts=(False, True),
    ),
    Verb(
        "POST",
        f"{AT}/zero_grad",
        on_host.zero_grad,
        "Zero gradients",
        "Zeroes the named leaves' grads (all leaves with requires_grad by default), or sets them to null.",
        ("autograd",),
        body=ZeroGrad,
        body_optional=True,
        query=(),
        answer=ZeroGradOut,
    ),
)
