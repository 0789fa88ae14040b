"""Which files are fsynced, and when: ``always`` before the write returns, ``os`` by a background
flusher about once a second (never on the request path). ``os.fsync`` is recorded, not replaced:
the path of each descriptor it is given is read from /proc/self/fd."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import torch

from service.durable.idempotency_records import Answer, Records
from service.durable.store import StateStore


@pytest.fixture
def fsynced(monkeypatch) -> list[Path]:
    paths: list[Path] = []
    real = os.fsync

    def recorded(fd: int) -> None:
        paths.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", recorded)
    return paths


def within(seconds: float, condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def two_saves(store: StateStore, fsynced: list[Path]) -> Path:
    """A base, then a change appended to the log; ``fsynced`` then holds only what the append did."""
    store.save("cpu0.s", {"leaf/x": torch.zeros(4)}, {"json": "{}"})
    fsynced.clear()
    store.save("cpu0.s", {"leaf/x": torch.ones(4)}, {"json": "{}"})
    log = store.log_path("cpu0.s")
    assert log.stat().st_size > 0
    return log


def test_always_fsyncs_the_log_before_save_returns(tmp_path, fsynced):
    store = StateStore(tmp_path, "always")
    log = two_saves(store, fsynced)
    assert log in fsynced and store.dir in fsynced  # the new log's entry in its folder too
    store.close()


def test_os_leaves_fsync_to_the_flusher_within_about_a_second(tmp_path, fsynced):
    store = StateStore(tmp_path, "os")
    log = two_saves(store, fsynced)
    assert fsynced == []  # nothing on the request path
    assert within(5.0, lambda: log in fsynced), fsynced
    store.close()


async def one_record(records: Records, key: str) -> None:
    claim = await records.claim("session-cpu0.s", key, "fp")
    await records.finish(claim, Answer(200, [(b"content-type", b"application/json")], b"{}"))


def test_idempotency_records_always_fsync_their_log_before_the_answer(tmp_path, fsynced):
    records = Records(86400, 10_000, 10_000, tmp_path, "always")
    asyncio.run(one_record(records, "k1"))
    assert tmp_path / "session-cpu0.s.log" in fsynced
    records.close()


def test_idempotency_records_in_os_mode_are_fsynced_by_the_flusher_not_on_the_request_path(tmp_path, fsynced):
    records = Records(86400, 10_000, 10_000, tmp_path, "os")
    log = tmp_path / "session-cpu0.s.log"

    async def calls() -> None:
        await one_record(records, "k1")
        claim = await records.claim("session-cpu0.s", "k2", "fp2")
        claim.applied = True
        records.abandon(claim)  # on the event loop: written, never fsynced there

    asyncio.run(calls())
    assert fsynced == [] and len(log.read_bytes().splitlines()) == 2
    assert within(5.0, lambda: log in fsynced), fsynced
    records.close()
