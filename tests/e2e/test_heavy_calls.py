"""Heavy calls over a real server never run on the event loop (a client that leaves stops its call:
tests/e2e/test_cancel_on_disconnect.py)."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from tests.conftest import LiveServer


@pytest.fixture(scope="module")
def server():
    s = LiveServer({"AGS_HEADER_TIMEOUT_SECONDS": "1.5"}).start()
    yield s
    s.stop()


def session(url: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=60)
    body = client.post("/v1/sessions", json={"device": "cpu", "dtype": "float64"}).json()
    client.headers["Authorization"] = f"Bearer {body['token']}"
    return client, f"/v1/sessions/{body['id']}"


def test_a_heavy_op_on_small_leaves_of_a_new_session_never_stalls_the_loop(server):
    """The session is new and tiny, so it used to run inline; the estimate now sends it to the worker.

    /healthz is polled without pause for the whole life of the heavy call, so some polls overlap the
    server's work on it wherever in that span it happens; none may wait for it."""
    client, base = session(server.url)
    client.put(f"{base}/variables/a", json={"init": "ones", "shape": [1, 1, 250, 250]})
    client.put(f"{base}/variables/k", json={"init": "ones", "shape": [1, 1, 125, 125]})
    call: dict = {}

    def heavy() -> None:
        start = time.perf_counter()
        call["r"] = client.post(f"{base}/compute", json={"expr": "y = conv2d(a, k).sum()"})
        call["seconds"] = time.perf_counter() - start

    worker = threading.Thread(target=heavy)
    waits = []
    with httpx.Client(base_url=server.url, timeout=60) as probe:
        worker.start()
        while worker.is_alive():
            start = time.perf_counter()
            assert probe.get("/healthz").status_code == 200
            waits.append(time.perf_counter() - start)
    assert call["r"].status_code == 200, call["r"].text
    assert call["r"].json()["variables"]["y"]["data"] == 126.0**2 * 125.0**2
    assert call["seconds"] > 0.2 and len(waits) >= 5, (call["seconds"], len(waits))
    assert max(waits) < call["seconds"] / 2, (max(waits), call["seconds"])  # a blocked loop: about all of it


def test_a_request_head_that_trickles_in_is_cut_off(server):
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        start = time.perf_counter()
        closed_after = None
        sock.settimeout(0.3)
        while time.perf_counter() - start < 10:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
                if sock.recv(1) == b"":
                    closed_after = time.perf_counter() - start
                    break
            except TimeoutError:
                continue
            except OSError:
                closed_after = time.perf_counter() - start
                break
    assert closed_after is not None and 1.0 < closed_after < 4.0, closed_after
    assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_a_request_head_over_max_header_bytes_is_a_431_and_the_connection_closes(server):
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 20_000 + b"\r\n\r\n")
        sock.settimeout(5)
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 431 ") and answer.endswith(b"max_header_bytes")
    assert httpx.get(f"{server.url}/healthz").status_code == 200
