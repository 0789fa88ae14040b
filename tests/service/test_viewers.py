"""Viewer tokens: made, listed and revoked by the owner; they open the rows that read and no other (403
``/problems/read-only``), checked on the host from each row's ``access``; their keys are their own."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from service.api.verbs import VerbRoute
from service.hosts.calls import Access
from tests.service.conftest import Api, entries

READS = {
    ("GET", "/v1/sessions/{session_id}"),
    ("GET", "/v1/sessions/{session_id}/export"),
    ("GET", "/v1/sessions/{session_id}/variables"),
    ("GET", "/v1/sessions/{session_id}/variables/{name}"),
    ("GET", "/v1/sessions/{session_id}/variables/{name}/graph"),
    ("GET", "/v1/sessions/{session_id}/events"),
}
STREAMS = {"/v1/sessions/{session_id}/events"}  # a viewer opens it; tests/e2e/test_live.py reads it


def seeded(client: TestClient) -> tuple[Api, dict[str, str], dict]:
    api = Api(client)
    api.ok("PUT", "/variables/x", 201, json={"data": [[1, 1], [1, 1]], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    made = api.ok("POST", "/viewers", 201, json={})
    return api, {"Authorization": f"Bearer {made['token']}"}, made


def example(route: VerbRoute) -> dict | None:
    """A body the row's model accepts (its schema's example), so that only the token can refuse it."""
    model = route.verb.body
    if model is None:
        return None
    examples = (model.model_config.get("json_schema_extra") or {}).get("examples") or [{}]
    return examples[0]


def test_the_rows_a_viewer_token_opens_are_the_session_and_variable_gets(client):
    session_rows = [r for r in client.app.router.routes if isinstance(r, VerbRoute) and r.verb.session]
    assert {(r.verb.method, r.verb.path) for r in session_rows if r.verb.needs == Access.READ} == READS


def test_a_viewer_token_reads_and_every_other_row_answers_403_read_only(client):
    api, viewer, _ = seeded(client)
    rows = [r for r in client.app.router.routes if isinstance(r, VerbRoute) and r.verb.session]
    for route in [r for r in rows if r.verb.path not in STREAMS]:
        path = route.verb.path.format(session_id=api.id, name="x", viewer_id="v0", transform="jacobian")
        r = client.request(route.verb.method, path, json=example(route), headers=viewer)
        if route.verb.needs == Access.READ:
            assert r.status_code == 200, (path, r.text)
        else:
            assert r.status_code == 403, (route.verb.method, path, r.text)
            problem = r.json()
            assert problem["type"] == "/problems/read-only" and "viewer token" in problem["detail"], problem
            assert "read-only" in problem["detail"]
    assert client.delete(f"/v1/sessions/{api.id}", headers=viewer).status_code == 403
    train = {"loss": "y", "optimizer": {"type": "sgd", "lr": 0.1}}
    streamed = {**viewer, "Accept": "text/event-stream"}
    assert client.post(f"/v1/sessions/{api.id}/train", json=train, headers=streamed).status_code == 403
    assert api.ok("GET", "/variables/x")["grad"] is None  # none of it changed anything
    assert api.ok("GET", "/variables/x")["data"] == [[1.0, 1.0], [1.0, 1.0]]


def test_viewer_tokens_are_listed_without_tokens_and_revoked_at_once(client):
    api, viewer, made = seeded(client)
    assert set(made) == {"id", "token", "expires_at"}
    listed = api.ok("GET", "/viewers")["viewers"]
    assert [v["id"] for v in listed] == [made["id"]] and "token" not in listed[0]
    assert client.get(f"/v1/sessions/{api.id}/variables/x", headers=viewer).status_code == 200
    api.ok("DELETE", f"/viewers/{made['id']}", 204)
    r = client.get(f"/v1/sessions/{api.id}/variables/x", headers=viewer)
    assert r.status_code == 404 and r.json()["type"] == "/problems/unknown-session"
    again = api.call("DELETE", f"/viewers/{made['id']}")
    assert again.status_code == 404 and again.json()["type"] == "/problems/unknown-viewer"
    assert api.ok("GET", "/viewers") == {"viewers": []}
    assert client.get(f"/v1/sessions/{api.id}", headers=api.auth).status_code == 200  # the owner's still opens it


@pytest.mark.parametrize("life", [0, -1, 7 * 24 * 3600 + 1])
def test_a_viewer_tokens_life_is_between_one_second_and_max_ttl(client, life):
    api = Api(client)
    r = api.call("POST", "/viewers", json={"expires_in_s": life})
    assert r.status_code == 422 and "expires_in_s must be between 1 and 604800" in r.json()["detail"], r.text


def test_a_viewers_key_is_its_own_never_its_owners(client):
    api, viewer, _ = seeded(client)
    key = {"Idempotency-Key": "k-1"}
    first = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    assert first.status_code == 200
    theirs = client.post(f"/v1/sessions/{api.id}/backward", json={"variable": "y"}, headers={**viewer, **key})
    assert theirs.status_code == 403 and "idempotent-replayed" not in theirs.headers  # not the owner's answer
    mine = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    assert mine.headers["idempotent-replayed"] == "true" and mine.json() == first.json()
    assert api.ok("GET", "/variables/x")["grad"] == [[1.0, 1.0], [1.0, 1.0]]


def test_an_expired_viewer_token_opens_nothing_and_a_viewer_keeps_no_session_alive(app_client):
    client = app_client(backend="inline")
    api, viewer, made = seeded(client)
    entry = entries(client)[api.id]
    used = entry.last_used
    assert client.get(f"/v1/sessions/{api.id}", headers=viewer).status_code == 200
    assert entry.last_used == used  # a viewer's read does not extend the owner's session
    entry.viewers[made["id"]].expires_at = time.time() - 1
    assert client.get(f"/v1/sessions/{api.id}", headers=viewer).status_code == 404


def test_viewer_tokens_and_the_event_number_outlive_a_restart(app_client, tmp_path):
    first = app_client(backend="inline", state_dir=str(tmp_path))
    api, viewer, _ = seeded(first)
    api.ok("POST", "/backward", json={"variable": "y"})
    seq = entries(first)[api.id].feed.seq
    assert seq == 3  # nobody watched: each change took one number (put, compute, backward)
    first.__exit__(None, None, None)
    second = app_client(backend="inline", state_dir=str(tmp_path))
    assert entries(second)[api.id].feed.seq == seq
    r = second.get(f"/v1/sessions/{api.id}/variables/x", headers=viewer)
    assert r.status_code == 200 and r.json()["grad"] == [[1.0, 1.0], [1.0, 1.0]]
    refused = second.post(f"/v1/sessions/{api.id}/zero_grad", json={}, headers=viewer)
    assert refused.status_code == 403


def test_an_expired_session_is_the_last_event_of_its_watchers(app_client):
    client = app_client(backend="inline")
    api = Api(client)
    host = client.app.state.relay.backend.hosts[api.id.partition(".")[0]]
    entry = entries(client)[api.id]
    pushed: list = []
    host.outbox.push = lambda session, events: pushed.append([(session, e.seq, e.type, e.data) for e in events])
    host.outbox.watched.add(api.id)
    entry.last_used, entry.unused_ttl = 0.0, None  # idle since 1970
    assert host.sweep() == 1
    entry.feed.settled()
    assert pushed == [[(api.id, 1, "end", b'{"reason":"expired"}')]]
    assert host.outbox.ended[api.id].type == "end" and api.id not in host.outbox.watched
