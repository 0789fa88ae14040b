"""Functional derivatives (torch.func): stateless under /v1, and over a session's variables.

Each transform is one row of ``TRANSFORMS`` (service/on_host/functional.py, where the host runs
them): its request bodies, the engine function, the answer's shape and its docs. Every row becomes
two verbs here (service/api/verbs.py): ``POST /v1/{name}`` on given inputs (a throw-away session)
and ``POST /v1/sessions/{id}/{name}`` over the session's leaves, where ``output`` names a computed
variable or an output of the body's own expr/graph. Neither changes anything.
"""

from __future__ import annotations

from service.api.verbs import Caller, Verb
from service.on_host import functional as on_host

VERBS = tuple(
    verb
    for t in on_host.TRANSFORMS
    for verb in (
        Verb(
            "POST",
            f"/v1/{t.name}",
            on_host.run,
            f"{t.summary} on given inputs",
            t.doc,
            ("functional",),
            body=t.stateless_body,
            answer=t.answer_model,
            caller=Caller.API_KEY,
            quick=False,
            device=lambda b: b.device,
            name=t.name,
            bound=(t.name,),
        ),
        Verb(
            "POST",
            f"/v1/sessions/{{session_id}}/{t.name}",
            on_host.run,
            f"{t.summary} of a session variable",
            f"{t.doc} Over the session's leaves, the others held fixed; nothing accumulates.",
            ("functional",),
            body=t.body,
            answer=t.answer_model,
            quick=False,
            name=f"session_{t.name}",
            bound=(t.name,),
        ),
    )
)
