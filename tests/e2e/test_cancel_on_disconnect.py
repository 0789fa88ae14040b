"""A client that disconnects mid-call stops it: a call that would succeed in about ten seconds, within
its budget and under every limit, is sent over a raw socket that is closed once the call runs; the
session is free again long before the call would have ended, and the call changed nothing."""

from __future__ import annotations

import json
import math
import socket
import time

import httpx
import pytest
import torch

from tests.conftest import LiveServer

ROWS, N = 250, 4000  # x [ROWS, N] @ w [N, N]: 8 GFLOP a node, 4 MB a value; w is just under max_tensor_elements


def one_product() -> float:
    """The fastest of three products as the chain makes them, timed here."""
    x, w = torch.randn(ROWS, N), torch.full((N, N), 1 / N)
    x @ w
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        x @ w
        timings.append(time.perf_counter() - start)
    return min(timings)


def chain(links: int, out: str) -> dict:
    """``out = mean(x @ w @ ... @ w)`` as a graph (an expression this long is nested past max_expr_depth)."""
    nodes = [{"id": f"m{i}", "op": "matmul", "inputs": [f"m{i - 1}" if i else "x", "w"]} for i in range(links)]
    return {"nodes": [*nodes, {"id": out, "op": "mean", "inputs": [f"m{links - 1}"]}], "outputs": [out]}


@pytest.fixture(scope="module")
def server():
    s = LiveServer({"AGS_CPU_HOSTS": "1", "AGS_MAX_COMPUTE_SECONDS": "120"}).start()
    yield s
    s.stop()


def test_a_client_that_disconnects_mid_call_stops_it_and_it_changes_nothing(server):
    product = one_product()
    links = min(200, max(20, math.ceil(10 / product)))  # 200 values of 4 MB: under max_session_bytes
    whole = links * product  # the call's length, about
    c = httpx.Client(base_url=server.url, timeout=60)
    made = c.post("/v1/sessions", json={"device": "cpu"}).json()
    c.headers["Authorization"] = f"Bearer {made['token']}"
    base = f"/v1/sessions/{made['id']}"
    assert c.put(f"{base}/variables/x", json={"init": "randn", "shape": [ROWS, N], "seed": 1}).is_success
    assert c.put(f"{base}/variables/w", json={"init": "full", "shape": [N, N], "value": 1 / N}).is_success
    # the same call, one link long, succeeds (and the host has made its first shape pass)
    assert c.post(f"{base}/compute", json={"graph": chain(1, "short")}).status_code == 200
    body = json.dumps({"graph": chain(links, "y")}).encode()
    head = (
        f"POST {base}/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {c.headers['Authorization']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    sock = socket.create_connection(("127.0.0.1", server.port))
    sent = time.monotonic()
    sock.sendall(head.encode() + body)
    while c.get("/v1/info").json()["hosts"][0]["in_flight"] == 0:
        assert time.monotonic() - sent < whole / 6, "the call never reached its host"
    sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        sock.recv(1)  # no answer yet: the call runs (a refusal would have answered at once)
    sock.close()
    closed = time.monotonic()
    assert closed - sent < whole / 6, (closed - sent, whole)
    names = [v["name"] for v in c.get(f"{base}/variables").json()["variables"]]  # waits for the session's lock
    assert time.monotonic() - closed < whole / 6, ("the call went on after its client left", whole)
    assert sorted(names) == ["short", "w", "x"]
