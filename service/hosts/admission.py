"""What a host settles about a call before its function runs: on which thread, whether its allocations
fit, and the body the server left to it.

**Where it runs** (``Dispatch``). A thread hop costs more than a small call itself (a backward on
a 2x2 leaf is ~50 µs of work, the hop ~100-300 µs on a loaded two-core machine), and every call
of a session waits for the one before it, so a busy small session is bound by that hop. A call is
tried on the receiving thread (*quick*: the event loop with the ``inline`` backend, the host
process's reader with ``process``) when all of these hold, each known before it runs:

- it may run quick at all (functional transforms, gradcheck and exports never do);
- the session lives on the CPU (a GPU's worker owns its stream);
- the request body is at most ``quick_max_bytes`` (decoding a big upload is work);
- the session holds at most ``quick_max_bytes`` (``Session.nbytes``);
- its session's lock is free (service/hosts/host.py).

It then runs with ``quick_max_flops`` in its budget: the shape pass estimates every node's work
before any data is touched, and a call whose estimate passes that raises ``budget.NotQuick``
there and runs again, from the start, on the pool. So a small leaf with a huge convolution never
blocks the receiving thread: other sessions, ``/healthz`` and the metrics keep being served.

**Its memory** (``guard``). The cap on a CPU host process is RLIMIT_AS (service/hosts/worker.py).
Past it, torch raises and the call becomes a 413; but native code that is not torch (orjson
rendering an answer, pydantic-core parsing a body, safetensors reading a file) may abort or crash
the host instead. So the allocations a request causes outside torch are sized first: ``require``
compares an estimate with what is left under the cap (the address space in use read from
``/proc/self/statm``, less a reserve for what no estimate covers) and refuses with
``LimitExceeded`` (413) before anything is allocated or changed. ``guard.cap`` is 0 (no checks)
in the server process and on GPU hosts, whose cap is torch's.

**Its body** (``parsed_on_host``). A JSON body of ``parse_on_host_bytes`` or more (by default every
one) is validated here, not on the server's event loop (service/api/verbs.py), sized first.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

import torch
from fastapi import Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, TypeAdapter, ValidationError

from engine import LimitExceeded, Session


class Dispatch:
    """Decides quick (the receiving thread) or the runner per call, from what is known before the call runs."""

    def __init__(self, quick_max_bytes: int = 256 << 10, quick_max_flops: float = 1e6) -> None:
        self.max_bytes = quick_max_bytes
        self.max_flops = quick_max_flops

    def quick(self, session: Session | None, device: torch.device, request_bytes: int) -> bool:
        if self.max_bytes <= 0 or device.type != "cpu" or request_bytes > self.max_bytes:
            return False
        return session is None or session.nbytes() <= self.max_bytes


PAGE = os.sysconf("SC_PAGE_SIZE")
RESERVE = 64 << 20  # what a call allocates that no estimate names: Python objects, thread stacks, slack
SMALL = 8 << 20  # an allocation this small is not checked: the reserve holds it, and reading /proc costs ~0.1 ms


SIZE, DATA = 0, 5  # fields of /proc/self/statm: the address space (RLIMIT_AS), data and stack (RLIMIT_DATA)


def in_use(field: int = SIZE) -> int:
    """Bytes this process holds, as the limit on ``field`` counts them."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[field]) * PAGE


@dataclass
class Guard:
    cap: int = 0
    field: int = SIZE  # what the cap limits: a Ray actor's is its data (RLIMIT_DATA), not its address space

    def left(self) -> int | None:
        """Bytes left under the cap before the reserve, or None without a cap."""
        return None if self.cap <= 0 else self.cap - in_use(self.field) - RESERVE

    def require(self, nbytes: float, what: str) -> None:
        """Refuse (413) an allocation of about ``nbytes`` that would not fit under the cap."""
        if nbytes <= SMALL or self.cap <= 0:
            return
        left = self.left()
        if left is not None and nbytes > left:
            raise LimitExceeded(
                f"{what} needs about {nbytes / 2**20:.0f} MiB, and this host has {max(0, left) / 2**20:.0f} MiB"
                f" left under its memory cap (host_memory_bytes, {self.cap / 2**20:.0f} MiB): nothing was applied;"
                " ask for less at once (fewer or smaller tensors, encoding=b64 or .npy rather than lists)"
            )


guard = Guard()


def parsed_on_host(ctx: Any, verb: Any, at: int, raw: bytes, *args: Any) -> Response:
    """The body validated as the route would, then the row's function (``verb``, a row of
    service/api/verbs.py), with the metrics' facts (``counted``) left on the answer, as only the host
    has the body."""
    assert verb.body is not None
    guard.require(parse_cost(raw), "parsing the request body")
    try:
        body = validator(verb.body, verb.body_optional).validate_json(raw)
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors()]) from None
    body = verb.body() if body is None else body
    if verb.device is not None:
        ctx.host.require_device(verb.device(body))
    assert verb.run is not None
    answer = verb.run(ctx, *args[:at], body, *args[at:])
    if verb.counts is not None:
        ctx.counted = verb.counts(body) if callable(verb.counts) else verb.counts
    return answer


def parse_cost(raw: bytes | bytearray) -> int:
    """An upper bound on what parsing a JSON body takes, from a count of its bytes (pydantic-core makes a
    Python object per value, and lists cost most: 18 MB of [[0.5, 1.5], …] took 436 MB)."""
    values, containers = raw.count(b","), raw.count(b"[") + raw.count(b"{")
    return 64 * values + 200 * containers + 2 * len(raw)


@functools.cache
def validator(model: type[BaseModel], optional: bool) -> TypeAdapter:
    shape: Any = model | None if optional else model
    return TypeAdapter(shape)
