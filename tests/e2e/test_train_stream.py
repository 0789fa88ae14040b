"""POST /train with Accept: text/event-stream over a real server: events, a disconnect, errors mid-way."""

import itertools
import time
from collections.abc import Iterator

import httpx
import orjson

from tests.conftest import LiveServer
from tests.e2e.test_server import session

STREAM = {"Accept": "text/event-stream"}
SGD = {"type": "sgd", "lr": 1.0}


def events(response: httpx.Response) -> Iterator[tuple[str, dict]]:
    name = None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield str(name), orjson.loads(line.removeprefix("data: "))


def counter(c: httpx.Client, base: str, size: int = 300) -> None:
    """A loss whose SGD steps count themselves: w = -k after k steps; m @ m makes each step take a while."""
    assert c.put(f"{base}/variables/w", json={"data": 0.0, "dtype": "float64", "requires_grad": True}).is_success
    assert c.put(f"{base}/variables/m", json={"init": "rand", "shape": [size, size], "seed": 0}).is_success
    r = c.post(f"{base}/compute", json={"expr": "loss = w + (m @ m).sum() * 0"})
    assert r.status_code == 200, r.text


def test_progress_events_then_done_with_the_json_answers_body(live_server: LiveServer):
    c, base = session(live_server.url)
    counter(c, base, size=2)
    body = {"loss": "loss", "optimizer": SGD, "steps": 5, "log_every": 2}
    headers = {**STREAM, "Idempotency-Key": "train-5"}  # a kept answer must not cut the stream short
    with c.stream("POST", f"{base}/train", json=body, headers=headers) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        seen = list(events(r))
    progress = [data for name, data in seen if name == "progress"]
    assert [(p["step"], p["loss"]) for p in progress] == [(2, -1.0), (4, -3.0), (5, -4.0)]
    assert all(0 <= a["elapsed_s"] <= b["elapsed_s"] for a, b in itertools.pairwise(progress))
    durable = 0 if c.get("/v1/info").json()["durability"] == "off" else 5  # written before it answered
    assert seen[-1] == (
        "done",
        {"steps": 5, "losses": [-1.0, -3.0, -4.0], "logged_steps": [2, 4, 5], "durable_steps": durable},
    )
    assert len(seen) == 4
    assert c.get(f"{base}/variables/w").json()["data"] == -5.0


def test_a_request_that_cannot_start_is_a_plain_problem_not_a_stream(live_server: LiveServer):
    c, base = session(live_server.url)
    counter(c, base, size=2)
    r = c.post(f"{base}/train", json={"loss": "m", "optimizer": SGD, "steps": 3}, headers=STREAM)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "'loss': the leaf 'm'; a loss is a computed variable, defined with compute"
    assert c.get(f"{base}/variables/w").json()["data"] == 0.0


def test_a_disconnect_stops_the_loop_and_the_steps_taken_stay_applied_and_persisted(tmp_path):
    durable = {"AGS_STATE_DIR": str(tmp_path), "AGS_MAX_COMPUTE_SECONDS": "600"}  # only the disconnect stops it
    server = LiveServer(durable).start()
    try:
        c, base = session(server.url)
        counter(c, base)
        body = {"loss": "loss", "optimizer": SGD, "steps": 1_000_000}
        with c.stream("POST", f"{base}/train", json=body, headers=STREAM) as r:
            stream = events(r)
            firsts = [next(stream) for _ in range(3)]
        assert [(name, data["step"], data["loss"]) for name, data in firsts] == [
            ("progress", 1, 0.0),
            ("progress", 2, -1.0),
            ("progress", 3, -2.0),
        ]
        # answered once the loop lets go of the session; the client's timeout (30 s) is far below the budget
        steps = -c.get(f"{base}/variables/w").json()["data"]
        assert 3 <= steps < 1_000_000 and steps == int(steps)
        assert -c.get(f"{base}/variables/w").json()["data"] == steps
    finally:
        server.stop()
    again = LiveServer(durable).start()
    try:
        assert -httpx.get(f"{again.url}{base}/variables/w", headers=c.headers).json()["data"] == steps
    finally:
        again.stop()


def test_running_over_the_budget_part_way_ends_with_an_error_event_saying_what_stayed(tmp_path):
    server = LiveServer({"AGS_STATE_DIR": str(tmp_path), "AGS_MAX_COMPUTE_SECONDS": "5"}).start()
    try:
        c, base = session(server.url)
        counter(c, base)
        body = {"loss": "loss", "optimizer": SGD, "steps": 1_000_000, "log_every": 100_000}
        with c.stream("POST", f"{base}/train", json=body, headers=STREAM, timeout=60) as r:
            assert r.status_code == 200, r.read()
            seen = list(events(r))
        name, problem = seen[-1]
        assert name == "error" and problem["status"] == 422
        k = problem["steps"]
        assert k >= 1 and problem["durable_steps"] == k and problem["logged_steps"][-1] == k
        assert problem["detail"].startswith(f"step {k + 1} of 1000000: the loop ran over its time limit")
        assert -c.get(f"{base}/variables/w").json()["data"] == k
    finally:
        server.stop()


def test_a_stream_sent_with_an_idempotency_key_is_not_held_back_until_the_loop_ends(live_server: LiveServer):
    c, base = session(live_server.url)
    counter(c, base, size=600)
    body = {"loss": "loss", "optimizer": SGD, "steps": 200, "log_every": 1}
    arrived: dict[str, float] = {}
    start = time.monotonic()
    with c.stream("POST", f"{base}/train", json=body, headers={**STREAM, "Idempotency-Key": "long"}) as r:
        for name, _ in events(r):
            arrived.setdefault(name, time.monotonic() - start)
    assert set(arrived) == {"progress", "done"}
    assert arrived["progress"] < arrived["done"] / 3, arrived  # kept for replay, it would come with done
    assert c.get(f"{base}/variables/w").json()["data"] == -200.0
    again = c.post(f"{base}/train", json=body, headers={**STREAM, "Idempotency-Key": "long"})
    assert again.status_code == 409 and "stream of events" in again.json()["detail"]  # a stream is not replayed
