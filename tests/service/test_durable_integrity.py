"""Durable state never keeps a change it answered an error for, and a bad file never stops a restore."""

import contextlib
import json
import logging
import resource
from collections.abc import Callable

import pytest
import torch
from safetensors.torch import load, save

from service.durable.store import StateStore
from tests.service.conftest import Api

OCTETS = {"content-type": "application/octet-stream"}


def restarted(api: Api, app_client, tmp_path) -> Api:
    api.client.__exit__(None, None, None)
    api.client = app_client(state_dir=str(tmp_path))
    return api


def tampered(raw: bytes, change: Callable[[dict, dict], None]) -> bytes:
    """The same session file with its tensors and its JSON meta changed by ``change``."""
    tensors = load(raw)
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + n])["__metadata__"]
    extra = json.loads(header["ags"])
    change(tensors, extra["session"])
    return save(tensors, metadata={**header, "ags": json.dumps(extra)})


def adam_session(api: Api) -> None:
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, -2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = (w * w).sum()"})
    api.ok("POST", "/backward", json={"variable": "y"})
    api.ok("POST", "/step", json={"optimizer": {"type": "adam", "lr": 0.1}})


def test_a_large_constant_shared_by_25_outputs_is_written_once_and_comes_back(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path)))
    nodes = [{"id": "c", "op": "const", "attrs": {"value": [0.5] * 1_000_000}}]
    nodes += [{"id": f"o{i}", "op": "sum", "inputs": ["c"]} for i in range(25)]
    r = api.call("POST", "/compute", json={"graph": {"nodes": nodes, "outputs": [f"o{i}" for i in range(25)]}})
    assert r.status_code == 200, r.text
    store = StateStore(tmp_path)
    assert len(store.log_path(api.id).read_bytes()) < 9_000_000  # the change as written: one copy
    raw = store.read(api.id)
    assert int.from_bytes(raw[:8], "little") < 100_000  # the constant is a tensor, not JSON text
    assert len(raw) < 9_000_000  # one float64 copy of it, not 25
    api = restarted(api, app_client, tmp_path)
    assert api.ok("GET", "/variables/o24")["data"] == 500_000.0


@contextlib.contextmanager
def file_size_limit(n: int):
    """The kernel refuses to grow any file of this process past ``n`` bytes (EFBIG; Python ignores SIGXFSZ)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (n, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_a_change_that_cannot_be_written_is_undone_and_answered_503(app_client, tmp_path):
    api = Api(app_client(state_dir=str(tmp_path), backend="inline"))  # the file-size limit is this process's
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    with file_size_limit(100_000):
        big = api.call("PUT", "/variables/big", json={"init": "ones", "shape": [100_000]})
        backward = api.call("POST", "/backward", json={"variable": "y"})  # small: still written
    assert big.status_code == 503 and big.headers["content-type"] == "application/problem+json"
    assert "not applied" in big.json()["detail"] and big.headers["retry-after"] == "1"
    assert backward.status_code == 200
    assert api.call("GET", "/variables/big").status_code == 404
    assert not list((tmp_path / "sessions").glob(".*.tmp"))
    api = restarted(api, app_client, tmp_path)
    assert api.call("GET", "/variables/big").status_code == 404
    assert api.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]


def test_an_inconsistent_file_is_quarantined_and_the_others_come_back(app_client, tmp_path, caplog):
    client = app_client(state_dir=str(tmp_path), backend="inline")  # its log lines are this process's
    good, bad = Api(client), Api(client)
    for api in (good, bad):
        api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
        api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
        api.ok("POST", "/backward", json={"variable": "y"})
    client.__exit__(None, None, None)
    path = StateStore(tmp_path).path(bad.id)
    path.write_bytes(tampered(path.read_bytes(), lambda t, m: t.update({"grad/x": torch.ones(3)})))
    with caplog.at_level(logging.ERROR, logger="autograd.state"):
        good.client = bad.client = app_client(state_dir=str(tmp_path), backend="inline")
    assert good.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]
    assert bad.call("GET", "/variables/x").status_code == 404
    assert not path.exists() and len(list((tmp_path / "quarantine").glob(f"{bad.id}.*.safetensors"))) == 1
    logged = [r for r in caplog.records if r.getMessage() == "quarantined a session file"]
    assert len(logged) == 1 and "the gradient of 'x' is float32 [3]; its leaf is float32 [2]" in logged[0].error


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda t, m: t.update({"grad/w": torch.ones(3)}), "the gradient of 'w' is float32 [3]"),
        (lambda t, m: m.update({"requires_grad": []}), "a leaf without requires_grad"),
        (lambda t, m: m.update({"order": ["w", "gone"]}), "leaf 'gone'"),
        (lambda t, m: m["definitions"].update({"y": {"nodes": "x", "outputs": ["y"]}}), "definition of 'y'"),
        (lambda t, m: m["definitions"]["y"]["nodes"][0].update({"op": "system"}), "system"),
        (lambda t, m: t.update({k: torch.ones(3) for k in t if k.endswith("/exp_avg")}), "0.exp_avg is float32 [3]"),
        (lambda t, m: t.update({k: torch.ones(2, dtype=torch.int64) for k in t if k.endswith("/exp_avg")}), "int64"),
        (lambda t, m: m["optimizers"][0]["state"]["0"].pop("exp_avg"), "does not work with torch"),
        (lambda t, m: m["optimizers"][0]["state"]["0"].update({"step": "soon"}), "step is neither a number"),
        (lambda t, m: m["optimizers"][0]["state"].update({"7": {}}), "state entry '7' names no parameter"),
        (lambda t, m: m["optimizers"][0].update({"key": "{}"}), "optimizer"),
        (lambda t, m: m.update({"dtype": "int64"}), "default dtype"),
    ],
)
def test_import_refuses_an_inconsistent_file_with_a_422_naming_it(client, change, named):
    api = Api(client)
    adam_session(api)
    raw = tampered(api.call("GET", "/export").content, change)
    r = client.post("/v1/sessions/import", content=raw, headers=OCTETS)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    assert named in r.json()["detail"]


OPTIMIZERS = [
    {"type": "sgd", "lr": 0.1},
    {"type": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True},
    {"type": "adam", "lr": 0.1, "amsgrad": True},
    {"type": "adamw", "lr": 0.1},
    {"type": "rmsprop", "lr": 0.1, "centered": True, "momentum": 0.5},
    {"type": "adagrad", "lr": 0.1},
]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: "-".join(map(str, o.values())))
def test_an_imported_optimizer_state_steps_on_exactly_as_it_would_have(client, optimizer):
    api = Api(client)
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, -2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = (w * w).sum()"})
    api.ok("POST", "/backward", json={"variable": "y"})
    api.ok("POST", "/step", json={"optimizer": optimizer})
    made = client.post("/v1/sessions/import", content=api.call("GET", "/export").content, headers=OCTETS).json()
    copy = Api.__new__(Api)
    copy.client, copy.id, copy.auth = client, made["id"], {"Authorization": f"Bearer {made['token']}"}
    for s in (api, copy):
        s.ok("POST", "/step", json={"optimizer": optimizer})
    assert copy.ok("GET", "/variables/w")["data"] == api.ok("GET", "/variables/w")["data"]


def test_files_of_format_1_with_inline_constants_still_load(client):
    api = Api(client)
    api.ok(
        "POST",
        "/compute",
        json={"graph": {"nodes": [{"id": "c", "op": "const", "attrs": {"value": [1.5, 2.5]}}], "outputs": ["c"]}},
    )

    def to_format_1(t: dict, m: dict) -> None:
        m["format"] = 1
        ref = m["definitions"]["c"]["nodes"][0]["attrs"]["value"]["tensor"]
        m["definitions"]["c"]["nodes"][0]["attrs"]["value"] = t.pop(ref).tolist()

    raw = tampered(api.call("GET", "/export").content, to_format_1)
    made = client.post("/v1/sessions/import", content=raw, headers=OCTETS)
    assert made.status_code == 201, made.text
    got = client.get(
        f"/v1/sessions/{made.json()['id']}/variables/c", headers={"Authorization": f"Bearer {made.json()['token']}"}
    )
    assert got.json()["data"] == [1.5, 2.5]
