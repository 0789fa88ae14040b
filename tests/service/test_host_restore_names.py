"""A host restores only its own sessions: ``cpu1`` is a prefix of ``cpu10``, and a server with eleven
or more CPU hosts has both."""

from __future__ import annotations

import torch

from service.core.config import Settings
from service.durable.store import StateStore
from service.hosts.host import Host


def host(name: str, folder) -> Host:
    return Host(name, torch.device("cpu"), Settings(), StateStore(folder, "os"))


def test_cpu1_restores_its_own_sessions_and_not_cpu10s(tmp_path):
    made: dict[str, list[str]] = {}
    for name in ("cpu1", "cpu10"):
        writer = host(name, tmp_path)
        made[name] = sorted(writer.create("float32", None, None)[0].id for _ in range(2))
        writer.close()
    assert made["cpu10"][0].startswith("cpu10.") and made["cpu1"][0].startswith("cpu1.")
    for name in ("cpu1", "cpu10"):
        restored = host(name, tmp_path)
        assert restored.restore() == 2
        assert sorted(restored.entries) == made[name]
        restored.close()
    assert len(list((tmp_path / "sessions").glob("*.safetensors"))) == 4  # nobody's files were touched
