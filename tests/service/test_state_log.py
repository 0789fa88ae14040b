"""Incremental writes: a change appends what it changed to the session's log; reading merges base and log."""

from __future__ import annotations

import io

import numpy as np
import torch
from safetensors.torch import load

from engine import Limits
from service.durable.state import session_from_bytes
from service.durable.store import LENGTH, StateStore
from tests.service.conftest import Api


def put_npy(api: Api, name: str, values: np.ndarray) -> None:
    out = io.BytesIO()
    np.save(out, values)
    r = api.call("PUT", f"/variables/{name}", content=out.getvalue(), headers={"Content-Type": "application/x-npy"})
    assert r.status_code == 201, r.text


def durable(app_client, tmp_path) -> tuple[Api, StateStore]:
    return Api(app_client(state_dir=str(tmp_path))), StateStore(tmp_path)


def test_a_backward_appends_its_gradients_not_the_data_it_read(app_client, tmp_path):
    api, store = durable(app_client, tmp_path)
    put_npy(api, "data", np.full(200_000, 0.5, dtype=np.float32))  # 800 kB that no call changes
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = (data.sum() * w).sum()"})
    before = store.log_path(api.id).stat().st_size
    api.ok("POST", "/backward", json={"variable": "y", "grads": "none"})
    api.ok("POST", "/backward", json={"variable": "y", "grads": "none"})
    assert store.log_path(api.id).stat().st_size - before < 2 * 4096  # w's 8-byte gradient and the JSON, twice
    session, _ = session_from_bytes(store.read(api.id), Limits())  # what a host killed now would come back as
    assert session.leaves["w"].grad.tolist() == [200_000.0, 200_000.0]
    assert session.leaves["data"].shape == (200_000,)


def test_the_merged_files_equal_the_live_session_after_every_kind_of_change(app_client, tmp_path):
    api, store = durable(app_client, tmp_path)
    api.ok("PUT", "/variables/w", 201, json={"data": [[1.0, -2.0], [0.5, 3.0]], "requires_grad": True})
    api.ok("PUT", "/variables/b", 201, json={"data": [0.1, 0.2], "requires_grad": True})
    api.ok("PUT", "/variables/gone", 201, json={"data": [9.0]})
    api.ok("POST", "/compute", json={"expr": "h = w @ b; loss = (h * h).sum()", "retain_grad": ["h"]})
    adam = {"optimizer": {"type": "adam", "lr": 0.1}}
    for _ in range(3):
        api.ok("POST", "/backward", json={"variable": "loss"})
        api.ok("POST", "/step", json=adam)  # torch steps the leaves and Adam's moments in place
    api.ok("POST", "/train", json={"loss": "loss", **adam, "steps": 2})
    api.ok("POST", "/zero_grad", json={"variables": ["b"], "set_to_none": True})
    api.ok("DELETE", "/variables/gone", 204)
    assert store.log_path(api.id).exists()
    merged = load(store.read(api.id))
    live = load(api.call("GET", "/export").content)
    assert merged.keys() == live.keys() and "grad/b" not in merged and "leaf/gone" not in merged
    assert any(k.startswith("optim/") for k in merged)
    for k in live:
        assert torch.equal(merged[k], live[k]), k


def test_a_log_past_its_bound_is_folded_into_a_new_base(app_client, tmp_path):
    api, store = durable(app_client, tmp_path)
    put_npy(api, "data", np.ones(300_000, dtype=np.float32))  # a 1.2 MB record over a base of a few bytes
    assert store.log_path(api.id).stat().st_size > store.path(api.id).stat().st_size
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0], "requires_grad": True})
    assert not store.log_path(api.id).exists()
    assert store.path(api.id).stat().st_size > 1_200_000


def test_a_torn_last_record_is_skipped_and_the_session_comes_back_as_acknowledged(app_client, tmp_path):
    api, store = durable(app_client, tmp_path)
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = w.sum()", "backward": "y"})
    with open(store.log_path(api.id), "ab") as f:
        f.write(LENGTH.pack(1000) + b"half a record")  # a crash in the middle of an append
    session, _ = session_from_bytes(store.read(api.id), Limits())
    assert session.leaves["w"].grad.tolist() == [1.0, 1.0]


def test_a_clean_shutdown_leaves_one_file_per_session(app_client, tmp_path):
    api, store = durable(app_client, tmp_path)
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = w.sum()", "backward": "y"})
    assert store.log_path(api.id).exists()
    api.client.__exit__(None, None, None)
    assert not store.log_path(api.id).exists()
    session, _ = session_from_bytes(store.path(api.id).read_bytes(), Limits())
    assert session.leaves["w"].grad.tolist() == [1.0, 1.0]
