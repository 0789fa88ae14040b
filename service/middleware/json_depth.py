"""JSON bodies nested deeper than ``max_json_depth`` are refused (413) before any parser sees them.

Every body that some parser might read as JSON is measured (``application/JSON``, ``…+json``, a
missing content type): only the binary media types the service takes are let past unmeasured.

The depth is measured on the raw bytes, so a hostile ``[[[[…`` never reaches a recursive parser:
escape sequences are dropped (only when there is a backslash at all), everything but brackets and
quotes is deleted at C speed, then every bracket outside a string counts +1 or -1 (numpy), and
the running sum's maximum is the depth. A 20 MB tensor body costs a few milliseconds.
"""

from __future__ import annotations

import re

import numpy as np
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.core.problems import problem

ESCAPE = re.compile(rb"\\.", re.DOTALL)
KEEP = b'[]{}"'
OTHERS = bytes(sorted(set(range(256)) - set(KEEP)))
STEP = np.zeros(256, np.int32)
STEP[list(b"[{")] = 1
STEP[list(b"]}")] = -1
QUOTE = ord('"')


def depth(body: bytes) -> int:
    """How deeply the JSON text ``body`` nests arrays and objects."""
    if b"\\" in body:
        body = ESCAPE.sub(b"", body)
    raw = np.frombuffer(body.translate(None, OTHERS), np.uint8)
    if raw.size == 0:
        return 0
    step = STEP[raw]
    step[np.cumsum(raw == QUOTE) % 2 == 1] = 0  # brackets inside strings do not count
    return int(np.cumsum(step).max(initial=0))


BINARY = (b"application/octet-stream", b"application/x-npy")


def might_be_json(content_type: bytes) -> bool:
    """Every body FastAPI may parse as JSON: any media type but the binary ones we take, in any case,
    and none at all (FastAPI then tries JSON)."""
    media = content_type.split(b";", 1)[0].strip().lower()
    return media not in BINARY and not media.startswith(b"multipart/")


class JsonDepth:
    def __init__(self, app: ASGIApp, max_depth: int) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"")
        if not might_be_json(content_type):
            await self.app(scope, receive, send)
            return
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        found = depth(body)
        if found > self.max_depth:
            detail = f"the JSON body is nested {found} levels deep; the limit is {self.max_depth} (max_json_depth)"
            await problem(413, "JSON nested too deeply", detail)(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
