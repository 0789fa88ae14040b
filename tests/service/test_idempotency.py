"""A retried call with the same Idempotency-Key is answered from the first answer and applied once."""

import asyncio

import httpx

from service.app import create_app
from tests.service.conftest import Api


def test_a_retry_replays_the_first_answer_and_applies_once(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    key = {"Idempotency-Key": "backward-1"}
    first = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    again = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and again.headers["idempotent-replayed"] == "true"
    assert api.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]
    api.call("POST", "/backward", json={"variable": "y"}, headers={"Idempotency-Key": "backward-2"})
    assert api.ok("GET", "/variables/x")["grad"] == [2.0, 2.0]


def test_errors_are_replayed_too_and_a_put_keeps_its_201(api: Api):
    key = {"Idempotency-Key": "put-x"}
    assert api.call("PUT", "/variables/x", json={"data": [1.0]}, headers=key).status_code == 201
    assert api.call("PUT", "/variables/x", json={"data": [1.0]}, headers=key).status_code == 201
    bad = {"Idempotency-Key": "bad"}
    assert api.call("POST", "/compute", json={"expr": "y = q"}, headers=bad).status_code == 422
    assert api.call("POST", "/compute", json={"expr": "y = q"}, headers=bad).status_code == 422


def test_the_same_key_with_another_body_is_a_422(api: Api):
    key = {"Idempotency-Key": "k"}
    api.call("PUT", "/variables/x", json={"data": [1.0]}, headers=key)
    r = api.call("PUT", "/variables/x", json={"data": [2.0]}, headers=key)
    assert r.status_code == 422 and "different request" in r.json()["detail"]
    assert api.ok("GET", "/variables/x")["data"] == [1.0]
    assert (
        api.call("PUT", "/variables/x", json={"data": [1.0]}, headers={"Idempotency-Key": "bad key"}).status_code == 422
    )


def test_keys_are_scoped_per_caller(client):
    a, b = Api(client), Api(client)
    for s in (a, b):
        s.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    r = b.call("PUT", "/variables/x", json={"data": [1.0]}, headers={"Idempotency-Key": "same"})
    s = a.call("PUT", "/variables/x", json={"data": [1.0]}, headers={"Idempotency-Key": "same"})
    assert r.status_code == s.status_code == 200 and "idempotent-replayed" not in s.headers


def test_concurrent_duplicates_apply_once():
    async def scenario():
        app = create_app()
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                s = (await c.post("/v1/sessions", json={"device": "cpu"})).json()
                h = {"Authorization": f"Bearer {s['token']}"}
                base = f"/v1/sessions/{s['id']}"
                await c.put(f"{base}/variables/x", json={"data": [1.0], "requires_grad": True}, headers=h)
                await c.post(f"{base}/compute", json={"expr": "y = x.sum()"}, headers=h)
                dup = {**h, "Idempotency-Key": "once"}
                answers = await asyncio.gather(
                    *[c.post(f"{base}/backward", json={"variable": "y"}, headers=dup) for _ in range(16)]
                )
                grad = (await c.get(f"{base}/variables/x", headers=h)).json()["grad"]
                return answers, grad

    answers, grad = asyncio.run(scenario())
    assert {r.status_code for r in answers} == {200}
    assert {r.json()["grads"]["x"][0] for r in answers} == {1.0}
    assert grad == [1.0]
