"""Errors as ``application/problem+json`` (RFC 9457), from one table of problem types.

The service's own exceptions live here beside the engine's (``engine/errors.py``):

    ServiceError          base
    ├── Unauthorized      401: no bearer token
    ├── SessionNotFound   404: unknown session, or a token that is not the session's
    ├── UnknownViewer     404: a viewer id the session does not have
    ├── ReadOnly          403: a viewer token on a call that needs the owner's
    ├── TooManySessions   429: the server holds max_sessions already
    ├── TooManyWatchers   429: the session has max_watchers_per_session watchers on this server already
    ├── StateWriteFailed  503: a change could not be made durable, so it was undone
    ├── HostUnavailable   503: the session's host ended (or was stopped) before answering
    ├── AppliedBefore     409: a retried Idempotency-Key whose first call was applied, its answer lost
    ├── SessionQuarantined 410: the session ended its host twice, or its files are damaged: kept, not served
    └── CallRefused       422: this very call ended its host twice; it is not run again

Every problem ``type`` the server answers is one row of PROBLEMS (status, title, and the class that
raises it); each engine class has its own row too (``AnomalyDetected`` is a 422 of its own title, so a
client can tell a NaN found by anomaly mode from other refusals).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import compile_path
from starlette.types import Receive, Scope, Send

from engine import errors as E
from service.hosts.calls import PROBLEM_TYPE


class ServiceError(Exception):
    def __init__(self, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class Unauthorized(ServiceError):
    pass


class SessionNotFound(ServiceError):
    pass


class UnknownViewer(ServiceError):
    pass


class ReadOnly(ServiceError):
    pass


class TooManySessions(ServiceError):
    pass


class TooManyWatchers(ServiceError):
    pass


class StateWriteFailed(ServiceError):
    pass


class HostUnavailable(ServiceError):
    pass


class AppliedBefore(ServiceError):
    pass


class SessionQuarantined(ServiceError):
    pass


class CallRefused(ServiceError):
    pass


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem answer. ``status`` None: the web framework's own status, whichever it
    raised; ``error``: the exception that answers it (None for answers made where they arise)."""

    status: int | None
    title: str
    error: type[Exception] | None = None


# Every problem answer's ``type``, the key the clients map errors by (autograd_client/errors.py,
# clients/js/src/index.js; tests/client/test_problem_types.py holds the three together). A type is
# "/problems/" and its title in lower case, hyphens for spaces. Rows of an exception class: the most
# specific class wins (lookups walk each exception's MRO).
PROBLEMS: dict[str, ProblemType] = {
    "/problems/malformed-json": ProblemType(400, "Malformed JSON"),
    "/problems/bad-request": ProblemType(400, "Bad request"),
    "/problems/authentication-required": ProblemType(401, "Authentication required", Unauthorized),
    "/problems/read-only": ProblemType(403, "Read only", ReadOnly),
    "/problems/unknown-session": ProblemType(404, "Unknown session", SessionNotFound),
    "/problems/unknown-viewer": ProblemType(404, "Unknown viewer", UnknownViewer),
    "/problems/unknown-variable": ProblemType(404, "Unknown variable", E.UnknownVariable),
    "/problems/not-found": ProblemType(404, "Not found"),
    "/problems/method-not-allowed": ProblemType(405, "Method not allowed"),
    "/problems/device-not-available": ProblemType(409, "Device not available", E.DeviceUnavailable),
    "/problems/idempotent-answer-gone": ProblemType(409, "Idempotent answer gone", AppliedBefore),
    "/problems/session-quarantined": ProblemType(410, "Session quarantined", SessionQuarantined),
    "/problems/limit-exceeded": ProblemType(413, "Limit exceeded", E.LimitExceeded),
    "/problems/request-body-too-large": ProblemType(413, "Request body too large"),
    "/problems/json-nested-too-deeply": ProblemType(413, "JSON nested too deeply"),
    "/problems/nested-too-deeply": ProblemType(413, "Nested too deeply"),
    "/problems/request-cannot-be-processed": ProblemType(422, "Request cannot be processed", E.EngineError),
    "/problems/invalid-request": ProblemType(422, "Invalid request", E.InvalidRequest),
    "/problems/invalid-tensor": ProblemType(422, "Invalid tensor", E.InvalidTensor),
    "/problems/invalid-graph": ProblemType(422, "Invalid graph", E.InvalidGraph),
    "/problems/invalid-expression": ProblemType(422, "Invalid expression", E.ExpressionError),
    "/problems/computation-failed": ProblemType(422, "Computation failed", E.ComputeError),
    "/problems/anomaly-detected": ProblemType(422, "Anomaly detected", E.AnomalyDetected),
    "/problems/compute-time-limit-exceeded": ProblemType(422, "Compute time limit exceeded", E.TimeLimitExceeded),
    "/problems/idempotency-key-reused": ProblemType(422, "Idempotency key reused"),
    "/problems/call-refused": ProblemType(422, "Call refused", CallRefused),
    "/problems/too-many-sessions": ProblemType(429, "Too many sessions", TooManySessions),
    "/problems/too-many-watchers": ProblemType(429, "Too many watchers", TooManyWatchers),
    "/problems/too-many-idempotency-keys": ProblemType(429, "Too many idempotency keys"),
    "/problems/client-closed-request": ProblemType(499, "Client closed request", E.Cancelled),  # nginx's code
    "/problems/service-error": ProblemType(500, "Service error", ServiceError),
    "/problems/internal-server-error": ProblemType(500, "Internal server error"),
    "/problems/state-not-written": ProblemType(503, "State not written", StateWriteFailed),
    "/problems/host-unavailable": ProblemType(503, "Host unavailable", HostUnavailable),
    "/problems/http-error": ProblemType(None, "HTTP error"),
}
STATUS: dict[type[Exception], tuple[int, str]] = {
    p.error: (p.status or 500, p.title) for p in PROBLEMS.values() if p.error is not None
}


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status", "detail"],
}
DOCUMENTED = {
    400: "Malformed JSON",
    401: "No token or API key",
    404: "Unknown session, wrong token, or unknown variable",
    409: "Device not available, or an idempotent call's answer no longer kept",
    410: "The session was quarantined: it ended its host twice, or its files are damaged",
    413: "Body, tensor, graph or session over its limit",
    422: "Invalid input, graph, expression, or an autograd error",
    429: "Too many sessions, watchers of one session, or Idempotency-Keys of one caller",
    503: "The session's host is restarting, or the call ended it (over the compute budget or memory cap)",
}


def documented(status: int, description: str) -> dict[str, Any]:
    """The OpenAPI response of one status: the problem types of that status in this table (and those
    of no fixed status), so the document, the server and the clients' maps share one list."""
    kinds = [kind for kind, row in PROBLEMS.items() if row.status in (status, None)]
    schema = {**PROBLEM_SCHEMA, "properties": {**PROBLEM_SCHEMA["properties"], "type": {"enum": kinds}}}
    return {"description": description, "content": {"application/problem+json": {"schema": schema}}}


RESPONSES: dict[int | str, dict[str, Any]] = {code: documented(code, text) for code, text in DOCUMENTED.items()}
READ_ONLY: dict[int | str, dict[str, Any]] = {403: documented(403, "A viewer token: it is read-only")}


def status_of(exc: Exception) -> tuple[int, str]:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500, "Internal server error"


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


class Problem(Response):
    """A problem+json answer; when sent it notes its ``type`` in the request's scope, so the metrics
    count errors by type without reading the body back."""

    media_type = "application/problem+json"

    def __init__(self, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(orjson.dumps(body), body["status"], headers=headers)
        self.kind = body["type"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[PROBLEM_TYPE] = self.kind
        await super().__call__(scope, receive, send)


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    body = {"type": f"/problems/{_slug(title)}", "title": title, "status": status, "detail": detail, **extra}
    return Problem(body, headers)


def _from_error(request: Request | None, exc: Exception) -> Response:
    status, title = status_of(exc)
    extra: dict[str, Any] = {}
    if isinstance(exc, E.EngineError) and exc.errors:
        extra["errors"] = exc.errors
    headers = exc.headers if isinstance(exc, ServiceError) else None
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer", **(headers or {})}
    return problem(status, title, str(getattr(exc, "detail", exc)), headers, **extra)


def _from_validation(request: Request | None, exc: RequestValidationError) -> Response:
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    if any(e["type"] == "json_invalid" for e in errors):
        return problem(400, "Malformed JSON", "the request body is not valid JSON")
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(p) for p in first["loc"] if p != "body") or "body"
    return problem(422, "Invalid request", f"{where}: {first['msg']}", errors=errors)


def _from_http(request: Request, exc: StarletteHTTPException) -> Response:
    titles = {404: "Not found", 405: "Method not allowed", 400: "Bad request"}
    detail = exc.detail if isinstance(exc.detail, str) else "request failed"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # every method of every route on this path, not just the first route's
        allowed = sorted(_methods_at(request))
        headers["Allow"] = ", ".join(allowed)
        detail = f"{request.method} is not allowed here; this path takes {', '.join(allowed)}"
    return problem(exc.status_code, titles.get(exc.status_code, "HTTP error"), detail, headers)


def _methods_at(request: Request) -> set[str]:
    """The methods OpenAPI lists for every path template that matches this path."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].fullmatch(request.url.path):
            methods |= {m.upper() for m in operations if m in ("get", "put", "post", "delete", "patch")}
    if "GET" in methods:
        methods.add("HEAD")
    return methods


OUT_OF_MEMORY = ("can't allocate memory", "out of memory", "CUDA out of memory")


def from_exception(exc: BaseException, logger: logging.Logger) -> Response:
    """The answer for an exception raised where no handler runs (inside a session host)."""
    detail = str(getattr(exc, "detail", exc))
    if isinstance(exc, MemoryError) or (
        isinstance(exc, (RuntimeError, E.ComputeError)) and any(m in detail for m in OUT_OF_MEMORY)
    ):
        return problem(
            413,
            "Limit exceeded",
            "the call ran out of memory on its host (the host's memory cap, host_memory_bytes): nothing was"
            f" applied; use smaller tensors ({detail.splitlines()[0] if detail else type(exc).__name__})",
        )
    if isinstance(exc, (E.EngineError, ServiceError)):
        return _from_error(None, exc)
    if isinstance(exc, RequestValidationError):  # a large body, validated on its host
        return _from_validation(None, exc)
    if isinstance(exc, RecursionError):
        return _from_recursion(None, exc)
    logger.error("unexpected error in a call", exc_info=exc)
    return _from_unexpected(None, exc)


def _from_recursion(request: Request | None, exc: BaseException) -> Response:
    """Nesting no limit caught (every JSON body's depth is measured first): still a 413, never a 500."""
    return problem(413, "Nested too deeply", "the request nests values deeper than this server can parse")


def _from_unexpected(request: Request | None, exc: BaseException) -> Response:
    return problem(500, "Internal server error", "an unexpected error occurred; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(E.EngineError, _from_error)
    app.add_exception_handler(ServiceError, _from_error)
    app.add_exception_handler(RequestValidationError, _from_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _from_http)  # type: ignore[arg-type]
    app.add_exception_handler(RecursionError, _from_recursion)
    app.add_exception_handler(Exception, _from_unexpected)
