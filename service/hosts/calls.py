"""What travels between the server and a session host: a call, its events, its reply.

A call names a module-level function (pickled by reference, never by code) and its arguments
(pydantic bodies, bytes, plain values). The host runs it on the session and answers with the
finished HTTP answer, so the server only relays bytes. The same objects go through every
backend: handed over as they are (``inline``), pickled over a socket (``process``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response


@dataclass
class Call:
    id: int
    fn: Callable[..., Response]  # fn(ctx, *args) on the host (service/hosts/host.py: Context)
    args: tuple[Any, ...] = ()
    session: str | None = None  # the session it runs on; None for sessionless work
    token: bytes = b""  # SHA-256 of the bearer token presented
    marker: dict[str, Any] | None = None  # the Idempotency-Key's marker, written with the change
    size: int = 0  # request body bytes, for the inline decision
    inline: bool = True  # may run on the host's receiving thread when small


@dataclass
class Reply:
    id: int
    answer: Response
    applied: bool = False  # it changed its session, and the change is written


@dataclass
class Event:
    id: int
    name: str
    data: Any = None


@dataclass
class Signal:
    """From the server about a running call: ``cancel`` (client gone) or ``stop`` (end a loop)."""

    id: int
    what: str


@dataclass
class Ready:
    """A host process is up: its sessions are loaded."""

    name: str
    pid: int
    sessions: int
    info: dict[str, Any] = field(default_factory=dict)
