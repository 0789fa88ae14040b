"""A long computation in one session does not hold up the server: other sessions and /healthz answer.

A behaviour check, not a benchmark: one session runs a chain of large matmuls sized to take a few
seconds on this machine (calibrated first, so a fast or a loaded machine gets a similar length);
while it runs, /healthz and a small backward on another session must answer, and answer in a small
fraction of the long call's time.
"""

from __future__ import annotations

import math
import threading
import time

import httpx
import torch

from tests.conftest import LiveServer

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

    done = threading.Event()
    long_call: dict = {}

    def run_long() -> None:
        start = time.perf_counter()
        long_call["response"] = big.post(f"{big_base}/compute", json={"expr": expr})
        long_call["seconds"] = time.perf_counter() - start
        done.set()

    worker = threading.Thread(target=run_long)
    worker.start()
    time.sleep(0.3)  # the long call is on the server by now
    waits = []
    with httpx.Client(base_url=live_server.url, timeout=60) as probe:
        for _ in range(3):
            start = time.perf_counter()
            assert probe.get("/healthz").status_code == 200
            r = small.post(f"{small_base}/backward", json={"variable": "y"})
            assert r.status_code == 200, r.text
            waits.append(time.perf_counter() - start)
    answered_during = not done.is_set()
    worker.join(120)
    assert long_call["response"].status_code == 200, long_call["response"].text
    assert answered_during, f"the small calls waited for the long one ({long_call['seconds']:.2f} s)"
    assert small.get(f"{small_base}/variables/x").json()["grad"] == [[3.0, 3.0], [3.0, 3.0]]
    assert max(waits) < long_call["seconds"] / 3, (waits, long_call["seconds"])
