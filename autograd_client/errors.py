"""The client's exceptions, one small tree, made from the server's problem+json answers.

    AutogradError            base; ``status``, ``title``, ``detail`` as the server sent them
    ├── AuthError            401: no bearer token
    ├── NotFound             404: unknown session, wrong token, unknown variable
    ├── DeviceUnavailable    409: the device asked for is not on the server
    ├── PayloadTooLarge      413: a body, tensor or session over its limit
    ├── InvalidRequest       400 and 422: bad graph, op, shape, dtype, autograd error; ``errors``
    ├── TooManySessions      429: the server is full; ``retry_after`` in seconds, when given
    ├── ServerError          5xx
    └── ConnectionFailed     no answer at all, after the retries ran out (``status`` is None)

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


class AuthError(AutogradError):
    pass


class NotFound(AutogradError):
    pass


class DeviceUnavailable(AutogradError):
    pass


class PayloadTooLarge(AutogradError):
    pass


class InvalidRequest(AutogradError):
    @property
    def errors(self) -> list[Any]:
        return list(self.body.get("errors") or [])


class TooManySessions(AutogradError):
    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class ServerError(AutogradError):
    pass


class ConnectionFailed(AutogradError):
    pass


BY_STATUS: dict[int, type[AutogradError]] = {
    400: InvalidRequest,
    401: AuthError,
    404: NotFound,
    409: DeviceUnavailable,
    413: PayloadTooLarge,
    422: InvalidRequest,
    429: TooManySessions,
}


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` header in seconds; None when absent or given as a date."""
    try:
        return float(headers["retry-after"])
    except (KeyError, ValueError):
        return None


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
    cls = BY_STATUS.get(status, ServerError if status >= 500 else AutogradError)
    if cls is TooManySessions:
        return TooManySessions(status, title, detail, body, retry_after=retry_after(headers))
    return cls(status, title, detail, body)
