"""Live sessions over real HTTP, on host processes: events as changes are written, resuming with
Last-Event-ID after a dropped connection, reset past the backlog, a slow watcher dropped, the cap."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import httpx
import pytest

from autograd_client import Client, ReadOnly, Retry
from tests.conftest import LiveServer
from tests.e2e.live import TIMEOUT_S, Owner, Proxy, Reader, dropped, read_all, slow_watcher

BACKLOG = 16
CAP = 4
ONES = [[1.0, 1.0], [1.0, 1.0]]


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    s = LiveServer({"AGS_EVENT_BACKLOG": str(BACKLOG), "AGS_MAX_WATCHERS_PER_SESSION": str(CAP)}).start()
    yield s
    s.stop()


def grad(event: tuple, leaf: str = "x") -> object:
    return event[2]["grads"][leaf]["data"]


def test_every_change_is_an_event_numbered_from_one_after_its_hello(server):
    owner = Owner(server.url)
    w = Reader(server.url, f"{owner.base}/events", owner.token)
    assert w.status == 200
    assert w.take() == [(0, "hello", {"seq": 0, "variables": []})]
    owner.seed()
    assert w.take(2) == [
        (1, "leaf", {"name": "x", "shape": [2, 2], "dtype": "float32", "requires_grad": True}),
        (2, "defined", {"names": ["y"]}),
    ]
    for k in (1.0, 2.0, 3.0):  # torch: x.grad is 1, 2, 3 everywhere; its norm 2, 4, 6
        owner.backward()
        ((seq, kind, data),) = w.take()
        assert (kind, data) == (
            "backward",
            {"variable": "y", "grads": {"x": {"shape": [2, 2], "norm": 2 * k, "data": [[k] * 2] * 2}}},
        )
    assert seq == 5
    r = owner.http.post(f"{owner.base}/backward", json={"variable": "nope"})
    assert r.status_code == 404  # refused: changes nothing, so no event and no number
    owner.ok("POST", "/zero_grad", json={})
    owner.ok("POST", "/step", json={"optimizer": {"type": "sgd", "lr": 0.5}})
    owner.ok("POST", "/compute", json={"expr": "loss = ((x - 3) ** 2).mean()"})
    owner.ok("POST", "/train", json={"loss": "loss", "optimizer": {"type": "sgd", "lr": 0.1}, "steps": 2})
    owner.ok("DELETE", "/variables/loss", 204)
    owner.ok("DELETE", "", 204)
    seen = w.take(7)
    assert [(s, k) for s, k, _ in seen] == [
        (6, "zero_grad"),
        (7, "step"),
        (8, "defined"),
        (9, "train"),
        (10, "train"),
        (11, "deleted"),
        (12, "end"),
    ]
    assert seen[0][2] == {"names": ["x"]} and seen[1][2] == {"optimizer": "sgd", "names": ["x"]}
    assert seen[3][2] == {"step": 1, "loss": 4.0}  # x is still ones: the step had zero grads
    assert seen[4][2]["step"] == 2
    assert seen[-2:] == [(11, "deleted", {"name": "loss"}), (12, "end", {"reason": "deleted"})]
    assert w.ended()


def test_a_dropped_connection_resumes_after_the_last_event_seen(server):
    owner = Owner(server.url)
    owner.seed()
    viewer = owner.viewer()
    proxy = Proxy(server.port)
    try:
        with Client(proxy.url, retry=Retry(backoff=0.05)) as client:
            s = client.view(owner.id, viewer)
            assert s.read_only and s.get("x").grad is None
            with pytest.raises(ReadOnly):
                s.zero_grad()
            events = s.events()
            hello = next(events)
            assert (hello.id, hello.type, [v["name"] for v in hello.data["variables"]]) == (2, "hello", ["x", "y"])
            owner.backward()
            owner.backward()
            assert [(e.id, e.data["grads"]["x"]["data"]) for e in (next(events), next(events))] == [
                (3, ONES),
                (4, [[2.0] * 2] * 2),
            ]
            proxy.cut()  # the connection drops; two backwards happen while it is down
            owner.backward()
            owner.backward()
            resumed = [next(events), next(events)]
            assert [(e.id, e.data["grads"]["x"]["data"]) for e in resumed] == [
                (5, [[3.0] * 2] * 2),
                (6, [[4.0] * 2] * 2),
            ]
            assert b"last-event-id: 4" in proxy.heads[-1].lower()  # it asked for what came after 4, once
            owner.ok("DELETE", "", 204)
            last = next(events)
            assert (last.id, last.type, last.data) == (7, "end", {"reason": "deleted"})
            assert next(events, None) is None
    finally:
        proxy.close()


def test_a_resume_past_the_backlog_starts_with_reset(server):
    owner = Owner(server.url)
    owner.seed()
    w = Reader(server.url, f"{owner.base}/events", owner.token)
    assert w.take()[0][:2] == (2, "hello")
    for _ in range(BACKLOG + 4):
        owner.backward()
    now = w.take(BACKLOG + 4)[-1][0]
    assert now == 2 + BACKLOG + 4
    near = Reader(server.url, f"{owner.base}/events", owner.token, last_event_id=now - 2)
    assert [(s, k) for s, k, _ in near.take(2)] == [(now - 1, "backward"), (now, "backward")]
    far = Reader(server.url, f"{owner.base}/events", owner.token, last_event_id=2)
    assert far.take() == [(now, "reset", {"seq": now})]  # events 3.. are gone: read the state again
    ahead = Reader(server.url, f"{owner.base}/events", owner.token, last_event_id=now + 5)
    assert ahead.take() == [(now, "reset", {"seq": now})]
    owner.backward()
    assert far.take()[0][:2] == (now + 1, "backward")  # and it goes on from there
    bad = httpx.get(
        f"{server.url}{owner.base}/events", headers={"Authorization": f"Bearer {owner.token}", "Last-Event-ID": "x"}
    )
    assert bad.status_code == 422 and bad.json()["type"] == "/problems/invalid-request"


def test_a_slow_watcher_is_dropped_and_the_owner_and_the_others_go_on(server):
    owner = Owner(server.url)
    owner.wide()
    slow = slow_watcher(server.port, owner)
    fast = Reader(server.url, f"{owner.base}/events", owner.token)
    first = fast.take()[0][0]
    calls = 0
    while calls < 2000 and dropped(server.url) == 0:
        owner.backward()  # every call answered 200: nothing waits for the slow one
        calls += 1
    assert dropped(server.url) == 1, f"the slow watcher was not dropped after {calls} calls"
    assert [s for s, _, _ in fast.take(calls)] == list(range(first + 1, first + calls + 1))
    got = read_all(slow)
    assert got.endswith(b'event: end\ndata: {"reason":"dropped"}\n\n\r\n0\r\n\r\n'), got[-200:]
    owner.backward()
    assert fast.take()[0][0] == first + calls + 1


def test_a_sessions_watchers_on_one_server_are_capped(server):
    owner = Owner(server.url)
    open_ = [Reader(server.url, f"{owner.base}/events", owner.token) for _ in range(CAP)]
    assert all(w.status == 200 for w in open_)
    r = httpx.get(
        f"{server.url}{owner.base}/events", headers={"Authorization": f"Bearer {owner.token}"}, timeout=TIMEOUT_S
    )
    assert r.status_code == 429 and r.json()["type"] == "/problems/too-many-watchers"
    assert "max_watchers_per_session" in r.json()["detail"] and r.headers["retry-after"]
    owner.ok("DELETE", "", 204)  # every stream ends with the session, and frees its place
    assert all(w.take()[-1][1] == "hello" and w.take()[0][1] == "end" for w in open_)


def test_a_stream_whose_host_ends_closes_and_its_client_resumes_from_the_host_that_comes_back():
    server = LiveServer().start()
    try:
        owner = Owner(server.url)
        owner.seed()
        with Client(server.url, retry=Retry(attempts=20, backoff=0.2)) as client:
            events = client.view(owner.id, owner.viewer()).events()
            assert next(events).type == "hello"
            owner.backward()
            assert next(events).id == 3
            host = next(h for h in httpx.get(f"{server.url}/v1/info").json()["hosts"] if owner.id.startswith(h["name"]))
            os.kill(host["pid"], signal.SIGKILL)  # the stream closes without end; the client opens it again
            while (r := owner.http.post(f"{owner.base}/backward", json={"variable": "y"})).status_code == 503:
                time.sleep(0.1)  # the host is restarting (nothing to await from here): not applied, tried again
            assert r.status_code == 200 and r.json()["grads"]["x"] == [[2.0, 2.0], [2.0, 2.0]]
            after = next(events)  # event 4, or reset if its host went before the stream reopened
            assert (after.id, after.type) in {(4, "backward"), (4, "reset")}, after
    finally:
        server.stop()
