"""Group commit on a host: small calls that came together are written once, and answered only after
(a real Host and state folder, in-process; the reader's side is driven over real HTTP elsewhere)."""

from __future__ import annotations

import hashlib
import threading

import torch

from service.core.config import Settings
from service.durable import log
from service.durable.store import StateStore
from service.hosts.calls import Call
from service.hosts.entry import Job
from service.hosts.host import Host
from service.on_host import autograd, variables
from service.wire.schemas import Backward, Compute, PutVariable
from tests.service.test_durable_integrity import file_size_limit


def a_host(tmp_path) -> tuple[Host, str, bytes]:
    host = Host("cpu0", torch.device("cpu"), Settings(), StateStore(tmp_path, "os"))
    entry, token = host.create("float32", None, None)
    digest = hashlib.sha256(token.encode()).digest()
    for fn, args in [
        (variables.put, ("w", PutVariable.model_validate({"data": [1.0, 2.0], "requires_grad": True}), "list")),
        (autograd.compute, (Compute.model_validate({"expr": "y = w.sum()"}), "list")),
    ]:
        assert host.run(Call(0, fn, args, entry.id, digest), Job()).answer.status in (200, 201)
    return host, entry.id, digest


def records(store: StateStore, session_id: str) -> int:
    raw, at, n = store.log_path(session_id).read_bytes(), 0, 0
    while at < len(raw):
        _, length = log.RECORD.unpack_from(raw, at)
        at, n = at + log.RECORD.size + length + log.CRC.size, n + 1
    return n


def backward(host: Host, session_id: str, digest: bytes, call_id: int):
    return host.run(
        Call(call_id, autograd.backward, (Backward(variable="y"), "list"), session_id, digest), Job(), hold=True
    )


def test_held_calls_are_written_once_and_their_session_stays_locked_until_then(tmp_path):
    host, sid, digest = a_host(tmp_path)
    before = records(host.store, sid)
    replies = [backward(host, sid, digest, k) for k in range(1, 4)]
    assert all(r.applied for r in replies) and records(host.store, sid) == before  # nothing written yet
    other = threading.Thread(target=lambda: host.entries[sid].lock.acquire() and host.entries[sid].lock.release())
    other.start()
    other.join(0.2)
    assert other.is_alive()  # another thread (the runner) waits for the write
    assert host.commit() == {}
    other.join(5)
    assert not other.is_alive() and records(host.store, sid) == before + 1
    restored = Host("cpu0", torch.device("cpu"), Settings(), StateStore(tmp_path, "os"))
    restored.restore()
    assert restored.entries[sid].session.leaves["w"].grad.tolist() == [3.0, 3.0]


def test_a_held_change_that_cannot_be_written_is_undone_and_its_calls_answered_with_the_problem(tmp_path):
    host, sid, digest = a_host(tmp_path)
    backward(host, sid, digest, 1)
    put = PutVariable.model_validate({"init": "ones", "shape": [100_000]})
    host.run(Call(2, variables.put, ("big", put, "list"), sid, digest), Job(), hold=True)
    with file_size_limit(100_000):
        failed = host.commit()
    assert failed[sid].status == 503 and b"not applied" in failed[sid].body
    session = host.entries[sid].session
    assert session.leaves["w"].grad is None and "big" not in session.leaves  # both held calls undone
    assert backward(host, sid, digest, 3).applied and host.commit() == {}  # and the session serves on
