"""A large answer leaves the edge in pieces of at most PIECE bytes, whole and in order; a small one whole."""

import asyncio

from service.middleware.edge import PIECE, Edge
from service.middleware.metrics import Metrics

LARGE = bytes(range(256)) * (3 * PIECE // 256 + 7)  # three pieces and a bit


def sent_for(body: bytes) -> list[dict]:
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/x", "headers": [], "query_string": b""}
    asyncio.run(Edge(app, Metrics(), max_body_bytes=1 << 20, max_json_depth=64)(scope, receive, send))
    return sent[1:]


def test_a_large_answer_leaves_in_pieces():
    pieces = sent_for(LARGE)
    assert [len(p["body"]) for p in pieces] == [PIECE, PIECE, PIECE, len(LARGE) - 3 * PIECE]
    assert [p["more_body"] for p in pieces] == [True, True, True, False]
    assert b"".join(p["body"] for p in pieces) == LARGE


def test_a_small_answer_leaves_whole():
    assert sent_for(b"small") == [{"type": "http.response.body", "body": b"small"}]
