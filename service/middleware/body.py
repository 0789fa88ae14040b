"""Request bodies at the door: their size (``max_body_bytes``, refused while read, not after) and,
for every body a parser might read as JSON, their nesting depth (``max_json_depth``).

Every body that some parser might read as JSON is measured (``application/JSON``, ``…+json``, a
missing content type): only the binary media types the service takes are let past unmeasured, and
those are streamed to the route with the size limit kept on each chunk.

The depth is measured on the raw bytes, so a hostile ``[[[[…`` never reaches a recursive parser:
escape sequences are dropped (only when there is a backslash at all), everything but brackets and
quotes is deleted at C speed, then every bracket outside a string counts +1 or -1 (numpy), and
the running sum's maximum is the depth. A 20 MB tensor body costs a few milliseconds.
"""

from __future__ import annotations

import re

import numpy as np
from starlette.types import Message, Receive

UNKNOWN = 1 << 62

ESCAPE = re.compile(rb"\\.", re.DOTALL)
KEEP = b'[]{}"'
OTHERS = bytes(sorted(set(range(256)) - set(KEEP)))
STEP = np.zeros(256, np.int32)
STEP[list(b"[{")] = 1
STEP[list(b"]}")] = -1
QUOTE = ord('"')
STEP_OF = {c: int(STEP[c]) for c in KEEP}
BINARY = (b"application/octet-stream", b"application/x-npy")


class TooLarge(Exception):
    """The body passed ``max_body_bytes`` while it was read."""


def depth(body: bytes) -> int:
    """How deeply the JSON text ``body`` nests arrays and objects."""
    if b"\\" in body:
        body = ESCAPE.sub(b"", body)
    kept = body.translate(None, OTHERS)
    if len(kept) < 256:  # a small call's body: a loop is cheaper than numpy's set-up
        return _counted(kept)
    raw = np.frombuffer(kept, np.uint8)
    step = STEP[raw]
    step[np.cumsum(raw == QUOTE) % 2 == 1] = 0  # brackets inside strings do not count
    return int(np.cumsum(step).max(initial=0))


def _counted(kept: bytes) -> int:
    level = deepest = 0
    inside = False
    for c in kept:
        if c == QUOTE:
            inside = not inside
        elif not inside:
            level += STEP_OF[c]
            deepest = max(deepest, level)
    return deepest


def might_be_json(content_type: bytes) -> bool:
    """Every body FastAPI may parse as JSON: any media type but the binary ones we take, in any case,
    and none at all (FastAPI then tries JSON)."""
    media = content_type.split(b";", 1)[0].strip().lower()
    return media not in BINARY and not media.startswith(b"multipart/")


async def read(receive: Receive) -> bytes | None:
    """The whole body, or ``None`` if the client went away first (``receive`` keeps the size limit)."""
    chunks, more = [], True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives ``body`` once, then the client's own (its disconnect)."""
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return again
