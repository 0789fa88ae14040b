"""Idempotency-Key at its edges, each found by a mutant that the other tests let live (docs/testing.md)."""

import time

from tests.service.conftest import Api


def test_a_malformed_key_is_a_precise_422(api: Api):
    r = api.call("PUT", "/variables/x", json={"data": [1.0]}, headers={"Idempotency-Key": "two words"})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert (r.json()["title"], r.json()["detail"]) == (
        "Invalid request",
        "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces",
    )


def test_a_reused_key_with_another_request_is_a_precise_422(api: Api):
    key = {"Idempotency-Key": "k"}
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]}, headers=key)
    r = api.call("PUT", "/variables/x", json={"data": [2.0]}, headers=key)
    assert (r.status_code, r.json()["title"], r.json()["detail"]) == (
        422,
        "Idempotency key reused",
        "this Idempotency-Key was used with a different request; use a new key for a new request",
    )


def test_the_query_string_is_part_of_the_request(api: Api):
    key = {"Idempotency-Key": "q"}
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]}, headers=key)
    r = api.call("PUT", "/variables/x?encoding=b64", json={"data": [1.0]}, headers=key)
    assert r.status_code == 422 and r.json()["title"] == "Idempotency key reused"


def test_a_429_is_not_kept_so_its_retry_runs_once_there_is_room(app_client):
    client = app_client(max_sessions=1)
    first = client.post("/v1/sessions", json={})
    key = {"Idempotency-Key": "make-one"}
    assert client.post("/v1/sessions", json={}, headers=key).status_code == 429
    token = {"Authorization": f"Bearer {first.json()['token']}"}
    assert client.delete(f"/v1/sessions/{first.json()['id']}", headers=token).status_code == 204
    r = client.post("/v1/sessions", json={}, headers=key)
    assert r.status_code == 201 and "idempotent-replayed" not in r.headers


def test_a_key_without_any_authorization_is_answered_normally(client):
    r = client.post("/v1/sessions", json={}, headers={"Idempotency-Key": "anonymous"})
    assert r.status_code == 201, r.text


def test_a_record_is_replayed_within_its_ttl_and_not_after(app_client):
    api = Api(app_client(idempotency_ttl_seconds=1.0))
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    key = {"Idempotency-Key": "old"}
    api.ok("POST", "/backward", json={"variable": "y"}, headers=key)
    assert api.call("POST", "/backward", json={"variable": "y"}, headers=key).headers["idempotent-replayed"] == "true"
    time.sleep(1.1)
    r = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    assert r.status_code < 500 and "idempotent-replayed" not in r.headers
