"""Work on given inputs, with no session: evaluate. A host of the body's device runs it
(service/on_host/stateless.py), never the server."""

from __future__ import annotations

from service.api.verbs import Caller, Verb
from service.on_host import stateless as on_host
from service.wire.answers import EvaluateOut
from service.wire.schemas import Evaluate

VERBS = (
    Verb(
        "POST",
        "/v1/evaluate",
        on_host.evaluate,
        "Evaluate (and differentiate) without a session",
        "The inputs become leaves of a throw-away session; answers outputs and, with backward, grads.",
        ("stateless",),
        body=Evaluate,
        answer=EvaluateOut,
        caller=Caller.API_KEY,
        device=lambda b: b.device,
        counts=lambda b: (True, b.backward is not None),
    ),
)
