"""max_body_bytes counts the whole chunked body over a real connection, not each chunk alone.

Starlette's TestClient hands a generator body to the app as one message, so only a real
server sees the body arrive in pieces: here every piece is well under the limit and the
pieces together are well over it. A short pause between pieces keeps uvicorn from joining them.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import LiveServer

LIMIT = 4096
PIECE = b"1.0, " * 100  # 500 bytes


@pytest.fixture(scope="module")
def small_bodies() -> Iterator[LiveServer]:
    server = LiveServer(env={"AGS_MAX_BODY_BYTES": str(LIMIT)}).start()
    yield server
    server.stop()


def pieces(n: int) -> Iterator[bytes]:
    yield b'{"data": ['
    for _ in range(n):
        time.sleep(0.01)
        yield PIECE
    yield b"1.0]}"


def put_chunked(server: LiveServer, n: int) -> tuple[httpx.Response, list[str]]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        made = c.post("/v1/sessions", json={"device": "cpu"}).json()
        auth = {"Authorization": f"Bearer {made['token']}", "content-type": "application/json"}
        r = c.put(f"/v1/sessions/{made['id']}/variables/x", content=pieces(n), headers=auth)
        assert r.request.headers["transfer-encoding"] == "chunked" and "content-length" not in r.request.headers
        listed = c.get(f"/v1/sessions/{made['id']}/variables", headers=auth).json()["variables"]
        return r, [v["name"] for v in listed]


def test_a_chunked_body_of_small_pieces_over_the_limit_is_a_413(small_bodies):
    r, names = put_chunked(small_bodies, 20)  # 10 kB in pieces of 500 bytes
    assert r.status_code == 413, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["title"] == "Request body too large"
    assert r.json()["detail"] == f"the request body is over the limit of {LIMIT} bytes (max_body_bytes)"
    assert names == []
    assert httpx.get(f"{small_bodies.url}/healthz").status_code == 200


def test_a_chunked_body_under_the_limit_is_accepted(small_bodies):
    r, names = put_chunked(small_bodies, 6)  # 3 kB
    assert r.status_code == 201, r.text
    assert len(r.json()["data"]) == 6 * 100 + 1
    assert names == ["x"]


def test_a_chunked_body_with_an_idempotency_key_is_read_whole_and_replayed(small_bodies):
    with httpx.Client(base_url=small_bodies.url, timeout=30) as c:
        made = c.post("/v1/sessions", json={"device": "cpu"}).json()
        headers = {"Authorization": f"Bearer {made['token']}", "Idempotency-Key": "chunked"}
        url = f"/v1/sessions/{made['id']}/variables/x"
        first = c.put(url, content=pieces(4), headers={**headers, "content-type": "application/json"})
        again = c.put(url, content=pieces(4), headers={**headers, "content-type": "application/json"})
    assert first.status_code == 201, first.text
    assert len(first.json()["data"]) == 4 * 100 + 1
    assert (again.status_code, again.content, again.headers["idempotent-replayed"]) == (201, first.content, "true")


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(small_bodies):
    with socket.create_connection(("127.0.0.1", small_bodies.port), timeout=10) as raw:
        raw.sendall(
            b"PUT /v1/sessions/any/variables/x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000000\r\n\r\n"
        )
        head, body = read_answer(raw)  # no body sent: only the declared length can refuse it
    assert head.startswith("HTTP/1.1 413") and "application/problem+json" in head
    assert json.loads(body)["title"] == "Request body too large"
    assert json.loads(body)["detail"] == f"the request body is over the limit of {LIMIT} bytes (max_body_bytes)"


def read_answer(raw: socket.socket) -> tuple[str, str]:
    """One HTTP/1.1 answer with a Content-Length, read off a socket: its head and its body."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += raw.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += raw.recv(65536)
    return head.decode(), body.decode()
