"""A host that dies anyway: its neighbours come back, a poison call or session is not replayed, and a
host comes back within its memory cap (real servers, real host processes, real signals)."""

from __future__ import annotations

import base64
import io
import os
import signal
import threading
import time
from collections.abc import Callable

import httpx
import numpy as np

from tests.conftest import LiveServer

SLOW = {"expr": "y = (sort(x)[0] * sort(x * 2)[0] * sort(x * 3)[0]).sum()"}  # seconds on 4M elements


def server(**env: str) -> LiveServer:
    return LiveServer({"AGS_CPU_HOSTS": "1", **env}).start(timeout=90)


def session(c: httpx.Client) -> tuple[str, dict[str, str]]:
    s = c.post("/v1/sessions", json={}).json()
    return f"/v1/sessions/{s['id']}", {"Authorization": f"Bearer {s['token']}"}


def host(c: httpx.Client) -> dict:
    return c.get("/v1/info").json()["hosts"][0]


def until(what: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def crash_while_running(c: httpx.Client, send: Callable[[httpx.Client], httpx.Response]) -> httpx.Response:
    """Send a slow call; once its host is running it, the host crashes (SIGSEGV, as native code would)."""
    answer: list[httpx.Response] = []
    with httpx.Client(base_url=str(c.base_url), timeout=120) as other:
        thread = threading.Thread(target=lambda: answer.append(send(other)))
        thread.start()
        until(lambda: host(c)["running"] >= 1)
        os.kill(host(c)["pid"], signal.SIGSEGV)
        thread.join()
    until(lambda: host(c)["up"])
    return answer[0]


def grad_of(c: httpx.Client, base: str, auth: dict[str, str]) -> np.ndarray:
    r = c.get(f"{base}/variables/x", params={"field": "grad"}, headers={**auth, "Accept": "application/x-npy"})
    assert r.status_code == 200, r.text[:300]
    return np.load(io.BytesIO(r.content))


def test_a_session_whose_calls_end_its_host_twice_is_quarantined_and_its_neighbours_are_served():
    s = server()
    try:
        with httpx.Client(base_url=s.url, timeout=120) as c:
            poison, auth = session(c)
            c.put(f"{poison}/variables/x", json={"init": "randn", "shape": [4_000_000], "seed": 0}, headers=auth)
            neighbour, theirs = session(c)
            c.put(f"{neighbour}/variables/w", json={"data": [1.0, 2.0], "requires_grad": True}, headers=theirs)
            c.post(f"{neighbour}/compute", json={"expr": "y = w.sum()", "backward": "y"}, headers=theirs)
            for _ in range(2):
                r = crash_while_running(c, lambda cl: cl.post(f"{poison}/compute", json=SLOW, headers=auth))
                assert r.status_code == 503 and "killed by SIGSEGV" in r.json()["detail"]
            refused = c.get(f"{poison}/variables/x", headers=auth)
            assert refused.status_code == 410 and refused.json()["type"] == "/problems/session-quarantined"
            assert "ended its host 2 times" in refused.json()["detail"]
            assert c.get(f"{neighbour}/variables/w", headers=theirs).json()["grad"] == [1.0, 1.0]
            assert host(c)["restarts"] == 2
    finally:
        s.stop()


def test_a_sessionless_call_that_ends_its_host_twice_is_refused_and_others_still_run():
    s = server()
    x = {"dtype": "float32", "shape": [4_000_000], "b64": base64.b64encode(np.ones(4_000_000, np.float32)).decode()}
    body = {"expr": SLOW["expr"], "inputs": {"x": {"data": x}}}
    try:
        with httpx.Client(base_url=s.url, timeout=120) as c:
            for _ in range(2):
                r = crash_while_running(c, lambda cl: cl.post("/v1/evaluate", json=body))
                assert r.status_code == 503
            refused = c.post("/v1/evaluate", json=body)
            assert refused.status_code == 422 and refused.json()["type"] == "/problems/call-refused"
            other = c.post("/v1/evaluate", json={"expr": "y = x * 2", "inputs": {"x": {"data": [1.0]}}})
            assert other.json()["outputs"]["y"]["data"] == [2.0]
    finally:
        s.stop()


def test_a_host_comes_back_with_sessions_it_could_not_have_read_twice_over(tmp_path):
    cap = 2_000_000_000  # the 2 GB: a host starts near 0.75 GB, and these sessions hold 0.64 GB
    s = server(AGS_HOST_MEMORY_BYTES=str(cap), AGS_STATE_DIR=str(tmp_path))
    try:
        with httpx.Client(base_url=s.url, timeout=120) as c:
            made = []
            for _ in range(5):
                base, auth = session(c)
                ones = {"init": "ones", "shape": [16_000_000], "requires_grad": True}
                assert c.put(f"{base}/variables/x?encoding=b64", json=ones, headers=auth).status_code == 201
                compute = {"expr": "y = x.sum()", "backward": "y", "grads": "none"}
                r = c.post(f"{base}/compute", json=compute, headers=auth)
                assert r.status_code == 200, r.text[:300]
                made.append((base, auth))
            before = host(c)
            os.kill(before["pid"], signal.SIGKILL)
            until(lambda: host(c)["up"] and host(c)["pid"] != before["pid"])
            for base, auth in made:
                assert grad_of(c, base, auth).sum() == 16_000_000
            assert not (tmp_path / "quarantine").exists()
    finally:
        s.stop()


def test_a_backward_whose_answer_would_pass_the_memory_left_is_a_413_and_accumulates_nothing():
    s = server(AGS_HOST_MEMORY_BYTES=str(1_600_000_000))  # room for the leaf and its grad, not 16M numbers as text
    try:
        with httpx.Client(base_url=s.url, timeout=120) as c:
            base, auth = session(c)
            ones = {"init": "ones", "shape": [16_000_000], "requires_grad": True}
            assert c.put(f"{base}/variables/x?encoding=b64", json=ones, headers=auth).status_code == 201
            c.post(f"{base}/compute", json={"expr": "y = x.sum()"}, headers=auth)
            pid = host(c)["pid"]
            r = c.post(f"{base}/backward", json={"variable": "y"}, headers=auth)  # 16M numbers as JSON: ~1 GB
            assert r.status_code == 413 and "the answer needs about" in r.json()["detail"], r.text[:300]
            r = c.post(f"{base}/backward", json={"variable": "y", "grads": "none"}, headers=auth)
            assert r.status_code == 200
            assert grad_of(c, base, auth).max() == 1.0  # the refused call added nothing
            assert host(c)["pid"] == pid
    finally:
        s.stop()
