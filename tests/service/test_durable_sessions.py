"""Sessions on disk: restored with their tokens, exported and imported, dropped when they expire."""

import time

from service.durable.store import StateStore
from tests.service.conftest import Api


def seeded(api: Api) -> None:
    api.ok("PUT", "/variables/x", 201, json={"data": [[1, 1], [1, 1]], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum(); z = y * 2"})
    api.ok("POST", "/backward", json={"variable": "y"})


def test_a_restarted_server_restores_sessions_tokens_and_definitions(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    seeded(api)
    api.client.__exit__(None, None, None)
    api.client = app_client(state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/x")["grad"] == [[1.0, 1.0], [1.0, 1.0]]
    assert api.ok("GET", "/variables/z")["data"] == 8.0
    assert api.ok("POST", "/backward", json={"variable": "z"})["grads"]["x"] == [[3.0, 3.0], [3.0, 3.0]]
    assert api.call("GET", headers={"Authorization": "Bearer wrong"}).status_code == 404


def test_state_files_hold_no_token_and_deleting_a_session_removes_its_file(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    seeded(api)
    store = StateStore(tmp_path)
    assert api.token.encode() not in store.path(api.id).read_bytes()
    api.ok("DELETE", "", 204)
    assert not store.path(api.id).exists()


def test_reads_do_not_rewrite_the_file(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    seeded(api)
    store = StateStore(tmp_path)
    before = [p.stat().st_mtime_ns for p in (store.path(api.id), store.log_path(api.id))]
    api.ok("GET", "/variables/x")
    api.ok("POST", "/grad", json={"outputs": ["y"], "inputs": ["x"]})
    assert [p.stat().st_mtime_ns for p in (store.path(api.id), store.log_path(api.id))] == before


def test_expired_sessions_are_not_restored(app_client, tmp_path):
    client = app_client(state_dir=str(tmp_path))
    r = client.post("/v1/sessions", json={"ttl_seconds": 1}).json()
    client.__exit__(None, None, None)
    time.sleep(1.1)
    app_client(state_dir=str(tmp_path))
    assert not StateStore(tmp_path).path(r["id"]).exists()


def test_export_then_import_gives_an_equal_session_with_a_new_token(client):
    api = Api(client)
    seeded(api)
    raw = api.call("GET", "/export").content
    made = client.post("/v1/sessions/import", content=raw, headers={"content-type": "application/octet-stream"})
    assert made.status_code == 201 and made.json()["id"] != api.id and made.json()["token"] != api.token
    copy = Api.__new__(Api)
    copy.client, copy.id, copy.auth = client, made.json()["id"], {"Authorization": f"Bearer {made.json()['token']}"}
    assert copy.ok("GET", "/variables/x")["grad"] == [[1.0, 1.0], [1.0, 1.0]]
    assert copy.ok("GET", "/variables/z")["data"] == 8.0


def test_importing_garbage_is_a_422(client):
    r = client.post("/v1/sessions/import", content=b"not a file", headers={"content-type": "application/octet-stream"})
    assert r.status_code == 422 and "not a session file" in r.json()["detail"]


def test_optimizer_state_and_retained_grads_survive_a_restart(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, -2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "h = w * 3; y = (h * h).sum()", "retain_grad": ["h"]})
    adam = {"optimizer": {"type": "adam", "lr": 0.1}, "zero_grad": True}
    for _ in range(2):
        api.ok("POST", "/backward", json={"variable": "y"})
        api.ok("POST", "/step", json=adam)
    api.ok("POST", "/backward", json={"variable": "y"})
    h_grad = api.ok("GET", "/variables/h")["grad"]
    api.client.__exit__(None, None, None)
    api.client = app_client(state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/h")["grad"] == h_grad
    after_restart = api.ok("POST", "/step", json=adam)["variables"]["w"]["data"]

    reference = Api(app_client())  # the same history with no restart in between
    reference.ok("PUT", "/variables/w", 201, json={"data": [1.0, -2.0], "requires_grad": True})
    reference.ok("POST", "/compute", json={"expr": "h = w * 3; y = (h * h).sum()", "retain_grad": ["h"]})
    for _ in range(2):
        reference.ok("POST", "/backward", json={"variable": "y"})
        reference.ok("POST", "/step", json=adam)
    reference.ok("POST", "/backward", json={"variable": "y"})
    assert reference.ok("POST", "/step", json=adam)["variables"]["w"]["data"] == after_restart
