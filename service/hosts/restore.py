"""What a host brings back from its state folder when it starts, and what it takes out of service.

A session comes back as of its last acknowledged change, one at a time; one that cannot (its files
damaged, too large for what is left of the memory cap, or named by the server as having ended its
host twice) is quarantined: its files moved aside with why, and its owner answered 410 from then on.
``Host`` (service/hosts/host.py) is a ``Restoring``.
"""

from __future__ import annotations

import hmac
import time

import torch

from engine import EngineError, Limits
from service.core.config import Settings
from service.core.problems import SessionQuarantined
from service.durable.state import session_from_parts
from service.durable.store import StateStore
from service.hosts import admission
from service.hosts.entry import SEPARATOR, Entry, moved, read_marker, token_hash_in, write_marker


class Restoring:
    """The restoring and quarantining half of a host."""

    name: str
    device: torch.device
    settings: Settings
    store: StateStore | None
    entries: dict[str, Entry]
    quarantined: list[str]

    def limits(self) -> Limits:
        s = self.settings
        return Limits(
            s.max_tensor_elements, s.max_session_bytes, s.max_graph_nodes, s.max_tensor_dims, s.max_session_variables
        )

    def restore(self, poisoned: dict[str, str] | None = None) -> int:
        """Bring back this host's persisted sessions that have not expired, one at a time; returns how many.

        A session that cannot come back (unreadable, damaged, inconsistent, too large for what is left
        of the memory cap, or one the server names as ``poisoned``: it ended its host twice) is
        quarantined with a log line; it never stops the others or the host from starting. A marker
        file names the session being read, so one whose restore itself ends the host is quarantined
        by the next start instead of ending it again.
        """
        if self.store is None:
            return 0
        marker = self.store.root / f"restoring.{self.name}"
        if (crashed := read_marker(marker)) is not None:
            self.quarantine(crashed, "the host ended while restoring it")
        for session_id, reason in (poisoned or {}).items():
            if self.store.path(session_id).exists():
                self.quarantine(session_id, reason)
        now = time.time()
        for session_id in self.store.sessions(prefix=self.name + SEPARATOR):
            write_marker(marker, session_id)
            try:
                entry = self._restored(session_id)
            except Exception as e:  # any reason at all: quarantine this one, restore the rest
                self.quarantine(session_id, e.detail if isinstance(e, EngineError) else repr(e))
                continue
            if entry.expires_at < now:
                self.store.delete(session_id)
                continue
            self.entries[session_id] = entry
        marker.unlink(missing_ok=True)
        return len(self.entries)

    def _restored(self, session_id: str) -> Entry:
        assert self.store is not None
        tensors, header = self.store.load(session_id, check=lambda n: admission.guard.require(2 * n, "restoring it"))
        session, extra = session_from_parts(tensors, header, self.limits())
        if session.device != self.device:
            session = moved(session, self.device)
        return Entry.restored(session_id, session, extra, self.settings.event_backlog)

    def quarantine(self, session_id: str, reason: str) -> None:
        """Take a session out of service, its files kept; calls on it are answered 410 from now on."""
        entry = self.entries.pop(session_id, None)
        self.quarantined.append(session_id)
        if self.store is not None:
            token = entry.token_hash.hex() if entry is not None else token_hash_in(self.store, session_id)
            self.store.quarantine(session_id, reason, token)

    def _quarantined(self, session_id: str, token_hash: bytes) -> None:
        """Refuse a quarantined session (410) to the holder of its token."""
        note = None if self.store is None else self.store.quarantined(session_id)
        if note is not None and hmac.compare_digest(note.get("token_hash", ""), token_hash.hex()):
            raise SessionQuarantined(
                f"session {session_id!r} was taken out of service: {note.get('reason', 'unknown')}. Its files are"
                " kept for the operator (the quarantine folder of the state folder); it will not be served again"
            )
