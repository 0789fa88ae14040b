"""The start of a session's events stream, as its host runs it: in the session's queue and under
its lock like any call, so no change falls between the state the stream starts from and the events
after it (service/api/live.py serves the stream)."""

from __future__ import annotations

import engine
from service.hosts.calls import SessionEvent, SessionEventType
from service.hosts.feed import event
from service.hosts.host import Context
from service.on_host.sessions import listed


def open_stream(ctx: Context, after: int | None) -> tuple[int, list[SessionEvent]]:
    """From now on the session records and its events are pushed to this server; the stream's first
    events, and the number of the last event they reach."""
    assert ctx.entry is not None
    feed = ctx.entry.feed
    feed.recording = True
    ctx.host.outbox.watched.add(ctx.entry.id)
    seq = feed.settled()  # the session's lock is held: no change is numbered meanwhile
    if after is not None:
        missed = feed.after(after)
        return seq, missed if missed is not None else [event(seq, SessionEventType.RESET, {"seq": seq})]
    variables = [listed(v) for v in engine.list_variables(ctx.session)]
    return seq, [event(seq, SessionEventType.HELLO, {"seq": seq, "variables": variables})]
