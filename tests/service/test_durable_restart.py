"""What a durable server acknowledged is what a restarted one holds, under the limits it is configured with.

Each test runs the app (lifespan included) on a real state dir, stops it, and starts a new
app on the same folder: the second app knows only what the first wrote to disk.
"""

import json
import time

from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from tests.service.conftest import Api, entries


def restarted(app_client, api: Api, **settings) -> Api:
    api.client.__exit__(None, None, None)
    api.client = app_client(**settings)
    return api


def with_a_grad(app_client, tmp_path, **settings) -> Api:
    api = Api(app_client(state_dir=str(tmp_path), **settings))
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = (x * x).sum()"})
    api.ok("POST", "/backward", json={"variable": "y"})
    return api


def test_zero_grad_survives_a_restart(app_client, tmp_path):
    api = with_a_grad(app_client, tmp_path)
    assert api.ok("POST", "/zero_grad", json={}) == {"zeroed": ["x"]}
    api = restarted(app_client, api, state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/x")["grad"] == [0.0, 0.0]


def test_a_broadcast_gradient_is_written_and_survives_a_restart(app_client, tmp_path):
    """x.sum()'s gradient for a one-element x is a stride-0 expanded tensor, which torch calls
    contiguous: the durable writer must still take its bytes (it once failed with a 503)."""
    api = Api(app_client(state_dir=str(tmp_path)))
    api.ok("PUT", "/variables/x", 201, json={"data": [3.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    assert api.ok("POST", "/backward", json={"variable": "y"}) == {"grads": {"x": [1.0]}}
    api = restarted(app_client, api, state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/x")["grad"] == [1.0]


def test_zero_grad_set_to_none_survives_a_restart(app_client, tmp_path):
    api = with_a_grad(app_client, tmp_path)
    api.ok("POST", "/zero_grad", json={"variables": ["x"], "set_to_none": True})
    api = restarted(app_client, api, state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/x")["grad"] is None
    assert api.ok("POST", "/backward", json={"variable": "y"})["grads"]["x"] == [2.0, 4.0]


def test_a_restored_session_keeps_the_configured_tensor_and_session_limits(app_client, tmp_path):
    limits = {"max_tensor_elements": 4, "max_session_bytes": 64}
    api = with_a_grad(app_client, tmp_path, **limits)  # x and its grad: 16 of the 64 bytes
    api = restarted(app_client, api, state_dir=str(tmp_path), **limits)

    r = api.call("PUT", "/variables/big", json={"data": [0.0] * 5})
    assert r.status_code == 413 and "limit of 4 elements per tensor" in r.json()["detail"]
    api.ok("PUT", "/variables/a", 201, json={"data": [0.0] * 4})  # 16 more: 32 of 64
    api.ok("PUT", "/variables/b", 201, json={"data": [0.0] * 4})  # 48 of 64
    r = api.call("PUT", "/variables/c", json={"data": [0.0] * 4})  # 64 of 64: at the limit
    assert r.status_code == 201, r.text
    r = api.call("PUT", "/variables/d", json={"data": [0.0]})
    assert r.status_code == 413 and "64 bytes per session" in r.json()["detail"]
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["x", "a", "b", "c", "y"]


def test_a_restored_session_keeps_its_times_and_persists_its_next_change(app_client, tmp_path):
    api = with_a_grad(app_client, tmp_path)
    created = api.ok("GET")["created_at"]
    api = restarted(app_client, api, state_dir=str(tmp_path))
    assert api.ok("GET")["created_at"] == created
    api.ok("POST", "/backward", json={"variable": "y"})
    api = restarted(app_client, api, state_dir=str(tmp_path))
    assert api.ok("GET", "/variables/x")["grad"] == [4.0, 8.0]


def test_an_unreadable_or_expired_file_does_not_stop_the_others_coming_back(app_client, tmp_path):
    api = with_a_grad(app_client, tmp_path, backend="inline")  # reads the in-process hosts
    expired = api.client.post("/v1/sessions", json={"ttl_seconds": 1}).json()
    api.client.__exit__(None, None, None)
    sessions = tmp_path / "sessions"
    (sessions / f"{expired['id']}.safetensors").rename(sessions / "cpu0.0-expired.safetensors")  # sorts first
    (sessions / "cpu0.0-garbage.safetensors").write_bytes(b"not a session file")
    time.sleep(1.1)
    api.client = app_client(state_dir=str(tmp_path), backend="inline")
    assert api.ok("GET", "/variables/x")["grad"] == [2.0, 4.0]
    assert set(entries(api.client)) == {api.id}
    assert not (sessions / "cpu0.0-expired.safetensors").exists()


def two_optimizers(api: Api, restart) -> dict:
    """Two SGDs with momentum, on w alone and on w and b, two steps each, a restart, one more step each.

    Both keep a momentum buffer for their first parameter, so their saved state must not collide.
    """
    api.ok("PUT", "/variables/w", 201, json={"data": [1.0, -2.0], "requires_grad": True})
    api.ok("PUT", "/variables/b", 201, json={"data": [0.5], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "h = w * b; y = (h * h).sum()", "retain_grad": ["h"]})
    alone = {"optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.5}, "variables": ["w"]}
    sgd = {"optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9}, "variables": ["w", "b"], "zero_grad": True}
    for _ in range(2):
        api.ok("POST", "/backward", json={"variable": "y"})
        api.ok("POST", "/step", json=alone)
        api.ok("POST", "/step", json=sgd)
    api.ok("POST", "/zero_grad", json={"set_to_none": True})
    api = restart(api)
    assert api.ok("GET", "/variables/h")["grad"] is None
    api.ok("POST", "/backward", json={"variable": "y"})
    api.ok("POST", "/step", json=alone)
    after = api.ok("POST", "/step", json=sgd)["variables"]
    return {name: after[name]["data"] for name in ("w", "b")}


def test_two_optimizers_over_different_leaves_resume_after_a_restart(app_client, tmp_path):
    restored = two_optimizers(
        Api(app_client(state_dir=str(tmp_path))), lambda api: restarted(app_client, api, state_dir=str(tmp_path))
    )
    assert restored == two_optimizers(Api(app_client()), lambda api: api)  # the same history, no restart


def test_a_state_dir_that_does_not_exist_yet_is_made_with_its_parents(app_client, tmp_path):
    root = tmp_path / "not" / "yet"
    api = Api(app_client(state_dir=str(root)))
    assert (root / "sessions" / f"{api.id}.safetensors").is_file()


def test_temporary_files_of_an_interrupted_write_are_removed_on_start(app_client, tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / ".cpu0.abc.0123abcd.tmp").write_bytes(b"half a file")
    app_client(state_dir=str(tmp_path))
    assert list(sessions.iterdir()) == []


def test_a_session_file_of_another_format_is_refused_by_name(api: Api):
    raw = api.call("GET", "/export").content
    header = json.loads(metadata_of(raw)["ags"])
    header["session"]["format"] = 99
    forged = st_save(st_load(raw), metadata={**metadata_of(raw), "ags": json.dumps(header)})
    r = api.client.post("/v1/sessions/import", content=forged, headers={"content-type": "application/octet-stream"})
    assert (r.status_code, r.json()["detail"]) == (
        422,
        "not a valid session file: unsupported snapshot format 99; expected one of (1, 2)",
    )


def metadata_of(raw: bytes) -> dict[str, str]:
    n = int.from_bytes(raw[:8], "little")
    return json.loads(raw[8 : 8 + n])["__metadata__"]


def test_every_kind_of_change_twice_in_a_row_survives_a_restart(app_client, tmp_path):
    """Each kind of change is the last before a restart: a later change would persist a missed one too."""
    api = Api(app_client(state_dir=str(tmp_path)))
    steps = [
        [("PUT", f"/variables/{n}", {"data": [1.0, 2.0], "requires_grad": True}) for n in "abx"],
        [("POST", "/compute", {"expr": "c = (a * x).sum()"}), ("POST", "/compute", {"expr": "d = (b * x).sum()"})],
        [("POST", "/backward", {"variable": "c"}), ("POST", "/backward", {"variable": "d"})],
        [("POST", "/zero_grad", {"variables": ["a"]}), ("POST", "/zero_grad", {"variables": ["b"]})],
        [("POST", "/compute", {"expr": "e = a.sum()", "backward": "e"}), ("POST", "/compute", {"expr": "f = b.sum()"})],
        [("DELETE", "/variables/e", None), ("DELETE", "/variables/f", None)],
    ]
    for step in steps:
        for method, path, body in step:
            assert api.call(method, path, json=body).status_code in (200, 201, 204)
        names = [v["name"] for v in api.ok("GET", "/variables")["variables"]]
        before = values(api, names)
        api = restarted(app_client, api, state_dir=str(tmp_path))
        assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == names, step
        assert values(api, names) == before, step
    assert before == {
        "a": ([1.0, 2.0], [1.0, 1.0]),
        "b": ([1.0, 2.0], [0.0, 0.0]),
        "x": ([1.0, 2.0], [2.0, 4.0]),
        "c": (5.0, None),
        "d": (5.0, None),
    }


def values(api: Api, names) -> dict:
    return {n: (v["data"], v["grad"]) for n, v in ((n, api.ok("GET", f"/variables/{n}")) for n in names)}
