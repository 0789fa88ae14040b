"""``Idempotency-Key`` on POST and PUT: a retry is answered from the first answer, the work done once.

Whose key: a key belongs to its caller, the session (its bearer token) on routes under
``/v1/sessions/{id}``, else the API key when the server has keys. A call with neither is
applied and answered as usual and never replayed. The key is looked up by ``claim``, which
the route handler (service/api/verbs.py) call only once the caller has authenticated, so a
caller with a wrong or no token or key never sees a record. A record also holds a fingerprint
of method, path, query and body: the same key on another request is a 422.

How: ``kept`` (run by the middleware, service/middleware/edge.py, for a request with the
header) puts the key in the request's ``Facts`` (service/middleware/facts.py); ``claim`` adds its
claim there. A new key gets a running record
and the route runs; a duplicate of a running call waits for its answer; a finished one is
replayed (``Idempotent-Replayed: true``). ``kept`` keeps the answer before sending it. 5xx
and 429 answers are not kept: such a call changed nothing (service/core/relay.py rolls back
a change it could not persist), so a retry runs again; a call cancelled before it answered
keeps its key spent, since its work may still apply.

Applied and recorded: a call that changes a session leaves a marker (caller, key, fingerprint)
in the very state-file write that holds the change (the relay reads the claim from the facts the
route hands it). A
crash after that write but before the answer's record leaves the marker: a retry is a 409,
never a second application.

Bounds, per caller (one caller's flood never touches another's records): answers are kept up
to ``idempotency_caller_bytes``; past it the oldest answers are dropped but their fingerprints
stay until they expire, and a retry of a dropped one is a 409 that says so. An answer larger
than the budget, or streamed as events, is not kept (a retry is a 409). Fingerprints are
bounded by ``idempotency_caller_keys``: a caller at that limit gets a 429 for a new key (and
nothing is applied) until its oldest expire. Records live ``idempotency_ttl_seconds`` (24 h).

Durability (with a state dir): each caller has a log, ``idempotency/<caller>.log``, one JSON
line per kept or dropped answer, written before the answer is sent (fsynced then with
``AGS_DURABILITY=always``, about a second later with ``os``) and rewritten once it grows past
twice what it holds. Session callers' logs go with their session. The records and their
logs live in service/durable/idempotency_records.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import re

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.problems import problem
from service.durable.idempotency_records import SESSION_CALLER, VIEWER, Answer, Records, Refused, Replay
from service.middleware.facts import Facts

__all__ = ["Records", "claim", "kept", "session_caller"]

KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def session_caller(session_id: str, role: str) -> str:
    """The caller a session token's keys belong to: its session, or for a viewer token its own."""
    return f"{SESSION_CALLER}{session_id}" + (f"{VIEWER}{role}" if role else "")


# --- the two halves: the dependencies' ``claim`` and the middleware's ``kept`` --------------------


async def claim(request: Request, facts: Facts, caller: str) -> None:
    """Called once ``caller`` has authenticated: own this call's key, or answer from its record."""
    if facts.key is None or facts.claim is not None:
        return
    records: Records = request.app.state.records
    body = await request.body()
    fingerprint = hashlib.sha256(
        b"\0".join((request.method.encode(), request.scope["path"].encode(), request.scope["query_string"], body))
    ).hexdigest()
    facts.claim = await records.claim(caller, facts.key, fingerprint)


async def kept(app: ASGIApp, scope: Scope, receive: Receive, send: Send, key: bytes, facts: Facts) -> None:
    """Runs ``app`` with the key in its facts, for ``claim``; keeps the answer of a claimed call before
    sending it."""
    if not KEY.match(key.decode("latin-1")):
        detail = "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces"
        await problem(422, "Invalid request", detail)(scope, receive, send)
        return
    facts.key = key.decode("ascii")
    records: Records = scope["app"].state.records
    start: Message | None = None
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal start
        claim = facts.claim
        if claim is None or claim.record.done.is_set():
            await send(message)
            return
        if message["type"] == "http.response.start":
            start = message
            if _header(message, b"content-type").startswith(b"text/event-stream"):
                await records.finish(claim, None, "its answer was a stream of events")
                await send(message)
            return
        if message["type"] == "http.response.body" and start is not None:
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"x-request-id"]
                await records.finish(claim, Answer(start["status"], headers, b"".join(chunks)))
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks)})
            return
        await send(message)

    try:
        await app(scope, receive, keep)
    except Replay as r:
        await _replay(r.answer, send)
    except Refused as r:
        await problem(r.status, r.title, r.detail)(scope, receive, send)
    except asyncio.CancelledError:
        if facts.claim is not None:
            records.abandon(facts.claim, cancelled=True)
        raise
    finally:
        if facts.claim is not None:
            records.abandon(facts.claim)


def _header(message: Message, name: bytes) -> bytes:
    for k, v in message.get("headers", []):
        if k.lower() == name:
            return bytes(v).lower()
    return b""


async def _replay(answer: Answer, send: Send) -> None:
    headers = [*answer.headers, (b"idempotent-replayed", b"true")]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
