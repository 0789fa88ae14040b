"""A long computation in one session does not hold up the server: other sessions and /healthz answer.

A behaviour check, not a benchmark: one session runs a chain of large matmuls sized to take a few
seconds on this machine (calibrated first, so a fast or a loaded machine gets a similar length);
while it runs, /healthz and a small backward on another session must answer, and answer in a small
fraction of the long call's time. Only probes sent after the long call reached the server count:
the server's own latency histogram tells how long it spent on that call, which dates its arrival.
"""

from __future__ import annotations

import math
import threading
import time

import httpx
import torch

from tests.conftest import LiveServer

COMPUTE_SUM = 'ags_http_request_duration_seconds_sum{method="POST",route="/v1/sessions/{session_id}/compute"}'
N = 1500  # matrix side: 9 MB per leaf, so the session runs on its device worker, not inline


def session(url: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=120)
    body = client.post("/v1/sessions", json={"device": "cpu"}).json()
    client.headers["Authorization"] = f"Bearer {body['token']}"
    return client, f"/v1/sessions/{body['id']}"


def matmuls_for(seconds: float) -> int:
    a = torch.randn(N, N)
    a @ a
    start = time.perf_counter()
    a @ a
    one = max(time.perf_counter() - start, 1e-3)
    return max(4, min(60, math.ceil(seconds / one)))


def test_a_long_computation_does_not_block_other_sessions(live_server: LiveServer):
    big, big_base = session(live_server.url)
    for name in ("a", "b"):
        r = big.put(f"{big_base}/variables/{name}", json={"init": "randn", "shape": [N, N], "seed": 1})
        assert r.status_code == 201, r.text
    chain = " @ ".join(["a", "b"] * (matmuls_for(3.0) // 2 + 1))
    expr = f"y = ({chain}).mean()"

    small, small_base = session(live_server.url)
    small.put(f"{small_base}/variables/x", json={"data": [[1, 1], [1, 1]], "requires_grad": True})
    small.post(f"{small_base}/compute", json={"expr": "y = x.sum()"})

    before = compute_seconds(live_server.url)
    long_call: dict = {}

    def run_long() -> None:
        long_call["response"] = big.post(f"{big_base}/compute", json={"expr": expr})
        long_call["done_at"] = time.perf_counter()

    worker = threading.Thread(target=run_long)
    worker.start()
    probes = []  # (sent, answered) of each /healthz + small backward pair, until the long call is answered
    with httpx.Client(base_url=live_server.url, timeout=60) as probe:
        while worker.is_alive():
            sent = time.perf_counter()
            assert probe.get("/healthz").status_code == 200
            r = small.post(f"{small_base}/backward", json={"variable": "y"})
            assert r.status_code == 200, r.text
            probes.append((sent, time.perf_counter()))
    worker.join()
    assert long_call["response"].status_code == 200, long_call["response"].text

    # The server says how long it spent on the long call, so it is known when the call was on the server.
    on_server = compute_seconds(live_server.url) - before
    arrived = long_call["done_at"] - on_server
    during = [answered - sent for sent, answered in probes if sent >= arrived and answered <= long_call["done_at"]]
    assert on_server > 0.5, f"the long call took {on_server:.2f} s on the server: too short to test anything"
    assert len(during) >= 3, f"{len(during)} probes answered while the long call ran ({on_server:.2f} s)"
    assert max(during) < on_server / 3, (max(during), on_server)
    n = float(len(probes))
    assert small.get(f"{small_base}/variables/x").json()["grad"] == [[n, n], [n, n]]


def compute_seconds(url: str) -> float:
    """Seconds the server has spent on session compute calls, from its own latency histogram."""
    for line in httpx.get(f"{url}/metrics").text.splitlines():
        if line.startswith(COMPUTE_SUM):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"/metrics has no {COMPUTE_SUM}")
