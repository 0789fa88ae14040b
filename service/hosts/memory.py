"""A host's memory: a large allocation is estimated and checked before it is made.

The cap on a CPU host process is RLIMIT_AS (service/hosts/worker.py). Past it, torch raises and the
call becomes a 413; but native code that is not torch (orjson rendering an answer, pydantic-core
parsing a body, safetensors reading a file) may abort or crash the host instead. So the allocations
a request causes outside torch are sized first: ``require`` compares an estimate with what is left
under the cap (the address space in use read from ``/proc/self/statm``, less a reserve for what no
estimate covers) and refuses with ``LimitExceeded`` (413) before anything is allocated or changed.

``guard.cap`` is 0 (no checks) in the server process and on GPU hosts, whose cap is torch's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from engine import LimitExceeded

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
