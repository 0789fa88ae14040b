"""The durable store survives its own crash: a log names its base, records carry checksums, a new base is
on disk before it replaces the old one (real files; os.fsync and os.replace watched where the order is
the point)."""

from __future__ import annotations

import json
import os

import pytest
import torch

from service.durable import log
from service.durable.log import Corrupt
from service.durable.store import StateStore
from tests.service.conftest import Api


def header(n: int) -> dict[str, str]:
    return {"ags": json.dumps({"n": n})}


def w(value: float) -> dict[str, torch.Tensor]:
    return {"leaf/w": torch.tensor([value])}


def test_a_log_left_by_a_crash_after_a_new_base_is_not_replayed_onto_it(tmp_path):
    store = StateStore(tmp_path)
    store.save("s", w(1.0), header(1))  # a base
    store.save("s", w(2.0), header(2))  # a record of it
    old_log = store.log_path("s").read_bytes()
    store.save("s", w(3.0), header(3), rebase=True)  # a new base; the crash comes before the unlink:
    store.log_path("s").write_bytes(old_log)
    tensors, meta = StateStore(tmp_path).load("s")
    assert tensors["leaf/w"].tolist() == [3.0] and json.loads(meta["ags"]) == {"n": 3}


def six_records(tmp_path) -> StateStore:
    store = StateStore(tmp_path)
    store.save("s", w(0.0), header(0))
    for k in range(1, 7):
        store.save("s", w(float(k)), header(k))
    return store


def record_starts(store: StateStore, session_id: str = "s") -> list[int]:
    raw, at, starts = store.log_path(session_id).read_bytes(), 0, []
    while at < len(raw):
        starts.append(at)
        _, length = log.RECORD.unpack_from(raw, at)
        at += log.RECORD.size + length + log.CRC.size
    return starts


def flip(store: StateStore, at: int, session_id: str = "s") -> None:
    raw = bytearray(store.log_path(session_id).read_bytes())
    raw[at] ^= 0xFF
    store.log_path(session_id).write_bytes(bytes(raw))


@pytest.mark.parametrize("where", ["its header", "its tensor data"])
def test_a_damaged_record_before_the_last_is_corruption_not_a_shorter_session(tmp_path, where):
    store = six_records(tmp_path)
    second, third = record_starts(store)[1:3]
    flip(store, second + log.RECORD.size + 40 if where == "its header" else third - log.CRC.size - 1)
    with pytest.raises(Corrupt, match=f"record at byte {second}"):
        StateStore(tmp_path).load("s")


def test_a_damaged_last_record_is_a_torn_append_and_the_five_before_it_stand(tmp_path):
    store = six_records(tmp_path)
    flip(store, record_starts(store)[-1] + log.RECORD.size + 40)
    tensors, meta = StateStore(tmp_path).load("s")
    assert tensors["leaf/w"].tolist() == [5.0] and json.loads(meta["ags"]) == {"n": 5}


def test_zeros_after_the_last_whole_record_are_an_append_that_never_reached_the_disk(tmp_path):
    store = six_records(tmp_path)
    with open(store.log_path("s"), "ab") as f:
        f.write(bytes(4096))
    assert StateStore(tmp_path).load("s")[0]["leaf/w"].tolist() == [6.0]


@pytest.mark.parametrize("durability", ["os", "always"])
def test_a_new_base_is_fsynced_before_it_replaces_the_old_and_the_folder_after(tmp_path, monkeypatch, durability):
    store = StateStore(tmp_path, durability)
    done: list[str] = []
    fsync, replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (done.append(f"fsync {os.readlink(f'/proc/self/fd/{fd}')}"), fsync(fd)))
    monkeypatch.setattr(os, "replace", lambda a, b: (done.append(f"replace {b}"), replace(a, b)))
    store.save("s", w(1.0), header(1))
    path, folder = store.path("s"), store.dir
    tmp = [d for d in done if d.startswith("fsync") and d.endswith(".tmp")]
    assert tmp and done.index(tmp[0]) < done.index(f"replace {path}") < done.index(f"fsync {folder}")


def test_a_session_whose_log_is_damaged_is_quarantined_and_its_owner_told(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.client.__exit__(None, None, None)  # a clean stop leaves one file: records are appended as a host would
    store = StateStore(tmp_path)
    tensors, meta = store.load(api.id)
    for k in range(6):
        store.save(api.id, {**tensors, "leaf/w": torch.tensor([1.0, 2.0 + k])}, meta)
    flip(store, record_starts(store, api.id)[1] + log.RECORD.size + 40, api.id)
    api.client = app_client(state_dir=str(tmp_path))
    refused = api.call("GET", "/variables/w")
    assert refused.status_code == 410 and "record at byte" in refused.json()["detail"]
    assert len(list((tmp_path / "quarantine").glob(f"{api.id}.*.log"))) == 1
