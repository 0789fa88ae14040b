"""The sweeper drops the idempotency records of sessions that are gone, and keeps those of live ones."""

import time
from pathlib import Path

from tests.service.conftest import Api
from tests.service.test_idempotency_callers import with_y

ONCE = {"Idempotency-Key": "1"}


def test_a_sweep_keeps_a_live_sessions_records_and_drops_a_deleted_ones(app_client):
    client = app_client(sweep_interval_seconds=0.1)
    folder = Path(client.app.state.settings.state_dir) / "idempotency"
    live, gone = Api(client), Api(client)
    for api in (live, gone):
        with_y(api)
        assert api.call("POST", "/backward", json={"variable": "y"}, headers=ONCE).status_code == 200
        assert (folder / f"session-{api.id}.log").exists()
    assert gone.call("DELETE").status_code == 204
    deadline = time.monotonic() + 30
    while (folder / f"session-{gone.id}.log").exists():  # that sweep went over the live session's records too
        assert time.monotonic() < deadline, "the deleted session's records were never swept"
        time.sleep(0.05)
    assert set(client.app.state.records.callers) == {f"session-{live.id}"}
    again = live.call("POST", "/backward", json={"variable": "y"}, headers=ONCE)
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert live.ok("GET", "/variables/x")["grad"] == [1.0, 1.0]  # applied once
    assert (folder / f"session-{live.id}.log").exists()
