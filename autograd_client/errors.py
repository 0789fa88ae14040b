"""The client's exceptions, one tree, made from the server's problem+json answers.

A refusal is mapped by its problem ``type`` (``BY_TYPE``, one class per problem the server names);
a type this client does not know falls back to its HTTP status (``BY_STATUS``, the families below).

    AutogradError                  base; ``status``, ``type``, ``title``, ``detail`` as the server sent them
    ├── AuthError                  401: no bearer token or API key
    ├── Forbidden                  403
    │   └── ReadOnly               a viewer token on a call that changes the session
    ├── NotFound                   404: a route the server does not have
    │   ├── UnknownSession         the session is gone, or the token is not its own
    │   ├── UnknownVariable        a name the session does not hold
    │   └── UnknownViewer          a viewer token id the session does not have
    ├── MethodNotAllowed           405
    ├── Conflict                   409
    │   ├── DeviceUnavailable      the device asked for is not on the server
    │   └── IdempotentAnswerGone   a retried Idempotency-Key whose call was applied; its answer is gone
    ├── Gone                       410
    │   └── SessionQuarantined     the session ended its host twice, or its files are damaged: not served
    ├── PayloadTooLarge            413
    │   ├── LimitExceeded          a tensor, graph or session over a configured limit
    │   ├── BodyTooLarge           the request body over the server's limit
    │   └── NestedTooDeeply        JSON nested deeper than the server parses
    ├── InvalidRequest             400 and 422: a refused value; ``errors`` for validation problems
    │   ├── MalformedJson          the body is not JSON
    │   ├── BadRequest             a request the web framework could not read
    │   ├── InvalidTensor          a tensor value that cannot be decoded
    │   ├── InvalidGraph           ids, references, cycles, unknown op, arity, attributes
    │   │   └── InvalidExpression  the expression language; ``errors`` has line and column
    │   ├── ComputationFailed      torch refused while running (shapes, dtypes, autograd)
    │   │   └── AnomalyDetected    anomaly mode found a NaN or Inf
    │   ├── ComputeTimeLimitExceeded  the call ran over its time budget; nothing was applied
    │   ├── IdempotencyKeyReused   the same Idempotency-Key with a different request
    │   └── CallRefused            this very call ended its host twice; it is not run again
    ├── TooManyRequests            429; ``retry_after`` in seconds, when given
    │   ├── TooManySessions        the server is full, or this client makes sessions too fast
    │   ├── TooManyWatchers        the session has as many event streams open as the server allows
    │   └── TooManyIdempotencyKeys this caller holds as many Idempotency-Keys as it may
    ├── ClientClosedRequest        499: the server saw the call abandoned
    ├── ServerError                5xx
    │   ├── StateNotWritten        a change could not be made durable, so it was undone
    │   └── HostUnavailable        the session's host is restarting, or the call ended it
    └── ConnectionFailed           no answer at all, after the retries ran out (``status`` is None)

Mistakes caught before anything is sent (a wrong argument type) are plain ``TypeError`` or
``ValueError``, as in PyTorch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class AutogradError(Exception):
    """An answer the server refused with, or no answer at all."""

    def __init__(self, status: int | None, title: str, detail: str, body: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{status} {title}: {detail}" if status else f"{title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.body: Mapping[str, Any] = body or {}

    @property
    def type(self) -> str:
        """The problem's ``type`` URI ("/problems/unknown-session"); "about:blank" when it gave none."""
        return str(self.body.get("type") or "about:blank")


class AuthError(AutogradError):
    pass


class Forbidden(AutogradError):
    pass


class ReadOnly(Forbidden):
    """A viewer token opens only what reads the session: this call needs the owner's token."""


class NotFound(AutogradError):
    pass


class UnknownSession(NotFound):
    pass


class UnknownVariable(NotFound):
    pass


class UnknownViewer(NotFound):
    pass


class MethodNotAllowed(AutogradError):
    pass


class Conflict(AutogradError):
    pass


class DeviceUnavailable(Conflict):
    pass


class IdempotentAnswerGone(Conflict):
    pass


class Gone(AutogradError):
    """410: a resource the server will not serve again."""


class SessionQuarantined(Gone):
    """The session ended its host twice, or its files are damaged: kept for the operator, not served."""


class PayloadTooLarge(AutogradError):
    pass


class LimitExceeded(PayloadTooLarge):
    pass


class BodyTooLarge(PayloadTooLarge):
    pass


class NestedTooDeeply(PayloadTooLarge):
    pass


class InvalidRequest(AutogradError):
    @property
    def errors(self) -> list[Any]:
        return list(self.body.get("errors") or [])


class MalformedJson(InvalidRequest):
    pass


class BadRequest(InvalidRequest):
    pass


class InvalidTensor(InvalidRequest):
    pass


class InvalidGraph(InvalidRequest):
    pass


class InvalidExpression(InvalidGraph):
    pass


class ComputationFailed(InvalidRequest):
    pass


class AnomalyDetected(ComputationFailed):
    pass


class ComputeTimeLimitExceeded(InvalidRequest):
    pass


class IdempotencyKeyReused(InvalidRequest):
    pass


class CallRefused(InvalidRequest):
    """This very call ended its host twice, so the server does not run it again."""


class TooManyRequests(AutogradError):
    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class TooManySessions(TooManyRequests):
    pass


class TooManyWatchers(TooManyRequests):
    pass


class TooManyIdempotencyKeys(TooManyRequests):
    pass


class ClientClosedRequest(AutogradError):
    pass


class ServerError(AutogradError):
    pass


class StateNotWritten(ServerError):
    pass


class HostUnavailable(ServerError):
    pass


class ConnectionFailed(AutogradError):
    pass


# Every problem type the server answers (service/core/problems.py, PROBLEMS) and its class here;
# None: a type whose status varies, so its status picks the class.
BY_TYPE: dict[str, type[AutogradError] | None] = {
    "/problems/malformed-json": MalformedJson,
    "/problems/bad-request": BadRequest,
    "/problems/authentication-required": AuthError,
    "/problems/read-only": ReadOnly,
    "/problems/unknown-session": UnknownSession,
    "/problems/unknown-viewer": UnknownViewer,
    "/problems/unknown-variable": UnknownVariable,
    "/problems/not-found": NotFound,
    "/problems/method-not-allowed": MethodNotAllowed,
    "/problems/device-not-available": DeviceUnavailable,
    "/problems/idempotent-answer-gone": IdempotentAnswerGone,
    "/problems/session-quarantined": SessionQuarantined,
    "/problems/limit-exceeded": LimitExceeded,
    "/problems/request-body-too-large": BodyTooLarge,
    "/problems/json-nested-too-deeply": NestedTooDeeply,
    "/problems/nested-too-deeply": NestedTooDeeply,
    "/problems/request-cannot-be-processed": InvalidRequest,
    "/problems/invalid-request": InvalidRequest,
    "/problems/invalid-tensor": InvalidTensor,
    "/problems/invalid-graph": InvalidGraph,
    "/problems/invalid-expression": InvalidExpression,
    "/problems/computation-failed": ComputationFailed,
    "/problems/anomaly-detected": AnomalyDetected,
    "/problems/compute-time-limit-exceeded": ComputeTimeLimitExceeded,
    "/problems/idempotency-key-reused": IdempotencyKeyReused,
    "/problems/call-refused": CallRefused,
    "/problems/too-many-sessions": TooManySessions,
    "/problems/too-many-watchers": TooManyWatchers,
    "/problems/too-many-idempotency-keys": TooManyIdempotencyKeys,
    "/problems/client-closed-request": ClientClosedRequest,
    "/problems/service-error": ServerError,
    "/problems/internal-server-error": ServerError,
    "/problems/state-not-written": StateNotWritten,
    "/problems/host-unavailable": HostUnavailable,
    "/problems/http-error": None,
}

# The fallback for a type not in BY_TYPE (a newer server's, a proxy's answer): the status's family.
BY_STATUS: dict[int, type[AutogradError]] = {
    400: InvalidRequest,
    401: AuthError,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    410: Gone,
    413: PayloadTooLarge,
    422: InvalidRequest,
    429: TooManyRequests,
    499: ClientClosedRequest,
}


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` header in seconds; None when absent or given as a date."""
    try:
        return float(headers["retry-after"])
    except (KeyError, ValueError):
        return None


def class_of(status: int, kind: str | None) -> type[AutogradError]:
    """The class for a refusal: by its problem type first, by its status for a type not known here."""
    return BY_TYPE.get(kind or "") or BY_STATUS.get(status) or (ServerError if status >= 500 else AutogradError)


def from_response(status: int, headers: Mapping[str, str], content: bytes) -> AutogradError:
    """The exception for a refused answer, read from its problem+json body when there is one."""
    try:
        body = json.loads(content) if content else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    title = str(body.get("title") or "HTTP error")
    detail = str(body.get("detail") or content.decode("utf-8", "replace")[:500] or title)
    cls = class_of(status, body.get("type") if isinstance(body.get("type"), str) else None)
    if issubclass(cls, TooManyRequests):
        return cls(status, title, detail, body, retry_after=retry_after(headers))
    return cls(status, title, detail, body)
