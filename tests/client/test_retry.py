"""Retries on connection errors, 429 and 503, each logical call keeping one Idempotency-Key across tries."""

from __future__ import annotations

import random
import time

import httpx
import pytest

from autograd_client import Client, ConnectionFailed, Retry, transport
from tests.client.conftest import Recording


def sent_to(recording, method: str, suffix: str):
    return [r for r in recording.sent if r.method == method and r.url.path.endswith(suffix)]


def test_connection_error_is_retried_with_the_same_key(recorded, recording):
    x = recorded.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    y = x.sum()
    recording.fail(1, "/backward")
    y.backward()
    tries = sent_to(recording, "POST", "/backward")
    assert len(tries) == 2
    assert tries[0].headers["Idempotency-Key"] == tries[1].headers["Idempotency-Key"]
    assert x.grad == [[1, 1], [1, 1]]


def test_a_lost_answer_is_retried_and_applied_once(recorded, recording):
    x = recorded.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    y = x.sum()
    recording.fail(1, "/backward", before=False)
    y.backward()
    assert len(sent_to(recording, "POST", "/backward")) == 2
    assert x.grad == [[1, 1], [1, 1]]  # the server replayed its first answer: no second accumulation


def test_each_logical_call_has_its_own_key_and_reads_have_none(recorded, recording):
    x = recorded.variable([1.0], requires_grad=True, name="x")
    y = x.sum()
    y.backward()
    y.backward()
    keys = [r.headers["Idempotency-Key"] for r in sent_to(recording, "POST", "/backward")]
    assert len(keys) == len(set(keys)) == 2
    assert x.grad == [2.0]
    assert all("Idempotency-Key" not in r.headers for r in recording.sent if r.method == "GET")


def test_503_is_retried(recorded, recording):
    recording.fail(1, "/zero_grad", status=503)
    assert recorded.zero_grad() == []
    tries = sent_to(recording, "POST", "/zero_grad")
    assert len(tries) == 2
    assert tries[0].headers["Idempotency-Key"] == tries[1].headers["Idempotency-Key"]


def test_429_waits_for_retry_after_then_succeeds(full_server):
    holder = Client(full_server.url).session()

    class FreedOn429(Recording):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            if response.status_code == 429:
                holder.close()  # room again, but only after the full answer: the retry must wait for it
            return response

    recording = FreedOn429()
    start = time.monotonic()
    with Client(full_server.url, transport=recording, retry=Retry(attempts=3)) as c, c.session() as s:
        assert s.id != holder.id
    assert time.monotonic() - start >= 1.0  # the server said Retry-After: 1
    tries = sent_to(recording, "POST", "/v1/sessions")
    assert len(tries) == 2
    assert tries[0].headers["Idempotency-Key"] == tries[1].headers["Idempotency-Key"]


def test_gives_up_after_the_attempts_with_connection_failed(live_server, recording):
    recording.fail(5, "/v1/ops")
    no_wait = Retry(attempts=3, backoff=0)
    with Client(live_server.url, transport=recording, retry=no_wait) as c, pytest.raises(ConnectionFailed) as e:
        c.ops()
    assert e.value.status is None
    assert len(sent_to(recording, "GET", "/v1/ops")) == 3


def test_the_backoff_ceiling_doubles_up_to_max_wait_and_the_attempts_end_it():
    policy = Retry(attempts=6, backoff=0.5, max_wait=3, uniform=lambda low, high: high)
    assert [policy.ceiling(a) for a in range(5)] == [0.5, 1.0, 2.0, 3, 3]
    assert [policy.wait(a, OSError()) for a in range(6)] == [0.5, 1.0, 2.0, 3, 3, None]


def test_backoff_waits_are_full_jitter_within_their_bounds_and_repeat_with_the_seed():
    def waits(seed: int) -> list[float]:
        policy = Retry(attempts=1000, backoff=0.5, max_wait=3, uniform=random.Random(seed).uniform)
        return [policy.wait(a % 8, OSError()) for a in range(400)]

    drawn = waits(7)
    ceilings = [min(0.5 * 2 ** (a % 8), 3) for a in range(400)]
    assert all(0 <= w <= c for w, c in zip(drawn, ceilings, strict=True))
    assert len(set(drawn)) == len(drawn)  # they vary: no two clients wait alike
    assert min(drawn) < 0.1 and max(drawn) > 2.9  # and they spread over the whole range
    assert waits(7) == drawn and waits(8) != drawn


def test_a_retry_after_from_the_server_is_kept_without_jitter():
    policy = Retry(uniform=lambda low, high: pytest.fail("no draw for a Retry-After"))
    assert policy.wait(0, httpx.Response(503, headers={"Retry-After": "2"})) == 2.0
    assert policy.wait(0, httpx.Response(503, headers={"Retry-After": "60"})) is None  # over max_wait


def test_the_blocking_client_sleeps_each_backoff(live_server, recording, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(transport.time, "sleep", lambda seconds: slept.append(seconds))
    recording.fail(3, "/v1/ops")
    policy = Retry(attempts=4, backoff=0.2, uniform=random.Random(3).uniform)
    with Client(live_server.url, transport=recording, retry=policy) as c:
        assert "add" in c.ops()
    expected = Retry(attempts=4, backoff=0.2, uniform=random.Random(3).uniform)
    assert slept == [expected.wait(a, OSError()) for a in range(3)]
