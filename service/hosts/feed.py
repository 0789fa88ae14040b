"""A session's events on its host: numbered, kept in a bounded backlog, pushed to the servers that watch.

The verbs note what they changed on their ``Context`` (``note``: a type and a function that makes the
data); ``Host._run`` numbers the notes, writes the session with its new number (the durable header's
``seq``) and only then publishes them. So an event says what was applied, and a restarted host goes on
from the number written: one is never given twice.

A session *records* once a server has watched it since its host started: its notes are made into
events then (a backward's gradient norms are work). Before that, a change takes one number and
empties the backlog, so that a watcher resuming from before it is told to ``reset``. Publishing is
appending to the backlog and, when some server watches the session, one ``push`` (a frame on the
``process`` backend); nothing waits for a watcher. A Ray actor cannot push: its servers ask
``events_after`` instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any, Protocol

import orjson

from service.hosts.calls import SessionEvent

Note = tuple[str, Callable[[], Any]]  # an event's type and the function that makes its data
END = "end"
ENDED_KEPT = 10_000  # the last events of sessions gone, for the servers that ask after them (Ray)


def event(seq: int, kind: str, data: Any) -> SessionEvent:
    return SessionEvent(seq, kind, orjson.dumps(data))


class Feed:
    """One session's sequence number and the backlog a watcher resumes from (``size`` events)."""

    def __init__(self, seq: int = 0, size: int = 1024) -> None:
        self.seq = seq
        self.backlog: deque[SessionEvent] = deque(maxlen=size)
        self.recording = False
        self.lock = threading.Lock()  # publishing (a call's thread) against ``after`` (a question's)

    def numbered(self, notes: list[Note]) -> tuple[list[SessionEvent], int]:
        """A change's events, numbered from the next, and the number to write with it; made only
        when the session records (else a change with events takes one number and has none)."""
        if not notes:
            return [], self.seq
        if not self.recording:
            return [], self.seq + 1
        events = [event(self.seq + i, kind, make()) for i, (kind, make) in enumerate(notes, 1)]
        return events, self.seq + len(events)

    def publish(self, events: list[SessionEvent], seq: int) -> None:
        """Keep a written change's events for resuming; a number with no event (an unrecorded change)
        leaves nothing to resume from before it."""
        with self.lock:
            if seq > self.seq + len(events):
                self.backlog.clear()
            self.backlog.extend(events)
            self.seq = seq

    def end(self, reason: str) -> SessionEvent:
        """The session's last event: it was deleted or it expired."""
        with self.lock:
            self.seq += 1
            last = event(self.seq, END, {"reason": reason})
            self.backlog.append(last)
        return last

    def after(self, seen: int) -> list[SessionEvent] | None:
        """The events after number ``seen``; None when the backlog no longer reaches back to it (or
        ``seen`` is a number this session never gave): the watcher must read the state again."""
        with self.lock:
            if seen == self.seq:
                return []
            if seen > self.seq or not self.backlog or self.backlog[0].seq > seen + 1:
                return None
            return [e for e in self.backlog if e.seq > seen]


class Outbox:
    """A host's side of watching: the sessions some server watches, how their events leave (``push``,
    set by the backend), and the last event of each session gone."""

    def __init__(self) -> None:
        self.watched: set[str] = set()
        self.push: Callable[[str, list[SessionEvent]], None] | None = None
        self.ended: OrderedDict[str, SessionEvent] = OrderedDict()

    def send(self, session_id: str, events: list[SessionEvent]) -> None:
        if events and session_id in self.watched and self.push is not None:
            self.push(session_id, events)

    def end(self, session_id: str, feed: Feed, reason: str) -> None:
        """A session is gone: its watchers get its ``end`` event."""
        self.ended[session_id] = last = feed.end(reason)
        while len(self.ended) > ENDED_KEPT:
            self.ended.popitem(last=False)
        self.send(session_id, [last])
        self.watched.discard(session_id)


class Holder(Protocol):
    """What the questions below need of a host (service/hosts/host.py)."""

    entries: dict[str, Any]
    outbox: Outbox


def events_after(host: Holder, seen: dict[str, int]) -> dict[str, list[SessionEvent] | None]:
    """For a server that cannot be pushed to (a Ray actor's): each session's events after the number
    it has seen, None where it must read the state again (``reset``). Asking makes a session record."""
    found: dict[str, list[SessionEvent] | None] = {}
    for session_id, n in seen.items():
        entry = host.entries.get(session_id)
        if entry is None:
            last = host.outbox.ended.get(session_id) or event(n + 1, END, {"reason": "deleted"})
            found[session_id] = [last] if last.seq > n else []
            continue
        entry.feed.recording = True
        found[session_id] = entry.feed.after(n)
    return found


def unwatch(host: Holder, session_id: str) -> None:
    """No watcher of the session is left on the server: its events are no longer pushed."""
    host.outbox.watched.discard(session_id)
