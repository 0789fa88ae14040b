"""Benchmark 4, repeated graph: the same expression submitted many times, with and without the cache.

Two servers, one with the compiled-graph cache (the default) and one with ``AGS_GRAPH_CACHE_SIZE=0``;
each gets ``--calls`` ``POST …/compute`` of the same five-line expression over small leaves (10k by
default), in alternating blocks. Reported: per-call time over HTTP, and the engine's own per-call
time for the parse + validate + shape-pass step it saves, measured in-process.

    .venv/bin/python -m bench.graph_cache [--calls 10000]
"""

from __future__ import annotations

import json
import time

import engine
from bench.harness import Server, machine, median, new_session, parser, serving, table

EXPR = "a = cos(x); b = a * w; c = sin(b) + exp(a); y = sum(c * c, dim=0); z = (y * 2).mean()"


def engine_step(cached: bool, n: int = 2000) -> float:
    """Seconds per parse + compile + shape pass of EXPR in-process."""
    import torch

    from engine import Session, cache

    cache.configure(cache.DEFAULT_SIZE if cached else 0)
    cache.GRAPHS.clear()
    s = Session()
    engine.put(s, "x", torch.ones(4, 4), requires_grad=True)
    engine.put(s, "w", torch.ones(4, 4), requires_grad=True)
    start = time.perf_counter()
    for _ in range(n):
        compiled = engine.prepare(s, cache.parsed_expression(EXPR))
        env = {leaf: s.leaves[leaf] for leaf in compiled.externals}
        cache.inferred_shapes(compiled, env, s.ctx, max_elements=None)
    return (time.perf_counter() - start) / n


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--calls", type=int, default=10_000, help="compute calls per server")
    args = p.parse_args()
    alive = {"AGS_KEEP_ALIVE_SECONDS": "600"}  # a connection waits idle while the other server has its block
    servers = {
        "cache on": Server(["service"], env=alive),
        "cache off": Server(["service"], env={**alive, "AGS_GRAPH_CACHE_SIZE": "0"}),
    }
    body = json.dumps({"expr": EXPR}).encode()
    times: dict[str, list[float]] = {k: [] for k in servers}
    with serving(*servers.values()):
        clients = {}
        for name, server in servers.items():
            c, base = new_session(server, args.device)
            for leaf in ("x", "w"):
                c.json("PUT", f"{base}/variables/{leaf}", {"init": "ones", "shape": [4, 4], "requires_grad": True})
            clients[name] = (c, base)
        block = max(1, args.calls // (args.rounds * 2))
        done = dict.fromkeys(servers, 0)
        while min(done.values()) < args.calls:
            for name, (c, base) in clients.items():
                n = min(block, args.calls - done[name])
                start = time.perf_counter()
                for _ in range(n):
                    status, answer, _ = c.call("POST", f"{base}/compute", body, {"content-type": "application/json"})
                    if status != 200:
                        raise RuntimeError(answer[:300])
                if n:
                    times[name].append((time.perf_counter() - start) / n)
                done[name] += n
    on, off = median(times["cache on"]), median(times["cache off"])
    e_on, e_off = median([engine_step(True) for _ in range(3)]), median([engine_step(False) for _ in range(3)])
    print(machine())
    table(
        f"Repeated graph: {args.calls:,} compute calls of one 5-assignment expression per server (medians of blocks)",
        ["", "per call over HTTP, ms", "engine parse+validate+shapes, us"],
        [
            ["cache off", off * 1e3, e_off * 1e6],
            ["cache on", on * 1e3, e_on * 1e6],
            ["saved", (off - on) * 1e3, (e_off - e_on) * 1e6],
        ],
    )
    print(f"the cache makes a call {off / on:.2f}x faster over HTTP; the step it replaces {e_off / e_on:.1f}x faster")


if __name__ == "__main__":
    main()
