"""``Idempotency-Key`` on POST and PUT: the first answer is kept and replayed, the work done once.

Keys are scoped by the caller's Authorization header, so two clients never share one. A
duplicate that arrives while the first call is still running waits for its answer. The same
key with a different method, path or body is a 422. Answers of 5xx and 429 are not kept: a
retry of those runs again. Records live in memory, bounded in count, bytes and age.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.problems import problem

KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass
class Record:
    fingerprint: bytes
    created: float = field(default_factory=time.monotonic)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    status: int | None = None
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""


class Idempotency:
    def __init__(self, app: ASGIApp, ttl_seconds: float = 86400, max_entries: int = 10_000, max_bytes: int = 64 << 20):
        self.app = app
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.records: OrderedDict[bytes, Record] = OrderedDict()
        self.bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        key = headers.get(b"idempotency-key")
        if key is None:
            await self.app(scope, receive, send)
            return
        if not KEY.match(key.decode("latin-1")):
            detail = "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces"
            await problem(422, "Invalid request", detail)(scope, receive, send)
            return
        body = await _read_body(receive)
        scoped = hashlib.sha256(headers.get(b"authorization", b"") + b"\0" + key).digest()
        fingerprint = hashlib.sha256(
            b"\0".join((scope["method"].encode(), scope["path"].encode(), scope.get("query_string", b""), body))
        ).digest()
        self._expire()
        record = self.records.get(scoped)
        if record is not None:
            if record.fingerprint != fingerprint:
                detail = "this Idempotency-Key was used with a different request; use a new key for a new request"
                await problem(422, "Idempotency key reused", detail)(scope, receive, send)
                return
            await record.done.wait()
            if record.status is not None:
                await _replay(record, send)
                return
        record = Record(fingerprint)
        self.records[scoped] = record
        try:
            await self._run_and_keep(scope, body, receive, send, record)
        finally:
            record.done.set()
            if record.status is None:
                self.records.pop(scoped, None)
            else:
                self.bytes += len(record.body)
                self._evict()

    async def _run_and_keep(self, scope: Scope, body: bytes, receive: Receive, send: Send, record: Record) -> None:
        status, headers, chunks = 500, [], []
        sent = False

        async def replay_receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # the client's disconnect, when it comes: a streamed answer listens for it

        async def capture(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, replay_receive, capture)
        if status < 500 and status != 429:
            record.status, record.headers, record.body = status, headers, b"".join(chunks)

    def _expire(self) -> None:
        now = time.monotonic()
        while self.records:
            key, oldest = next(iter(self.records.items()))
            if now - oldest.created < self.ttl or not oldest.done.is_set():
                break
            self._drop(key)

    def _evict(self) -> None:
        while self.records and (len(self.records) > self.max_entries or self.bytes > self.max_bytes):
            key = next(iter(self.records))
            if not self.records[key].done.is_set():
                break
            self._drop(key)

    def _drop(self, key: bytes) -> None:
        record = self.records.pop(key)
        self.bytes -= len(record.body)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _replay(record: Record, send: Send) -> None:
    assert record.status is not None
    headers = [(k, v) for k, v in record.headers if k.lower() != b"x-request-id"]
    await send(
        {
            "type": "http.response.start",
            "status": record.status,
            "headers": [*headers, (b"idempotent-replayed", b"true")],
        }
    )
    await send({"type": "http.response.body", "body": record.body})
