"""Benchmark 13, streamed training and the event loop: ``/healthz`` while four clients train.

Four clients each run ``POST …/train`` on a small loss (many fast steps) with ``log_every=1``,
streamed (``Accept: text/event-stream``: a progress event per step) and, in the baseline phase of
the same run, unstreamed (one JSON answer). A fifth client polls ``/healthz`` without pause; its
latency is what every other caller of the server waits for while the loop relays the events.
Hosts send logged steps in batches (service/on_host/train.py, ``Batch``), so a stream costs the loop a
frame per batch, not per step.

    .venv/bin/python -m bench.stream_load [--rounds 3] [--steps 3000]
"""

from __future__ import annotations

import http.client
import json
import threading
import time

from bench.harness import machine, new_session, parser, service, serving, table


def trainer(port: int, base: str, token: str, steps: int, streamed: bool) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    if streamed:
        headers["accept"] = "text/event-stream"
    body = {"loss": "loss", "optimizer": {"type": "sgd", "lr": 1e-3}, "steps": steps, "log_every": 1}
    conn.request("POST", f"{base}/train", body=json.dumps(body), headers=headers)
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise RuntimeError(f"train: {r.status}")


def phase(svc: object, sessions: list[tuple[str, str]], steps: int, streamed: bool) -> list[float]:
    """/healthz latencies while the trainings run."""
    port = svc.port  # type: ignore[attr-defined]
    threads = [threading.Thread(target=trainer, args=(port, b, t, steps, streamed)) for b, t in sessions]
    for t in threads:
        t.start()
    waits, probe = [], http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while any(t.is_alive() for t in threads):
        start = time.perf_counter()
        probe.request("GET", "/healthz")
        probe.getresponse().read()
        waits.append(time.perf_counter() - start)
    for t in threads:
        t.join()
    return waits


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] * 1e3


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--steps", type=int, default=3000, help="training steps per client and phase")
    args = p.parse_args()
    svc = service()
    runs: dict[bool, list[float]] = {False: [], True: []}
    with serving(svc):
        sessions = []
        for _ in range(4):
            c, base = new_session(svc, args.device)
            c.json("PUT", f"{base}/variables/w", {"data": [1.0, 2.0, 3.0], "requires_grad": True})
            c.json("POST", f"{base}/compute", {"expr": "loss = (w * w).sum()"})
            sessions.append((base, c.headers["Authorization"].split()[1]))
        for _ in range(args.rounds):
            for streamed in (False, True):
                runs[streamed] += phase(svc, sessions, args.steps, streamed)
    print(machine())
    rows = [
        [label, len(runs[k]), pct(runs[k], 0.5), pct(runs[k], 0.99), max(runs[k]) * 1e3]
        for k, label in ((False, "4 trainings, JSON answers"), (True, "4 trainings, streamed, log_every=1"))
    ]
    table(
        f"/healthz during 4 concurrent trainings of {args.steps} steps, {args.rounds} rounds",
        ["phase", "probes", "p50 ms", "p99 ms", "max ms"],
        rows,
    )


if __name__ == "__main__":
    main()
