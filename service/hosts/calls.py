"""What travels between the server and a session host: a call, its events, its reply.

A call names a module-level function (pickled by reference, never by code) and its arguments
(pydantic bodies, bytes, plain values). The host runs it on the session and answers with a
finished HTTP answer (``Answer``: status, headers, body bytes), so the server only relays bytes.
The same objects go through every backend: handed over as they are (``inline``), framed over a
socket (``process``: the largest bytes argument of a call and the body of an answer travel beside
the pickle, service/hosts/frames.py), as Ray objects (``ray``).
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

BESIDE = 1 << 16  # a bytes argument this large travels beside the call's pickle


class Signal(StrEnum):
    """From the server about a running call."""

    CANCEL = "cancel"  # the client went away: stop at the next check, change nothing
    STOP = "stop"  # end a loop (train) after its current step


class Access(StrEnum):
    """Whose token a call needs (a route row declares it: service/api/verbs.py)."""

    READ = "read"  # a viewer token opens it too: it only reads the session
    OWNER = "owner"  # the owner's token only: every change, and the viewer tokens themselves


class EventName(StrEnum):
    """From a call to the server, before its reply."""

    QUEUED = "queued"  # it waits for the host's runner: its deadline does not count yet
    STARTED = "started"  # the runner took it: its deadline counts from now
    START = "start"  # a streamed loop holds its session and runs
    PROGRESS = "progress"  # a batch of logged training steps


@dataclass
class Answer:
    """A finished HTTP answer: what the server sends as it is, and what its metrics count."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes | bytearray
    problem: str | None = None  # a problem answer's type
    counted: tuple[bool, bool] | None = None  # a success's metrics: (computed, ran backward)


class Running:
    """Which calls a host process is running, noted in memory it shares with the server: a slot per
    thread that runs calls, holding the call's id (0: none). After a crash the server reads the calls
    that were running, and so which one ended the host, without a message per call."""

    SLOT = struct.Struct("<Q")
    SLOTS = 2  # the reader, the runner
    SIZE = 4096

    def __init__(self, fd: int) -> None:
        self.memory = mmap.mmap(fd, self.SIZE)

    def note(self, slot: int, call_id: int) -> None:
        self.SLOT.pack_into(self.memory, slot * self.SLOT.size, call_id)

    def ids(self) -> list[int]:
        found = (self.SLOT.unpack_from(self.memory, i * self.SLOT.size)[0] for i in range(self.SLOTS))
        return [i for i in found if i]

    @classmethod
    def new(cls) -> tuple[Running, int]:
        fd = os.memfd_create("ags-running")
        os.ftruncate(fd, cls.SIZE)
        return cls(fd), fd


class Relayed(Response):
    """An ``Answer`` sent as it came from the host; its problem type is left in the request's scope for
    the metrics (service/middleware/edge.py), as a problem made in the server leaves it."""

    def __init__(self, answer: Answer) -> None:
        self.status_code = answer.status
        self.raw_headers = answer.headers
        self.body = answer.body if isinstance(answer.body, bytes) else memoryview(answer.body)
        self.background = None
        self.problem = answer.problem
        self.counted = answer.counted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.problem is not None:
            scope[PROBLEM_TYPE] = self.problem
        await super().__call__(scope, receive, send)


PROBLEM_TYPE = "ags.problem_type"  # where a problem answer leaves its type for the metrics


class _Beside:
    """Where the call's large bytes argument stood; it travels as the frame's payload."""


@dataclass
class Call:
    id: int
    fn: Callable[..., Any]  # fn(ctx, *args) on the host (service/hosts/host.py: Context)
    args: tuple[Any, ...] = ()
    session: str | None = None  # the session it runs on; None for sessionless work
    token: bytes = b""  # SHA-256 of the bearer token presented
    marker: dict[str, Any] | None = None  # the Idempotency-Key's marker, written with the change
    size: int = 0  # request body bytes, for the inline backend's choice of thread
    quick: bool = True  # may run on the thread that received it, when small (service/hosts/admission.py)
    access: Access = Access.OWNER  # a viewer token is refused (403) unless the route only reads

    def detach(self) -> tuple[Call, bytes | bytearray | memoryview]:
        sizes = [len(a) if isinstance(a, (bytes, bytearray)) else 0 for a in self.args]
        if not sizes or max(sizes) < BESIDE:
            return self, b""
        at = sizes.index(max(sizes))
        payload = self.args[at]
        return replace(self, args=(*self.args[:at], _Beside(), *self.args[at + 1 :])), payload

    def attach(self, payload: bytearray) -> Call:
        if not any(isinstance(a, _Beside) for a in self.args):
            return self
        self.args = tuple(payload if isinstance(a, _Beside) else a for a in self.args)
        return self


@dataclass
class Reply:
    """A call's end: its ``answer`` (an HTTP call) or ``value`` (a host's own question)."""

    id: int
    answer: Answer | None = None
    value: Any = None
    applied: bool = False  # it changed its session, and the change is written

    def detach(self) -> tuple[Reply, bytes | bytearray]:
        if self.answer is None or len(self.answer.body) < BESIDE:
            return self, b""
        return replace(self, answer=replace(self.answer, body=b"")), self.answer.body

    def attach(self, payload: bytearray) -> Reply:
        if self.answer is not None and payload:
            self.answer.body = payload
        return self


@dataclass
class Event:
    id: int
    name: EventName
    data: Any = None


class SessionEventType(StrEnum):
    """What a session's event says (docs/api.md, "Live sessions"): a change, or the stream's own."""

    LEAF = "leaf"
    DELETED = "deleted"
    DEFINED = "defined"
    BACKWARD = "backward"
    ZERO_GRAD = "zero_grad"
    STEP = "step"
    TRAIN = "train"
    HELLO = "hello"  # a fresh stream's first: the variables, without data
    RESET = "reset"  # a resume from further back than the backlog: read the state again
    END = "end"  # the last: deleted, expired, or this watcher dropped
    QUIET = "quiet"  # never sent as an event: nothing came for a while, so a comment line keeps the stream open


@dataclass(frozen=True)
class SessionEvent:
    """A change to a session as its watchers see it (service/hosts/feed.py): its number in the session's
    sequence, its type and its data, JSON already."""

    seq: int
    type: SessionEventType
    data: bytes


@dataclass
class Pushed:
    """The events one call made on a session that the server watches, pushed by its host process."""

    session: str
    events: list[SessionEvent]


@dataclass
class Signalled:
    """A signal on its way to the host, about call ``id``."""

    id: int
    what: Signal


@dataclass
class Question:
    """A host's own question (its sessions, its markers, a token), answered on its receiving thread,
    never queued behind a call: ``fn(host, *args)``."""

    id: int
    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


@dataclass
class Answered:
    """A question's answer: its value, or the exception it raised (raised again by the asker)."""

    id: int
    value: Any


@dataclass
class Ready:
    """A host process is up: its sessions are loaded."""

    name: str
    pid: int
    sessions: int
    quarantined: list[str] = field(default_factory=list)
