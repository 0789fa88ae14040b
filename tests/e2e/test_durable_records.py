"""Idempotency records are durable state: a real server, restarted, replays or refuses, never re-applies."""

import json
import shutil

import httpx
import torch
from safetensors.torch import load, save

from tests.conftest import LiveServer

KEYS = {"AGS_API_KEYS": "tenant"}


def start(tmp_path) -> LiveServer:
    return LiveServer({"AGS_STATE_DIR": str(tmp_path), **KEYS}).start()


def session(c: httpx.Client) -> tuple[str, dict[str, str]]:
    r = c.post("/v1/sessions", json={"device": "cpu"}, headers={"X-API-Key": "tenant", "Idempotency-Key": "make"})
    assert r.status_code == 201, r.text
    s = r.json()
    auth = {"Authorization": f"Bearer {s['token']}"}
    base = f"/v1/sessions/{s['id']}"
    c.put(f"{base}/variables/x", json={"data": [1.0, 2.0], "requires_grad": True}, headers=auth)
    c.post(f"{base}/compute", json={"expr": "y = x.sum()"}, headers=auth)
    return base, auth


def test_records_survive_a_restart(tmp_path):
    server = start(tmp_path)
    with httpx.Client(base_url=server.url, timeout=10) as c:
        base, auth = session(c)
        first = c.post(f"{base}/backward", json={"variable": "y"}, headers={**auth, "Idempotency-Key": "b1"})
        made = c.post(
            "/v1/sessions", json={"device": "cpu"}, headers={"X-API-Key": "tenant", "Idempotency-Key": "make"}
        )
    server.stop()
    server = start(tmp_path)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as c:
            again = c.post(f"{base}/backward", json={"variable": "y"}, headers={**auth, "Idempotency-Key": "b1"})
            assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
            assert again.content == first.content
            assert c.get(f"{base}/variables/x", headers=auth).json()["grad"] == [1.0, 1.0]
            remade = c.post(
                "/v1/sessions", json={"device": "cpu"}, headers={"X-API-Key": "tenant", "Idempotency-Key": "make"}
            )
            assert remade.json() == made.json() and remade.headers["idempotent-replayed"] == "true"
    finally:
        server.stop()


def test_an_applied_call_whose_answer_record_was_lost_is_a_409_after_a_restart(tmp_path):
    server = start(tmp_path)
    with httpx.Client(base_url=server.url, timeout=10) as c:
        base, auth = session(c)
        c.post(f"{base}/backward", json={"variable": "y"}, headers={**auth, "Idempotency-Key": "b1"})
    server.stop()
    shutil.rmtree(tmp_path / "idempotency")  # as if the server died between the change and its answer's record
    server = start(tmp_path)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as c:
            again = c.post(f"{base}/backward", json={"variable": "y"}, headers={**auth, "Idempotency-Key": "b1"})
            assert again.status_code == 409 and "applied once" in again.json()["detail"]
            assert c.get(f"{base}/variables/x", headers=auth).json()["grad"] == [1.0, 1.0]
            retry = c.post(
                "/v1/sessions", json={"device": "cpu"}, headers={"X-API-Key": "tenant", "Idempotency-Key": "make"}
            )
            assert retry.status_code == 409  # the session it made says so in its own file
    finally:
        server.stop()


def test_a_server_starts_past_an_inconsistent_state_file_and_quarantines_it(tmp_path):
    server = start(tmp_path)
    with httpx.Client(base_url=server.url, timeout=10) as c:
        good = session(c)
        c.post(f"{good[0]}/backward", json={"variable": "y"}, headers=good[1])
        bad = c.post("/v1/sessions", json={}, headers={"X-API-Key": "tenant"}).json()
        auth = {"Authorization": f"Bearer {bad['token']}"}
        c.put(f"/v1/sessions/{bad['id']}/variables/x", json={"data": [1.0], "requires_grad": True}, headers=auth)
        c.post(f"/v1/sessions/{bad['id']}/compute", json={"expr": "y = x * 2", "backward": "y"}, headers=auth)
    server.stop()
    path = tmp_path / "sessions" / f"{bad['id']}.safetensors"
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    tensors = load(raw)
    tensors["grad/x"] = torch.ones(2, 2)
    path.write_bytes(save(tensors, metadata=json.loads(raw[8 : 8 + n])["__metadata__"]))
    server = start(tmp_path)
    try:
        with httpx.Client(base_url=server.url, timeout=10) as c:
            assert c.get(f"{good[0]}/variables/x", headers=good[1]).json()["grad"] == [1.0, 1.0]
            refused = c.get(f"/v1/sessions/{bad['id']}", headers=auth)
            assert refused.status_code == 410 and "gradient of 'x'" in refused.json()["detail"]
        kept = sorted(p.name.removeprefix(bad["id"]).split(".")[-1] for p in (tmp_path / "quarantine").iterdir())
        assert kept == ["json", "safetensors"]
    finally:
        server.stop()
