"""How long /healthz waits while another client puts and gets large JSON tensors.

The server's event loop should only move bytes. A second process puts a tensor of ``--elements``
float32 numbers as a nested JSON list and gets it back, three times; meanwhile this process probes
``/healthz`` every 2 ms and keeps each answer's time. Two servers in the same run: the default (a
large body validated on its session's host) and, as the baseline, one that validates every body on
the event loop (``AGS_PARSE_ON_HOST_BYTES`` past any body). Each also probed idle, as the floor.

Run: ``python -m bench.loop_stall [--elements 3000000] [--rounds 3]``.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from bench.harness import Client, Server, machine, median, new_session, parser, serving, table

ON_THE_LOOP = {"AGS_PARSE_ON_HOST_BYTES": str(1 << 50)}


def load(url: str, base: str, token: str, elements: int) -> None:
    """The other client (its own process, so its work does not slow the probe's)."""
    import httpx
    import orjson
    import torch

    body = orjson.dumps({"data": torch.rand(elements).tolist()})
    headers = {"Authorization": f"Bearer {token}", "content-type": "application/json"}
    with httpx.Client(base_url=url, headers=headers, timeout=300) as c:
        for _ in range(3):
            assert c.put(f"{base}/variables/x", content=body).status_code in (200, 201)
            assert len(c.get(f"{base}/variables/x").content) > len(body) // 2


def probe(server: Server, busy: subprocess.Popen[bytes] | None, seconds: float = 2.0) -> list[float]:
    """Seconds per /healthz until ``busy`` ends (or for ``seconds`` when idle)."""
    c, waits = Client(server), []
    until = time.monotonic() + seconds
    while (busy.poll() is None) if busy is not None else time.monotonic() < until:
        began = time.perf_counter()
        c.call("GET", "/healthz")
        waits.append(time.perf_counter() - began)
        time.sleep(0.002)
    c.close()
    return sorted(waits)


def loaded(server: Server, elements: int) -> list[float]:
    c, base = new_session(server)
    token = c.headers["Authorization"].split()[1]
    code = f"from bench.loop_stall import load; load({server.url!r}, {base!r}, {token!r}, {elements})"
    busy = subprocess.Popen([sys.executable, "-c", code])
    ready = threading.Event()
    threading.Timer(1.0, ready.set).start()  # the other client builds its body first
    ready.wait()
    waits = probe(server, busy)
    if busy.wait() != 0:
        raise RuntimeError("the loading client failed")
    c.close()
    again = Client(server, token)  # the first connection went idle past the keep-alive while the load ran
    again.json("DELETE", base, ok=(204,))
    again.close()
    return waits


def figures(waits: list[float]) -> tuple[float, float, float]:
    return median(waits) * 1e3, waits[int(len(waits) * 0.99)] * 1e3, waits[-1] * 1e3


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--elements", type=int, default=3_000_000)
    args = p.parse_args()
    rows: dict[str, list[tuple[float, float, float]]] = {}
    servers = {
        "parsed on its host (default)": Server(["service"]),
        "parsed on the event loop": Server(["service"], ON_THE_LOOP),
    }
    with serving(*servers.values()):
        for _ in range(args.rounds):
            for name, server in servers.items():
                rows.setdefault(f"{name}, idle", []).append(figures(probe(server, None)))
                rows.setdefault(f"{name}, under load", []).append(figures(loaded(server, args.elements)))
    print(machine())
    table(
        f"/healthz, ms, while another client puts and gets {args.elements:,} float32 as JSON ({args.rounds} rounds)",
        ["server", "p50", "p99", "max"],
        [[name, *(median([r[i] for r in runs]) for i in range(3))] for name, runs in rows.items()],
    )


if __name__ == "__main__":
    main()
