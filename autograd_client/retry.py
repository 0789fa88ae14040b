"""When to try a call again: connection errors, 429 and 503, after the server's Retry-After or a backoff.

Retrying a POST or PUT is safe because every try of one logical call carries the same
``Idempotency-Key`` (see ``calls.Call``): the server applies it once.

The backoff is "full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): a wait drawn
uniformly from [0, min(max_wait, backoff * 2**attempt)], so that many clients refused at once do not
all come back at once. A Retry-After the server sent is kept as it is: the server chose it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autograd_client.errors import retry_after


@dataclass(frozen=True)
class Retry:
    """``attempts`` tries in all; ``uniform(a, b)`` draws each wait (seed one for repeatable waits)."""

    attempts: int = 4
    backoff: float = 0.25
    max_wait: float = 10.0
    statuses: frozenset[int] = frozenset({429, 503})
    uniform: Callable[[float, float], float] = field(default=random.uniform, compare=False, repr=False)

    def wait(self, attempt: int, outcome: Any) -> float | None:
        """Seconds to wait before try ``attempt + 2``, or None to stop; ``outcome`` is a response or an error."""
        if attempt + 1 >= self.attempts:
            return None
        if isinstance(outcome, Exception):
            return self._backoff(attempt)
        if outcome.status_code not in self.statuses:
            return None
        after = retry_after(outcome.headers)
        if after is None:
            return self._backoff(attempt)
        return after if after <= self.max_wait else None

    def ceiling(self, attempt: int) -> float:
        """The longest backoff before try ``attempt + 2``: it doubles each try, up to ``max_wait``."""
        return min(self.backoff * 2**attempt, self.max_wait)

    def _backoff(self, attempt: int) -> float:
        return self.uniform(0.0, self.ceiling(attempt))


NO_RETRY = Retry(attempts=1)
