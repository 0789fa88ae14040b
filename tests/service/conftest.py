"""The ASGI app in-process, lifespan included, with settings a test can override."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from safetensors.torch import save as st_save

from service.app import create_app
from service.core.config import Settings
from service.durable.store import StateStore


class Api:
    """A TestClient plus one session and the calls the tests make on it."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        r = client.post("/v1/sessions", json={"device": "cpu"})
        assert r.status_code == 201, r.text
        self.id, self.token = r.json()["id"], r.json()["token"]
        self.auth = {"Authorization": f"Bearer {self.token}"}

    def call(self, method: str, path: str = "", headers: dict | None = None, **kw):
        headers = {**self.auth, **(headers or {})}
        return self.client.request(method, f"/v1/sessions/{self.id}{path}", headers=headers, **kw)

    def ok(self, method: str, path: str = "", status: int = 200, **kw):
        r = self.call(method, path, **kw)
        assert r.status_code == status, r.text
        return r.json() if r.content else None


@pytest.fixture
def app_client(tmp_path_factory) -> Callable[..., TestClient]:
    """Apps on a state folder of their own unless a test names one: every call's change is written
    durably, as on the default backend, so the durable writer meets every kind of tensor the tests make."""
    made: list[TestClient] = []

    def make(**settings) -> TestClient:
        if "state_dir" not in settings and settings.get("durability") != "off":
            settings["state_dir"] = str(tmp_path_factory.mktemp("state"))
        client = TestClient(create_app(Settings(**settings)))
        client.__enter__()
        made.append(client)
        return client

    yield make
    for c in made:
        c.__exit__(None, None, None)


@pytest.fixture
def client(app_client) -> TestClient:
    return app_client()


@pytest.fixture
def api(client) -> Iterator[Api]:
    yield Api(client)


def on_disk(store: StateStore, session_id: str) -> bytes:
    """A session as its files hold it (base and log merged), as one safetensors file."""
    tensors, header = store.load(session_id)
    return st_save(tensors, metadata=header)


def entries(client: TestClient) -> dict:
    """The sessions held by an app's inline hosts, by id."""
    return {k: e for h in client.app.state.relay.backend.hosts.values() for k, e in h.entries.items()}
