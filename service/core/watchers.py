"""The watchers of each session on this server, and how its events reach them.

A watcher is one open events stream (GET …/events, service/api/live.py): the events it has still to
send, in a queue of at most ``event_backlog``. A session's host publishes each change's events once
the change is written (service/hosts/feed.py); they reach this server pushed (the ``process`` and
``inline`` backends call ``deliver``) or asked for every ``POLL_S`` (a Ray actor cannot push:
``poll``). Delivering is appending to each watcher's queue, on the event loop, and nothing waits for
a watcher: one whose queue is full (its client reads slower than the session changes) is dropped,
its queue emptied and ``end`` (``dropped``) put in its place. When a session's host ends, its
watchers are closed without ``end``: their clients resume (Last-Event-ID) once it is back, and are
told to ``reset`` if what they missed is gone with it.

At most ``max_watchers_per_session`` watchers of one session are open on one server (429 past it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from service.core.config import Settings
from service.core.problems import TooManyWatchers
from service.hosts.calls import SessionEvent, SessionEventType
from service.hosts.entry import host_of
from service.hosts.feed import END, events_after
from service.hosts.seam import Backend, HostLost

log = logging.getLogger("autograd.watchers")
POLL_S = 0.25  # how often a server asks a Ray actor for the events of the sessions it watches
DROPPED = SessionEvent(-1, END, b'{"reason":"dropped"}')  # a watcher's own last event: no number
QUIET = SessionEvent(-1, SessionEventType.QUIET, b"")  # nothing came for a while: time for a comment line


class Watcher:
    """One events stream: the number of the last event it has, and the events it has still to send."""

    def __init__(self, session: str, limit: int) -> None:
        self.session, self.host_name, self.limit = session, host_of(session), limit
        self.seen: int | None = None  # None until its stream opens: what comes before is kept, sorted out then
        self.queue: deque[SessionEvent] = deque()
        self.wake = asyncio.Event()
        self.filling = asyncio.Event()  # half its room is used, or it is done: stop gathering (``settle``)
        self.done = False  # its last event is queued, or it is closed
        self.dropped = False

    def offer(self, events: list[SessionEvent]) -> None:
        """Queue the events it has not seen; past its limit it is dropped instead."""
        for e in events:
            if self.done:
                return
            if self.seen is not None and e.seq <= self.seen:
                continue
            if len(self.queue) >= self.limit:
                self.queue.clear()
                self.queue.append(DROPPED)
                self.done = self.dropped = True
            else:
                self.queue.append(e)
                self.seen = None if self.seen is None else e.seq
                self.done = e.type == END
        self.wake.set()
        if self.done or len(self.queue) >= self.limit // 2:
            self.filling.set()

    def opened(self, seen: int, first: list[SessionEvent]) -> None:
        """Its stream starts with ``first`` and goes on after event ``seen`` (unless it ended meanwhile)."""
        if self.done:
            return
        later = [e for e in self.queue if e.seq > seen]
        self.queue = deque([*first, *later])
        self.seen = later[-1].seq if later else seen
        self.done = any(e.type == END for e in self.queue)
        self.wake.set()

    def close(self) -> None:
        """End the stream without an ``end`` event (its client went away, or its host ended)."""
        self.queue.clear()
        self.done = True
        self.wake.set()
        self.filling.set()

    async def settle(self, linger_s: float) -> None:
        """Let events gather for up to ``linger_s``, so that one write carries them all rather than one
        write each (the event loop's work per event, shared with the owner's calls); less once half its
        room is used."""
        if self.done or len(self.queue) >= self.limit // 2:
            return
        self.filling.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(linger_s):
                await self.filling.wait()

    async def next(self, quiet_s: float) -> list[SessionEvent] | None:
        """The events to send now, all that are queued; ``[QUIET]`` after ``quiet_s`` without any; None
        once it is done."""
        while not self.queue:
            if self.done:
                return None
            self.wake.clear()
            try:
                await asyncio.wait_for(self.wake.wait(), quiet_s)
            except TimeoutError:
                return [QUIET]
        batch = list(self.queue)
        self.queue.clear()
        return batch


class Watchers:
    """Every watcher on this server, by session."""

    def __init__(self, settings: Settings, backend: Backend, on_drop: Callable[[], None] = lambda: None) -> None:
        self.settings = settings
        self.backend = backend
        self.on_drop = on_drop  # counts the watchers dropped (the metrics)
        self.sessions: dict[str, set[Watcher]] = {}
        self.polled: dict[str, int] = {}  # sessions asked for (Ray) and the number each is known up to
        self.poller: asyncio.Task[None] | None = None
        self.pushed = backend.listen(self.deliver, self.lost)  # else the hosts are asked (``poll``)

    def join(self, session: str) -> Watcher:
        watchers = self.sessions.setdefault(session, set())
        limit = self.settings.max_watchers_per_session
        if len(watchers) >= limit:
            raise TooManyWatchers(
                f"session {session!r} has {len(watchers)} event streams open on this server, its limit"
                " (max_watchers_per_session); close one, or retry later",
                headers={"Retry-After": "5"},
            )
        watcher = Watcher(session, self.settings.event_backlog)
        watchers.add(watcher)
        return watcher

    def opened(self, watcher: Watcher, seen: int, first: list[SessionEvent]) -> None:
        watcher.opened(seen, first)
        if not self.pushed and not watcher.done:
            self.polled.setdefault(watcher.session, seen)
            if self.poller is None:
                self.poller = asyncio.create_task(self.poll())

    def leave(self, watcher: Watcher) -> None:
        watcher.close()
        watchers = self.sessions.get(watcher.session)
        if watchers is not None:
            watchers.discard(watcher)
            if not watchers:
                del self.sessions[watcher.session]
                self.polled.pop(watcher.session, None)

    def count(self) -> int:
        return sum(len(w) for w in self.sessions.values())

    def deliver(self, session: str, events: list[SessionEvent]) -> bool:
        """A session's events for its watchers here; False when it has none (its host may stop pushing)."""
        watchers = self.sessions.get(session)
        if not watchers:
            return False
        for watcher in list(watchers):
            if not watcher.done:
                watcher.offer(events)
                if watcher.dropped:
                    self.on_drop()
        return True

    def lost(self, host_name: str) -> None:
        """A host ended: its sessions' streams close, and their clients resume once it is back."""
        for watchers in self.sessions.values():
            for watcher in watchers:
                if watcher.host_name == host_name:
                    watcher.close()

    async def poll(self) -> None:
        """Ask each host for the events of the sessions watched here, every ``POLL_S``, while any is."""
        try:
            while self.polled:
                await asyncio.sleep(POLL_S)
                asked: dict[str, dict[str, int]] = {}
                for session, seen in self.polled.items():
                    asked.setdefault(host_of(session), {})[session] = seen
                await asyncio.gather(*(self._ask(name, seen) for name, seen in asked.items()))
        finally:
            self.poller = None

    async def _ask(self, host_name: str, seen: dict[str, int]) -> None:
        try:
            found: dict[str, Any] = await self.backend.ask(host_name, events_after, seen)
        except HostLost:
            self.lost(host_name)
            return
        except Exception:  # a failed poll is tried again at the next
            log.exception("could not read a host's events")
            return
        for session, events in found.items():
            if session not in self.polled:
                continue
            if events is None:  # what was missed is gone: the streams close and their clients resume, reset
                for watcher in self.sessions.get(session, ()):
                    watcher.close()
            elif events:
                self.polled[session] = events[-1].seq
                self.deliver(session, events)

    def close_all(self) -> None:
        """The server is stopping: every stream closes, without ``end`` (its client resumes elsewhere)."""
        for watchers in self.sessions.values():
            for watcher in watchers:
                watcher.close()

    async def close(self) -> None:
        if self.poller is not None:
            self.poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.poller
