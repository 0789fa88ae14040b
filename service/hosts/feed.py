"""A session's events on its host: numbered, made, kept in a bounded backlog, pushed to the servers that watch.

The verbs note what they changed on their ``Context`` (``note``: a type and a function that makes the
data); ``Host._run`` numbers the notes, and once the session is written with its new number (the
durable header's ``seq``; a group commit writes several calls' changes at once) publishes them. So an
event says what was applied, and a restarted host goes on from the number written: one is never given
twice. A change that is not written gives its numbers back (``withdraw``).

Publishing is handing the notes to the host's ``Outbox``, whose own thread makes their data (a
backward's gradient norms and values are work), appends them to the session's backlog and, when some
server watches the session, pushes them (one frame on the ``process`` backend). The call that made
them has answered by then: nothing on its path waits for its events or for a watcher. A Ray actor
cannot push: its servers ask ``events_after`` instead.

A session *records* once a server has watched it since its host started. Before that its notes are
dropped: a change takes one number and empties the backlog, so that a watcher resuming from before it
is told to ``reset``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any, Protocol

import orjson

from service.hosts.calls import SessionEvent, SessionEventType

log = logging.getLogger("autograd.host")
Note = tuple[SessionEventType, Callable[[], Any]]  # an event's type and the function that makes its data
Numbered = tuple[int, SessionEventType, Callable[[], Any]]
END = SessionEventType.END
ENDED_KEPT = 10_000  # the last events of sessions gone, for the servers that ask after them (Ray)
SETTLE_S = 30.0  # the longest wait for a session's events to be made (``Feed.settled``)


def event(seq: int, kind: SessionEventType, data: Any) -> SessionEvent:
    return SessionEvent(seq, kind, orjson.dumps(data))


class Feed:
    """One session's numbers (``next``: the last taken; ``seq``: the last written; ``made``: the last whose
    event is in the backlog) and the backlog a watcher resumes from (``size`` events)."""

    def __init__(self, seq: int = 0, size: int = 1024) -> None:
        self.next = self.seq = self.made = seq
        self.numbered: list[Numbered] = []  # the notes of changes not written yet
        self.backlog: deque[SessionEvent] = deque(maxlen=size)
        self.recording = False
        self.changed = threading.Condition()  # its numbers, against the outbox's thread and the questions

    def number(self, notes: list[Note]) -> None:
        """Number a change's notes from the next free number; when the session does not record, a change
        with notes takes one number and keeps none."""
        if notes and not self.recording:
            self.next += 1
        elif notes:
            self.numbered += [(self.next + i, kind, make) for i, (kind, make) in enumerate(notes, 1)]
            self.next += len(notes)

    def written(self) -> tuple[list[Numbered], int]:
        """The changes numbered so far are written: their notes, and the number written with them."""
        numbered, self.numbered = self.numbered, []
        with self.changed:
            self.seq = self.next
        return numbered, self.seq

    def withdraw(self) -> None:
        """The changes numbered since the last write were undone: their numbers are free again."""
        self.numbered, self.next = [], self.seq

    def keep(self, events: list[SessionEvent], seq: int) -> None:
        """Made events, for resuming; a number with no event (an unrecorded change) leaves nothing to
        resume from before it."""
        with self.changed:
            if seq > self.made + len(events):
                self.backlog.clear()
            self.backlog.extend(events)
            self.made = seq
            self.changed.notify_all()

    def settled(self) -> int:
        """Wait until every event given is made; its number (a stream opens from there)."""
        with self.changed:
            self.changed.wait_for(lambda: self.made >= self.seq, SETTLE_S)
            return self.made

    def after(self, seen: int) -> list[SessionEvent] | None:
        """The events made after number ``seen``; None when the backlog no longer reaches back to it (or
        ``seen`` is a number this session never gave): the watcher must read the state again."""
        with self.changed:
            if seen == self.made:
                return []
            if seen > self.made or not self.backlog or self.backlog[0].seq > seen + 1:
                return None
            return [e for e in self.backlog if e.seq > seen]


class Outbox:
    """A host's side of watching: its thread that makes and keeps the sessions' events, the sessions some
    server watches, how their events leave (``push``, set by the backend), and the last event of each
    session gone."""

    def __init__(self) -> None:
        self.watched: set[str] = set()
        self.push: Callable[[str, list[SessionEvent]], None] | None = None
        self.ended: OrderedDict[str, SessionEvent] = OrderedDict()
        self.work: queue.SimpleQueue[tuple[str, Feed, list[Numbered], int]] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None

    def publish(self, session_id: str, feed: Feed) -> None:
        """A written change's events, to be made and sent on the outbox's thread, in order."""
        before = feed.seq
        numbered, seq = feed.written()
        if seq == before:
            return
        if not numbered:  # a session that does not record: nothing to make, and nothing of it is queued
            feed.keep([], seq)
            return
        self.work.put((session_id, feed, numbered, seq))
        if self.thread is None:
            self.thread = threading.Thread(target=self._make, name="ags-events", daemon=True)
            self.thread.start()

    def end(self, session_id: str, feed: Feed, reason: str) -> None:
        """A session is gone: its watchers get its ``end`` event, its last."""
        feed.numbered.append((feed.next + 1, END, lambda: {"reason": reason}))
        feed.next += 1
        self.publish(session_id, feed)

    def _make(self) -> None:
        while True:
            session_id, feed, numbered, seq = self.work.get()
            try:
                events = [event(n, kind, make()) for n, kind, make in numbered]
            except Exception:  # never seen; its watchers resume with reset rather than wait for it
                log.exception("could not make a session's events", extra={"session": session_id})
                events = []
            feed.keep(events, seq)
            if events and events[-1].type == END:
                self.ended[session_id] = events[-1]
                while len(self.ended) > ENDED_KEPT:
                    self.ended.popitem(last=False)
            if events and session_id in self.watched and self.push is not None:
                self.push(session_id, events)
            if events and events[-1].type == END:
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
