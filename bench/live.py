"""Live sessions: the owner's small-call latency with nobody watching, and with N watchers and a slow one.

One server (host processes, the default; ``AGS_EVENT_BACKLOG`` = ``--backlog``). The owner calls
``POST …/backward`` on ``y = sum((x_i * c_i).sum())`` over ``--leaves`` leaves of 64 elements, one call
at a time, ``--calls`` per round: a small call whose event is large (each leaf's 64 gradient values,
6 kB for 8 leaves), so that a client that does not read fills the socket buffers within a round.
Rounds alternate between a session nobody watches and one like it watched by ``--watchers`` event
streams that read as fast as events come and one stream whose client never reads (a small receive
buffer: once the socket buffers are full, the server drops it a backlog later). Medians of the
rounds' p50 and p99 are reported, and the ratio watched / unwatched; the target is about 1 (watching
costs the owner nothing measurable). Each round also counts the events the fast watchers missed
(none) and the slow watchers dropped (one a round).

    .venv/bin/python -m bench.live [--rounds 5] [--calls 1000] [--watchers 8] [--leaves 8] [--backlog 64]
"""

from __future__ import annotations

import contextlib
import multiprocessing
import socket
import statistics
import threading
import time
import urllib.request
from multiprocessing.connection import Connection

from bench.harness import Client, Server, machine, median, new_session, parser, service, serving, table

BODY = {"variable": "y", "grads": "none"}


class Watcher:
    """An events stream on a raw socket: read on a thread (``fast``), or never read (a small buffer)."""

    def __init__(self, host: str, port: int, base: str, token: str, fast: bool) -> None:
        self.sock = socket.socket()
        if not fast:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect((host, port))
        head = f"GET {base}/events HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n"
        self.sock.sendall(head.encode())
        self.read = bytearray()
        self.thread = threading.Thread(target=self._read, daemon=True) if fast else None
        if self.thread is not None:
            self.thread.start()

    def _read(self) -> None:
        try:
            while data := self.sock.recv(1 << 16):
                self.read += data
        except OSError:
            pass

    def count(self, kind: bytes) -> int:
        return bytes(self.read).count(b"event: " + kind)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        if self.thread is not None:
            self.thread.join(10)


def watching(host: str, port: int, base: str, token: str, n: int, calls: int, pipe: Connection) -> None:
    """In a process of its own (its threads must not slow the owner's loop): ``n`` fast watchers and a
    slow one; says when every fast one has its ``hello``, then how many of ``calls`` backwards each read."""
    watchers = [Watcher(host, port, base, token, fast=True) for _ in range(n)]
    slow = Watcher(host, port, base, token, fast=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(w.count(b"hello") for w in watchers):
        time.sleep(0.005)
    pipe.send("ready")
    pipe.recv()  # the owner's calls are done
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(w.count(b"backward") < calls for w in watchers):
        time.sleep(0.01)  # the last events are on their way
    pipe.send([w.count(b"backward") for w in watchers])
    for w in [*watchers, slow]:
        w.close()


def seeded(server: Server, leaves: int) -> tuple[Client, str, str]:
    c, base = new_session(server)
    for i in range(leaves):
        c.json("PUT", f"{base}/variables/x{i}", {"init": "rand", "shape": [64], "seed": i, "requires_grad": True})
        c.json("PUT", f"{base}/variables/c{i}", {"init": "randn", "shape": [64], "seed": 100 + i})
    c.json("POST", f"{base}/compute", {"expr": "y = " + " + ".join(f"(x{i} * c{i}).sum()" for i in range(leaves))})
    return c, base, c.headers["Authorization"].split()[1]


def calls(c: Client, base: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        c.json("POST", f"{base}/backward", BODY)
        out.append(time.perf_counter() - t0)
    return out


def dropped(server: Server) -> float:
    text = urllib.request.urlopen(f"{server.url}/metrics", timeout=30).read().decode()
    return float(next(line.split()[-1] for line in text.splitlines() if line.startswith("ags_watchers_dropped_total")))


def pct(xs: list[float], p: float) -> float:
    return statistics.quantiles(xs, n=100)[int(p) - 1]


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--watchers", type=int, default=8)
    p.add_argument("--backlog", type=int, default=64)
    p.add_argument("--leaves", type=int, default=8)
    args = p.parse_args()
    svc = service({"AGS_EVENT_BACKLOG": str(args.backlog), "AGS_KEEP_ALIVE_SECONDS": "600"})
    runs: dict[str, list[list[float]]] = {"unwatched": [], "watched": []}
    lost = 0
    with serving(svc):
        quiet, quiet_base, _ = seeded(svc, args.leaves)
        busy, busy_base, token = seeded(svc, args.leaves)
        calls(quiet, quiet_base, 50)  # warm-up, both sessions
        calls(busy, busy_base, 50)
        for _ in range(args.rounds):
            runs["unwatched"].append(calls(quiet, quiet_base, args.calls))
            ours, theirs = multiprocessing.Pipe()
            args_ = (svc.host, svc.port, busy_base, token, args.watchers, args.calls, theirs)
            child = multiprocessing.Process(target=watching, args=args_)
            child.start()
            assert ours.recv() == "ready"
            runs["watched"].append(calls(busy, busy_base, args.calls))
            ours.send("done")
            lost += sum(args.calls - n for n in ours.recv())
            child.join(30)
        slow_dropped = dropped(svc)
    med = {k: {m: median([pct(r, q) for r in v]) for m, q in (("p50", 50), ("p99", 99))} for k, v in runs.items()}
    print(machine())
    rows = [
        ["nobody watches", med["unwatched"]["p50"] * 1e3, med["unwatched"]["p99"] * 1e3, 1.0],
        [
            f"{args.watchers} watchers + 1 slow",
            med["watched"]["p50"] * 1e3,
            med["watched"]["p99"] * 1e3,
            med["watched"]["p50"] / med["unwatched"]["p50"],
        ],
    ]
    table(
        f"The owner's POST …/backward ({args.leaves} leaves of 64), {args.rounds} rounds x {args.calls} calls, medians",
        ["session", "p50 ms", "p99 ms", "p50 x unwatched"],
        rows,
    )
    ratio = med["watched"]["p50"] / med["unwatched"]["p50"]
    print(f"watched / unwatched p50: {ratio:.3f}; p99: {med['watched']['p99'] / med['unwatched']['p99']:.3f}")
    print(f"slow watchers dropped: {slow_dropped:g} of {args.rounds}; events a fast watcher missed: {lost}")


if __name__ == "__main__":
    main()
