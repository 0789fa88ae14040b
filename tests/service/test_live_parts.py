"""The parts of live sessions on their own: a session's feed (numbers, backlog, reset), a watcher's bounded
queue (dropped past it), and the stream's comment line when nothing happens."""

from __future__ import annotations

import asyncio
import threading

import torch

from service.api import live
from service.core.watchers import DROPPED, QUIET, Watcher
from service.hosts.feed import Feed, Outbox, event
from service.wire import events


def notes(*kinds: str) -> list:
    return [(k, lambda k=k: {"kind": k}) for k in kinds]


def change(feed: Feed, *kinds: str) -> None:
    """A written change's events, made and kept as the host's outbox does."""
    feed.number(notes(*kinds))
    numbered, seq = feed.written()
    feed.keep([event(n, kind, make()) for n, kind, make in numbered], seq)


def test_a_recording_feed_numbers_each_event_and_resumes_from_its_backlog():
    feed = Feed(size=3)
    feed.recording = True
    for kind in ("leaf", "defined", "backward", "backward"):
        change(feed, kind)
    assert feed.settled() == 4 and [e.seq for e in feed.backlog] == [2, 3, 4]
    assert feed.after(4) == []
    assert [e.seq for e in feed.after(1) or []] == [2, 3, 4]
    assert feed.after(0) is None  # event 1 is gone from the backlog: reset
    assert feed.after(9) is None  # a number it never gave: reset
    feed.number([])
    assert feed.written() == ([], 4)  # a change with no event (a viewer token made) takes no number


def test_a_feed_that_does_not_record_takes_one_number_per_change_and_leaves_nothing_to_resume():
    feed = Feed(seq=7)
    feed.recording = True
    change(feed, "leaf")
    feed.recording = False
    change(feed, "backward", "defined")
    assert feed.seq == 9 and feed.after(8) is None and feed.after(9) == []  # unwatched: cannot be resumed


def test_the_numbers_of_changes_not_written_are_given_back():
    feed = Feed(seq=3)
    feed.recording = True
    feed.number(notes("leaf"))
    feed.number(notes("backward"))  # two held calls, numbered 4 and 5, written together
    assert [n for n, _, _ in feed.numbered] == [4, 5] and feed.next == 5
    feed.withdraw()  # their write failed: undone
    assert (feed.next, feed.seq, feed.numbered) == (3, 3, [])


def test_events_are_made_off_the_call_and_a_stream_opens_once_they_are():
    outbox, feed, made = Outbox(), Feed(seq=2), threading.Event()
    feed.recording = True
    outbox.watched.add("cpu0.s")
    pushed: list = []
    outbox.push = lambda session, events: pushed.append((session, [(e.seq, e.type) for e in events]))
    feed.number([("backward", lambda: made.wait(30) and {"grads": {}})])
    outbox.publish("cpu0.s", feed)  # the call has answered: its event is still being made
    assert (feed.seq, feed.made) == (3, 2)
    made.set()
    assert feed.settled() == 3
    outbox.end("cpu0.s", feed, "expired")
    assert feed.settled() == 4 and outbox.ended["cpu0.s"].data == b'{"reason":"expired"}'
    assert pushed == [("cpu0.s", [(3, "backward")]), ("cpu0.s", [(4, "end")])]
    assert "cpu0.s" not in outbox.watched


def test_a_watcher_past_its_limit_is_dropped_and_sends_end_last():
    async def scenario() -> list:
        w = Watcher("cpu0.s", limit=3)  # its first events count: a watcher a backlog behind is dropped
        w.opened(0, [event(0, "hello", {})])
        w.offer([event(1, "leaf", {}), event(2, "leaf", {})])
        assert not w.done and len(await w.next(1.0) or []) == 3
        w.offer([event(k, "leaf", {}) for k in range(3, 7)])
        assert w.dropped
        return [await w.next(1.0), await w.next(1.0)]

    assert asyncio.run(scenario()) == [[DROPPED], None]


def test_a_watcher_keeps_what_came_while_its_stream_opened_and_skips_what_it_has():
    async def scenario() -> list:
        w = Watcher("cpu0.s", limit=10)
        w.offer([event(4, "backward", {}), event(5, "backward", {})])  # pushed before its opening answered
        w.opened(4, [event(3, "backward", {}), event(4, "backward", {})])
        w.offer([event(5, "backward", {}), event(6, "backward", {})])  # 5 twice: once
        return [[e.seq for e in await w.next(1.0) or []], await w.next(0.01)]

    assert asyncio.run(scenario()) == [[3, 4, 5, 6], [QUIET]]


def test_a_quiet_stream_sends_a_comment_line(monkeypatch):
    asyncio.run(quiet(monkeypatch))


async def quiet(monkeypatch):
    monkeypatch.setattr(live, "KEEPALIVE_S", 0.01)
    w = Watcher("cpu0.s", limit=10)
    w.opened(0, [event(0, "hello", {"seq": 0})])
    sent: list[dict] = []
    ended = asyncio.Event()

    async def send(message: dict) -> None:
        sent.append(message)
        if len(sent) == 4:
            w.offer([event(1, "end", {"reason": "deleted"})])

    async def receive() -> dict:
        await ended.wait()
        return {"type": "http.disconnect"}

    await live.Stream(w, ended.set)({"type": "http"}, receive, send)
    bodies = [m.get("body", b"") for m in sent[1:]]
    assert bodies[0] == b'id: 0\nevent: hello\ndata: {"seq":0}\n\n'
    assert bodies[1:3] == [b": keep-alive\n\n"] * 2
    assert bodies[3:] == [b'id: 1\nevent: end\ndata: {"reason":"deleted"}\n\n', b""]
    assert ended.is_set()


def test_a_gradients_summary_spells_what_json_cannot_and_leaves_out_large_values():
    assert events.grad(torch.ones(2, 2)) == {"shape": [2, 2], "norm": 2.0, "data": [[1.0, 1.0], [1.0, 1.0]]}
    nan = events.grad(torch.tensor([float("nan"), 1.0]))
    assert nan == {"shape": [2], "norm": "NaN", "data": ["NaN", 1.0]}
    assert events.grad(torch.tensor([[1.0, float("-inf")]]))["norm"] == "Infinity"
    assert events.grad(torch.full((65,), 2.0)) == {"shape": [65], "norm": 2.0 * 65**0.5}  # no data past 64
