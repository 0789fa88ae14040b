"""Bringing a host's sessions back from the state folder when it starts.

One session at a time, each checked against what is left of the memory cap before it is read, so a
host holding many legal sessions comes back within its cap. A session that cannot come back is
quarantined; it never stops the others or the host from starting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import torch

from engine import EngineError, Limits
from service.durable.state import session_from_parts
from service.durable.store import StateStore
from service.hosts import memory
from service.hosts.entry import SEPARATOR, Entry, markers_of, moved, read_marker, write_marker

Quarantine = Callable[[str, str], None]


def restore_sessions(
    store: StateStore, name: str, device: torch.device, limits: Limits, quarantine: Quarantine, poisoned: dict[str, str]
) -> dict[str, Entry]:
    """The host's persisted sessions that have not expired, by id.

    A session that cannot come back (unreadable, damaged, inconsistent, too large for what is left
    of the memory cap, or one the server names as ``poisoned``: it ended its host twice) is
    quarantined with a log line. A marker file names the session being read, so one whose restore
    itself ends the host is quarantined by the next start instead of ending it again.
    """
    marker = store.root / f"restoring.{name}"
    if (crashed := read_marker(marker)) is not None:
        quarantine(crashed, "the host ended while restoring it")
    for session_id, reason in poisoned.items():
        if store.path(session_id).exists():
            quarantine(session_id, reason)
    now, entries = time.time(), {}
    for session_id in store.sessions(prefix=name + SEPARATOR):
        write_marker(marker, session_id)
        try:
            entry = restored(store, session_id, device, limits)
        except Exception as e:  # any reason at all: quarantine this one, restore the rest
            quarantine(session_id, e.detail if isinstance(e, EngineError) else repr(e))
            continue
        if entry.expires_at < now:
            store.delete(session_id)
            continue
        entries[session_id] = entry
    marker.unlink(missing_ok=True)
    return entries


def restored(store: StateStore, session_id: str, device: torch.device, limits: Limits) -> Entry:
    """One session read back from its files, on the host's device."""
    tensors, header = store.load(session_id, check=lambda n: memory.guard.require(2 * n, "restoring it"))
    session, extra = session_from_parts(tensors, header, limits)
    if session.device != device:
        session = moved(session, device)
    return Entry(
        session_id,
        session,
        bytes.fromhex(extra["token_hash"]),
        int(extra["ttl"]),
        float(extra["created_at"]),
        float(extra["last_used"]),
        markers=markers_of(extra),
    )
