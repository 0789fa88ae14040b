"""When to try a call again: connection errors, 429 and 503, with backoff or the server's Retry-After.

Retrying a POST or PUT is safe because every try of one logical call carries the same
``Idempotency-Key`` (see ``calls.Call``): the server applies it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograd_client.errors import retry_after


@dataclass(frozen=True)
class Retry:
    attempts: int = 4
    backoff: float = 0.25
    max_wait: float = 10.0
    statuses: frozenset[int] = frozenset({429, 503})

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

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff * 2**attempt, self.max_wait)


NO_RETRY = Retry(attempts=1)
