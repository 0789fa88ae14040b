"""Structured logs: one JSON object per line, each stamped with the id of the request that wrote it.

JSON, because log shippers index fields without parsing free text. A context variable, because then
every line written while a request is served (ours, uvicorn's, a library's) carries its id with no
plumbing. What is never logged: headers (so never the ``Authorization`` token), bodies, tensors.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import re
import secrets
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.types import Receive, Scope

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
# The server's own receive channel for this request, before any middleware replays the body: once
# the body is read, it answers only when the client disconnects (service/core/relay.py watches it).
CLIENT_RECEIVE: contextvars.ContextVar[Receive | None] = contextvars.ContextVar("client_receive", default=None)
HEADER = "X-Request-ID"
# A client's id is reused only if it cannot forge log structure or flood a line: short, plain charset.
SANE_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")
LEVELS = ("critical", "error", "warning", "info", "debug")

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "color_message"}
access_log = logging.getLogger("service.access")
error_log = logging.getLogger("service.error")


class JSONFormatter(logging.Formatter):
    """Renders a record and its ``extra`` fields as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")[:-6] + "Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            entry["request_id"] = request_id
        entry.update((k, v) for k, v in vars(record).items() if k not in _STANDARD)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict: everything, uvicorn included, as JSON lines on stdout."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JSONFormatter}},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "root": {"handlers": ["stdout"], "level": level.upper()},
        "loggers": {name: {"handlers": [], "propagate": True} for name in ("uvicorn", "uvicorn.error")},
    }


# A fresh id is this process's random prefix and a counter: unique like a uuid4, without reading the
# kernel's random source on every request (~20 µs each on these machines).
_PREFIX = secrets.token_hex(10)
_COUNTER = itertools.count()


def request_id_from(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it is sane, else a fresh one."""
    for key, value in scope.get("headers", []):
        if key == b"x-request-id":
            candidate = value.decode("latin-1")
            if SANE_ID.fullmatch(candidate):
                return candidate
    return f"{_PREFIX}{next(_COUNTER):012x}"
