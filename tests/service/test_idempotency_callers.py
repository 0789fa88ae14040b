"""Idempotency keys belong to an authenticated caller, are bounded per caller, and never apply twice."""

import asyncio

import pytest
from fastapi.testclient import TestClient

from service.durable.idempotency_records import Answer, Records, Refused, Replay
from tests.service.conftest import Api

ONCE = {"Idempotency-Key": "1"}


def with_y(api: Api) -> None:
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})


def test_two_anonymous_callers_with_one_key_get_two_sessions(client: TestClient):
    a = client.post("/v1/sessions", json={"device": "cpu"}, headers=ONCE)
    b = client.post("/v1/sessions", json={"device": "cpu"}, headers=ONCE)
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"] and a.json()["token"] != b.json()["token"]
    assert "idempotent-replayed" not in b.headers


def test_a_caller_without_the_api_key_never_sees_the_tenants_record(app_client):
    client = app_client(api_keys="tenant-key,other-key")
    made = client.post("/v1/sessions", json={}, headers={**ONCE, "X-API-Key": "tenant-key"})
    assert made.status_code == 201
    assert client.post("/v1/sessions", json={}, headers=ONCE).status_code == 401
    assert client.post("/v1/sessions", json={}, headers={**ONCE, "X-API-Key": "wrong"}).status_code == 401
    other = client.post("/v1/sessions", json={}, headers={**ONCE, "X-API-Key": "other-key"})
    assert other.status_code == 201 and other.json()["token"] != made.json()["token"]
    again = client.post("/v1/sessions", json={}, headers={**ONCE, "X-API-Key": "tenant-key"})
    assert again.json() == made.json() and again.headers["idempotent-replayed"] == "true"


def test_a_wrong_token_gets_404_not_the_sessions_record(api: Api):
    with_y(api)
    assert api.call("POST", "/backward", json={"variable": "y"}, headers=ONCE).status_code == 200
    wrong = {**ONCE, "Authorization": "Bearer not-the-token"}
    r = api.call("POST", "/backward", json={"variable": "y"}, headers=wrong)
    assert r.status_code == 404 and "idempotent-replayed" not in r.headers


def test_bearer_and_lowercase_bearer_are_one_caller(api: Api):
    with_y(api)
    first = api.call(
        "POST", "/backward", json={"variable": "y"}, headers={**ONCE, "Authorization": f"Bearer {api.token}"}
    )
    again = api.call(
        "POST", "/backward", json={"variable": "y"}, headers={**ONCE, "Authorization": f"bearer {api.token}"}
    )
    assert first.status_code == again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert api.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]


def test_a_flood_of_large_answers_does_not_evict_another_callers_record(app_client):
    client = app_client(idempotency_caller_bytes=20_000)
    victim, flood = Api(client), Api(client)
    with_y(victim)
    victim.ok("POST", "/backward", json={"variable": "y"}, headers={"Idempotency-Key": "mine"})
    for k in range(40):  # a session's answers of ~5 kB each: eight times its own budget
        r = flood.call(
            "PUT", f"/variables/v{k}", json={"init": "ones", "shape": [1000]}, headers={"Idempotency-Key": f"f{k}"}
        )
        assert r.status_code == 201
    for k in range(9):  # anonymous answers of 8 MB each: never recorded, so they evict nothing
        r = client.post(
            "/v1/evaluate",
            json={"expr": "y = zeros(size=[2000000])", "inputs": {}},
            headers={"Idempotency-Key": f"a{k}"},
        )
        assert r.status_code == 200
    again = victim.call("POST", "/backward", json={"variable": "y"}, headers={"Idempotency-Key": "mine"})
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert victim.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]


def test_a_retry_whose_answer_was_dropped_is_a_409_and_applies_nothing(app_client):
    api = Api(app_client(idempotency_caller_bytes=20_000))
    with_y(api)
    api.ok("POST", "/backward", json={"variable": "y"}, headers={"Idempotency-Key": "first"})
    for k in range(8):
        api.call(
            "PUT", f"/variables/v{k}", json={"init": "ones", "shape": [1000]}, headers={"Idempotency-Key": f"b{k}"}
        )
    r = api.call("POST", "/backward", json={"variable": "y"}, headers={"Idempotency-Key": "first"})
    assert r.status_code == 409 and r.headers["content-type"] == "application/problem+json"
    assert "applied once" in r.json()["detail"] and "idempotency_caller_bytes" in r.json()["detail"]
    assert api.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]
    other = api.call("POST", "/backward", json={"variable": "x"}, headers={"Idempotency-Key": "first"})
    assert other.status_code == 422  # another request under a dropped key is still refused


def test_an_answer_larger_than_the_budget_is_not_kept_and_its_retry_is_a_409(app_client):
    api = Api(app_client(idempotency_caller_bytes=1_000))
    key = {"Idempotency-Key": "big"}
    assert api.call("PUT", "/variables/v", json={"init": "ones", "shape": [1000]}, headers=key).status_code == 201
    r = api.call("PUT", "/variables/v", json={"init": "ones", "shape": [1000]}, headers=key)
    assert r.status_code == 409 and "over the 1000 kept per caller" in r.json()["detail"]


def test_a_caller_at_its_key_limit_gets_429_and_nothing_is_applied(app_client):
    api = Api(app_client(idempotency_caller_keys=2))
    for k in ("a", "b"):
        api.ok("PUT", f"/variables/{k}", 201, json={"data": [1.0]}, headers={"Idempotency-Key": k})
    r = api.call("PUT", "/variables/c", json={"data": [1.0]}, headers={"Idempotency-Key": "c"})
    assert r.status_code == 429 and "idempotency_caller_keys" in r.json()["detail"]
    assert api.call("GET", "/variables/c").status_code == 404
    api.ok("PUT", "/variables/c", 201, json={"data": [1.0]})  # without a key it is applied


def test_a_callers_log_is_compacted_and_reads_back(tmp_path):
    async def fill() -> None:
        records = Records(86400, 10_000, 10_000, tmp_path)
        for k in range(2000):
            claim = await records.claim("key-a", f"k{k}", f"fp{k}")
            await records.finish(claim, Answer(201, [(b"content-type", b"text/plain")], b"x" * 1000))

    asyncio.run(fill())
    assert (tmp_path / "key-a.log").stat().st_size < 2_200_000  # 2000 answers written: ~2.9 MB without compaction

    async def retry(records: Records, key: str) -> Exception:
        with pytest.raises((Replay, Refused)) as caught:
            await records.claim("key-a", key, f"fp{key[1:]}")
        return caught.value

    records = Records(86400, 10_000, 10_000, tmp_path)
    records.load([])
    last = asyncio.run(retry(records, "k1999"))
    assert isinstance(last, Replay) and last.answer.status == 201 and last.answer.body == b"x" * 1000
    first = asyncio.run(retry(records, "k0"))
    assert isinstance(first, Refused) and first.status == 409


def test_an_error_answer_is_kept_and_replayed_byte_for_byte(api: Api):
    key = {"Idempotency-Key": "bad"}
    first = api.call("POST", "/compute", json={"expr": "y = q"}, headers=key)
    api.ok("PUT", "/variables/q", 201, json={"data": [1.0]})  # the same call would now succeed
    again = api.call("POST", "/compute", json={"expr": "y = q"}, headers=key)
    assert first.status_code == again.status_code == 422 and again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content and again.headers["content-type"] == "application/problem+json"
    assert api.call("GET", "/variables/y").status_code == 404


def test_a_failed_call_frees_its_key_but_a_cancelled_one_keeps_it_spent():
    async def scenario() -> tuple[Exception | None, Exception | None]:
        records = Records(86400, 10_000, 10_000)
        failed = await records.claim("key-a", "k1", "fp")
        records.abandon(failed)  # it raised: nothing was applied
        again = await records.claim("key-a", "k1", "fp")
        cancelled = await records.claim("key-a", "k2", "fp")
        records.abandon(cancelled, cancelled=True)  # its work may still be running on a worker thread
        outcomes: list[Exception | None] = []
        for key in ("k1", "k2"):
            try:
                await asyncio.wait_for(records.claim("key-a", key, "fp"), 0.1)
                outcomes.append(None)
            except (Refused, TimeoutError) as e:
                outcomes.append(e)
        assert not again.record.done.is_set()
        return outcomes[0], outcomes[1]

    running, spent = asyncio.run(scenario())
    assert isinstance(running, TimeoutError)  # k1 is owned by the retry, which is still running
    assert isinstance(spent, Refused) and spent.status == 409 and "may have been applied" in spent.detail
