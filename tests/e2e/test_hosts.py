"""Session hosts as real processes (AGS_BACKEND=process): a stuck call, a killed host and a memory
blow-up each stay inside their host, and nothing acknowledged is lost."""

from __future__ import annotations

import io
import os
import signal
import statistics
import threading
import time
import uuid
from collections.abc import Callable

import httpx
import numpy as np
import pytest

from tests.conftest import LiveServer

SORTED_N = 16_000_000  # sort: ~4 ms by the estimate, seconds in fact


def npy(n: int) -> bytes:
    """``n`` random float32 as an .npy file (a PUT of it answers without the data)."""
    out = io.BytesIO()
    np.save(out, np.random.default_rng(0).random(n, dtype=np.float32))
    return out.getvalue()


def start(**env: str) -> LiveServer:
    return LiveServer({"AGS_BACKEND": "process", "AGS_CPU_HOSTS": "2", **env}).start(timeout=90)


class Session:
    def __init__(self, c: httpx.Client) -> None:
        made = c.post("/v1/sessions", json={"device": "cpu"}).json()
        self.c, self.id, self.host = c, made["id"], made["id"].split(".")[0]
        self.auth = {"Authorization": f"Bearer {made['token']}"}

    def call(self, method: str, path: str = "", **kw) -> httpx.Response:
        return self.c.request(
            method, f"/v1/sessions/{self.id}{path}", headers={**self.auth, **kw.pop("headers", {})}, **kw
        )

    def ok(self, method: str, path: str = "", **kw) -> dict:
        r = self.call(method, path, **kw)
        assert r.status_code < 300, r.text
        return r.json() if r.content else {}

    def put_npy(self, name: str, n: int, requires_grad: bool = False) -> None:
        r = self.call(
            "PUT",
            f"/variables/{name}",
            params={"requires_grad": requires_grad},
            content=npy(n),
            headers={"Content-Type": "application/x-npy"},
        )
        assert r.status_code == 201, r.text

    def summed(self) -> Session:
        self.ok("PUT", "/variables/w", json={"data": [0.0, 0.0], "requires_grad": True})
        self.ok("POST", "/compute", json={"expr": "y = w.sum()"})
        return self


def hosts(c: httpx.Client) -> dict[str, dict]:
    return {h["name"]: h for h in c.get("/v1/info").json()["hosts"]}


def ready(c: httpx.Client, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while c.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the server did not become ready again"
        time.sleep(0.1)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting: {what}"
        time.sleep(0.01)


def busy(c: httpx.Client, host: str) -> None:
    """Wait until ``host`` has a call in flight (the call sent from another thread has arrived)."""
    wait_until(lambda: hosts(c)[host]["in_flight"] >= 1, f"a call in flight on {host}")


def on(host: str, c: httpx.Client, n: int = 1) -> list[Session]:
    """``n`` new sessions on ``host`` (placement fills the least-loaded host; others are deleted)."""
    mine: list[Session] = []
    while len(mine) < n:
        s = Session(c)
        if s.host == host:
            mine.append(s)
    return mine


def test_sessions_spread_over_the_hosts_which_info_and_metrics_list():
    server = start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            made = [Session(c), Session(c)]
            assert {s.host for s in made} == {"cpu0", "cpu1"}
            made[0].put_npy("x", 1000)
            assert hosts(c)[made[0].host]["bytes"] == 4000  # now, not at the next sweep
            listed = hosts(c)
            assert [listed[n]["device"] for n in ("cpu0", "cpu1")] == ["cpu", "cpu"]
            assert all(h["up"] and h["sessions"] == 1 and h["restarts"] == 0 for h in listed.values())
            pids = {h["pid"] for h in listed.values()}
            assert len(pids) == 2 and server.proc is not None and server.proc.pid not in pids
            text = c.get("/metrics").text
            assert 'ags_host_up{device="cpu",host="cpu0"} 1.0' in text
            assert 'ags_host_restarts_total{host="cpu1"} 0.0' in text
    finally:
        server.stop()


def test_a_call_past_the_budget_ends_its_host_and_no_acknowledged_change_is_lost():
    # margins for a loaded machine: the upload (16 MB) and the repeat node take a small part of the
    # 1 s budget; the sort of 32M numbers takes seconds, well past budget and grace (1.5 s)
    server = start(AGS_MAX_COMPUTE_SECONDS="1.0", AGS_HOST_GRACE_SECONDS="0.5", AGS_MAX_TENSOR_ELEMENTS=str(40 << 20))
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            stuck, neighbour = on("cpu0", c, 2)
            elsewhere = on("cpu1", c)[0].summed()
            neighbour.summed()
            for _ in range(3):
                neighbour.ok("POST", "/backward", json={"variable": "y"})
            stuck.put_npy("x", SORTED_N // 4)
            began = time.monotonic()
            r = stuck.call("POST", "/compute", json={"expr": "y = sort(x.repeat(8))[0]"})
            took = time.monotonic() - began
            assert r.status_code == 503 and "max_compute_seconds 1 s + 0.5 s grace" in r.json()["detail"], r.text
            assert int(r.headers["retry-after"]) >= 1
            assert took < 1.0 + 0.5 + 1.0  # budget, grace, the watchdog's tick and the kill
            ready(c)
            assert neighbour.ok("GET", "/variables/w")["grad"] == [3.0, 3.0]
            assert [v["name"] for v in stuck.ok("GET", "/variables")["variables"]] == ["x"]  # no y: not applied
            elsewhere.ok("POST", "/backward", json={"variable": "y"})
            listed = hosts(c)
            assert (listed["cpu0"]["restarts"], listed["cpu0"]["kills"]) == (1, {"budget": 1})
            assert listed["cpu1"]["restarts"] == 0
    finally:
        server.stop()


def test_kill_9_of_a_host_under_load_loses_no_acknowledged_backward():
    server = start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            sessions = [s.summed() for s in on("cpu0", c, 2) + on("cpu1", c, 2)]
            acked = [0] * len(sessions)
            unavailable = [0] * len(sessions)
            stop = threading.Event()

            def load(i: int) -> None:
                with httpx.Client(base_url=server.url, timeout=60) as own:
                    s = sessions[i]
                    while not stop.is_set():
                        key = str(uuid.uuid4())
                        while True:  # one backward, retried with its key until it is known applied
                            r = own.post(
                                f"/v1/sessions/{s.id}/backward",
                                json={"variable": "y", "grads": "none"},
                                headers={**s.auth, "Idempotency-Key": key},
                            )
                            if r.status_code in (200, 409):  # 409: applied once, its answer lost with the host
                                acked[i] += 1
                                break
                            assert r.status_code == 503, r.text
                            unavailable[i] += 1

            threads = [threading.Thread(target=load, args=(i,)) for i in range(len(sessions))]
            for t in threads:
                t.start()
            wait_until(lambda: all(n > 0 for n in acked), "every session had a backward acknowledged")
            os.kill(hosts(c)["cpu0"]["pid"], signal.SIGKILL)
            time.sleep(1.0)
            ready(c)
            time.sleep(0.5)
            stop.set()
            for t in threads:
                t.join(60)
            for i, s in enumerate(sessions):
                assert s.ok("GET", "/variables/w")["grad"] == [float(acked[i])] * 2, (s.host, acked[i])
            assert all(n > 0 for n in acked)
            assert unavailable[2:] == [0, 0]  # the other host's sessions never noticed
            listed = hosts(c)
            assert (listed["cpu0"]["restarts"], listed["cpu1"]["restarts"]) == (1, 0)
    finally:
        server.stop()


def test_a_memory_blow_up_is_a_413_and_its_host_and_the_other_sessions_live_on():
    server = start(
        AGS_HOST_MEMORY_BYTES=str(3 << 30), AGS_MAX_TENSOR_ELEMENTS=str(4 << 30), AGS_MAX_SESSION_BYTES=str(64 << 30)
    )
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            greedy, neighbour = on("cpu0", c, 2)
            neighbour.summed()
            neighbour.ok("POST", "/backward", json={"variable": "y"})
            pid = hosts(c)["cpu0"]["pid"]
            greedy.ok("PUT", "/variables/x", json={"init": "ones", "shape": [40_000]})
            r = greedy.call("POST", "/compute", json={"expr": "y = outer(x, x)"})  # 6.4 GB of float32
            assert r.status_code == 413 and "host_memory_bytes" in r.json()["detail"], r.text
            neighbour.ok("POST", "/backward", json={"variable": "y"})
            assert neighbour.ok("GET", "/variables/w")["grad"] == [2.0, 2.0]
            assert greedy.ok("GET", "/variables/x")["shape"] == [40_000]
            assert hosts(c)["cpu0"]["pid"] == pid  # the same process: it was never restarted
    finally:
        server.stop()


def _p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def test_health_and_other_sessions_answer_while_a_heavy_op_runs():
    server = start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            heavy, same_host = on("cpu0", c, 2)
            other_host = on("cpu1", c)[0].summed()
            same_host.summed()
            heavy.put_npy("x", SORTED_N)
            done = threading.Event()

            def run_heavy() -> None:
                with httpx.Client(base_url=server.url, timeout=60) as own:
                    # a scalar answer: this is about the sort, not about rendering 16M numbers as JSON
                    r = own.post(
                        f"/v1/sessions/{heavy.id}/compute", json={"expr": "y = sort(x)[0].sum()"}, headers=heavy.auth
                    )
                    assert r.status_code == 200, r.text
                done.set()

            t = threading.Thread(target=run_heavy)
            t.start()
            busy(c, "cpu0")
            health, same, other = [], [], []
            while not done.is_set():
                for samples, request in (
                    (health, lambda: c.get("/healthz")),
                    (same, lambda: same_host.call("POST", "/backward", json={"variable": "y", "grads": "none"})),
                    (other, lambda: other_host.call("POST", "/backward", json={"variable": "y", "grads": "none"})),
                ):
                    began = time.perf_counter()
                    assert request().status_code == 200
                    samples.append(time.perf_counter() - began)
            t.join()
            assert min(len(health), len(same), len(other)) >= 10
            assert max(_p99(health), _p99(same), _p99(other)) < 0.1, (_p99(health), _p99(same), _p99(other))
    finally:
        server.stop()


def test_large_frames_in_pieces_and_small_calls_share_a_host_socket_intact():
    """Uploads of 32 MB go to their host in 1 MiB pieces while small calls and their frames go too:
    every frame arrives whole (a garbled one would fail a call or lose the host)."""
    server = start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            big, small = on("cpu0", c, 2)
            small.summed()
            body = npy(SORTED_N // 2)

            def upload() -> None:
                with httpx.Client(base_url=server.url, timeout=60) as own:
                    for _ in range(3):
                        r = own.put(
                            f"/v1/sessions/{big.id}/variables/x",
                            content=body,
                            headers={**big.auth, "Content-Type": "application/x-npy"},
                        )
                        assert r.status_code in (200, 201), r.text

            t = threading.Thread(target=upload)
            t.start()
            n = 0
            while t.is_alive():
                small.ok("POST", "/backward", json={"variable": "y", "grads": "none"})
                n += 1
            t.join()
            assert small.ok("GET", "/variables/w")["grad"] == [float(n), float(n)]
            got = big.call("GET", "/variables/x", headers={"Accept": "application/x-npy"})
            assert got.content == body
            assert hosts(c)["cpu0"]["restarts"] == 0
    finally:
        server.stop()


def test_sigterm_lets_the_call_in_flight_finish_then_the_hosts_and_server_exit_0():
    server = start()
    assert server.proc is not None
    with httpx.Client(base_url=server.url, timeout=60) as c:
        s = on("cpu0", c)[0]
        s.put_npy("x", 4_000_000, requires_grad=True)
        pids = [h["pid"] for h in hosts(c).values()]
        answer: list[int] = []
        t = threading.Thread(
            target=lambda: answer.append(
                s.call("POST", "/compute", json={"expr": "y = sort(x)[0].sum()", "backward": "y"}).status_code
            )
        )
        t.start()
        busy(c, "cpu0")
        server.proc.send_signal(signal.SIGTERM)
        t.join(60)
    assert answer == [200]
    assert server.proc.wait(60) == 0
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
