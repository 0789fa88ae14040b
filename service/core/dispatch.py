"""Where a host runs a call: on its receiving thread when small, on its pool otherwise.

A thread hop costs more than a small call itself (a backward on a 2x2 leaf is ~50 µs of work, the
hop ~100-300 µs on a loaded two-core machine), and every call of a session waits for the one
before it, so a busy small session is bound by that hop. A call is tried on the receiving thread
(the event loop with the ``inline`` backend, the host process's reader with ``process``) when all
of these hold, each known before it runs:

- it may run quick at all (functional transforms, gradcheck and exports never do);
- the session lives on the CPU (a GPU's worker owns its stream);
- the request body is at most ``quick_max_bytes`` (decoding a big upload is work);
- the session holds at most ``quick_max_bytes`` (``Session.nbytes``);
- its session's lock is free (service/hosts/host.py).

It then runs with ``quick_max_flops`` in its budget: the shape pass estimates every node's work
before any data is touched, and a call whose estimate passes that raises ``budget.NotQuick``
there and runs again, from the start, on the pool. So a small leaf with a huge convolution never
blocks the receiving thread: other sessions, ``/healthz`` and the metrics keep being served.
"""

from __future__ import annotations

import torch

from engine import Session


class Dispatch:
    """Decides quick (the receiving thread) or the runner per call, from what is known before the call runs."""

    def __init__(self, quick_max_bytes: int = 256 << 10, quick_max_flops: float = 1e6) -> None:
        self.max_bytes = quick_max_bytes
        self.max_flops = quick_max_flops

    def quick(self, session: Session | None, device: torch.device, request_bytes: int) -> bool:
        if self.max_bytes <= 0 or device.type != "cpu" or request_bytes > self.max_bytes:
            return False
        return session is None or session.nbytes() <= self.max_bytes
