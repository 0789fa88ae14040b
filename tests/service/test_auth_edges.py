"""Sessions and keys at their edges: exact refusals, expiry, deletion. Each test kills mutants the others let live."""

import time
from datetime import UTC, datetime

import pytest

from tests.service.conftest import Api, entries

NO_TOKEN = "this route needs 'Authorization: Bearer <token>', the token given when the session was made"


def problem(r) -> tuple[int, str]:
    assert r.headers["content-type"] == "application/problem+json", r.text
    return r.status_code, r.json()["detail"]


def test_a_session_route_without_authorization_is_a_401(api: Api):
    assert problem(api.client.get(f"/v1/sessions/{api.id}")) == (401, NO_TOKEN)


def test_an_unknown_session_is_a_404_whatever_the_token(client):
    r = client.get("/v1/sessions/nosuchsession", headers={"Authorization": "Bearer some-token"})
    assert problem(r) == (404, "no session 'nosuchsession' for this token (it may have expired or been deleted)")


def test_a_deleted_session_is_gone(app_client):
    api = Api(app_client(backend="inline"))  # reads the in-process hosts
    api.ok("DELETE", "", 204)
    assert api.call("GET").status_code == 404
    assert entries(api.client) == {}


def test_times_are_utc_with_a_z(client):
    before = time.time()
    made = client.post("/v1/sessions", json={"ttl_seconds": 100}).json()
    expires = datetime.fromisoformat(made["expires_at"].replace("Z", "+00:00"))
    assert made["expires_at"].endswith("Z") and expires.tzinfo == UTC
    assert before + 100 - 1 <= expires.timestamp() <= time.time() + 100


def test_ttl_bounds_are_inclusive_and_refusals_say_why(app_client):
    client = app_client(max_ttl_seconds=50)
    assert client.post("/v1/sessions", json={"ttl_seconds": 50}).status_code == 201
    assert client.post("/v1/sessions", json={"ttl_seconds": 1}).status_code == 201
    for ttl in (0, 51):
        assert problem(client.post("/v1/sessions", json={"ttl_seconds": ttl})) == (
            422,
            "ttl_seconds must be between 1 and 50",
        )


def test_a_full_server_says_how_full_and_when_to_retry(app_client):
    client = app_client(max_sessions=1, sweep_interval_seconds=1)
    client.post("/v1/sessions", json={})
    r = client.post("/v1/sessions", json={})
    assert problem(r) == (
        429,
        "the server holds 1 sessions, its limit (max_sessions); delete one or retry later",
    )
    assert r.headers["retry-after"] == "1"


@pytest.mark.parametrize("state", [False, True])
def test_expired_sessions_are_swept_when_a_new_one_is_made(app_client, tmp_path, state):
    client = app_client(backend="inline", **({"state_dir": str(tmp_path)} if state else {}))
    old = client.post("/v1/sessions", json={"ttl_seconds": 1}).json()
    time.sleep(1.1)
    assert client.post("/v1/sessions", json={}).status_code == 201
    assert old["id"] not in entries(client)
    if state:
        assert not (tmp_path / "sessions" / f"{old['id']}.safetensors").exists()


def test_stateless_routes_have_the_compute_budget_too(app_client):
    client = app_client(max_compute_seconds=1e-9)
    r = client.post("/v1/evaluate", json={"expr": "y = x * 2", "inputs": {"x": {"data": [1.0]}}})
    assert r.status_code == 422 and "time limit" in r.json()["detail"]


def test_api_key_refusals_say_what_is_wrong(app_client):
    client = app_client(api_keys="k1")
    assert problem(client.post("/v1/sessions", json={})) == (
        401,
        "this server needs an API key: send it as 'X-API-Key: <key>'",
    )
    r = client.post("/v1/sessions", json={}, headers={"X-API-Key": "k2"})
    assert problem(r) == (401, "the API key is not valid")
