"""What the edge learns of a request that its route hands on to the relay, as one value.

The edge (service/middleware/edge.py) makes a ``Facts`` for every HTTP request and leaves it in the
ASGI scope under ``FACTS``; the route takes it from there and passes it to every relay call it makes
(service/core/relay.py), which reads nothing else of the request. What each fact is for:

- ``size``: the body's bytes, declared or read: a large one is not run on the host's receiving
  thread (service/hosts/admission.py);
- ``receive``: the client's own channel, before any replay of the body: once the body is in, it
  answers only when the client disconnects, which cancels a long call on its host;
- ``key``: the request's Idempotency-Key, when it sent a valid one on a POST or PUT;
- ``claim``: that key's claim, once its caller has authenticated (service/middleware/idempotency.py):
  its marker goes with the change to the host, and a reply that applied the change marks it applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import Receive

from service.durable.idempotency_records import Claim

FACTS = "ags.facts"


@dataclass
class Facts:
    size: int = 0
    receive: Receive | None = None
    key: str | None = None
    claim: Claim | None = None
