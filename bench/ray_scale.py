"""The ray backend against ``process``, same run: small calls and a compute-bound graph.

Subjects: the ``process`` backend (host processes), and ``ray`` on a real cluster made here
(``ray.cluster_utils.Cluster``: a head with no CPUs and 1 or 2 worker nodes of ``--node-cpus``
CPUs, one CPU host per node CPU). Per subject: wrk on ``POST …/backward`` (``y = x.sum()``, 2x2),
16 connections over 4 sessions spread on the hosts; then the MLP of bench.mlp (backward on the
defined loss, ``"grads": "none"``) timed serially on one session. Medians of ``--rounds``.

    .venv/bin/python -m bench.ray_scale [--rounds 3] [--seconds 5] [--node-cpus 1]
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from bench.harness import Server, machine, median, new_session, parser, serving, table
from bench.hosts import sessions, wrk
from bench.mlp import EXPR, PARAMS, data


@contextmanager
def cluster(nodes: int, cpus: int) -> Iterator[str]:
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "object_store_memory": 100 << 20})
    for _ in range(nodes):
        c.add_node(num_cpus=cpus, object_store_memory=100 << 20)
    c.wait_for_nodes()
    try:
        yield c.address
    finally:
        c.shutdown()


def mlp_step_ms(server: Server, steps: int, rounds: int) -> float:
    c, base = new_session(server)
    for name, a in data().items():
        buf = io.BytesIO()
        np.save(buf, a)
        rg = "true" if name in PARAMS else "false"
        status, body, _ = c.call(
            "PUT", f"{base}/variables/{name}?requires_grad={rg}", buf.getvalue(), {"content-type": "application/x-npy"}
        )
        assert status == 201, body
    c.json("POST", f"{base}/compute", {"expr": EXPR})
    body = json.dumps({"variable": "loss", "grads": "none"}).encode()
    js = {"content-type": "application/json"}
    times = []
    for _ in range(rounds + 1):  # the first round warms up
        start = time.perf_counter()
        for _ in range(steps):
            status, answer, _ = c.call("POST", f"{base}/backward", body, js)
            assert status == 200, answer[:300]
        times.append((time.perf_counter() - start) / steps * 1e3)
    return median(times[1:])


def measure(server: Server, args) -> dict[str, float]:
    with serving(server):
        made = sessions(server, 4)
        wrk(server.url, made, 1, args.connections)
        runs = [wrk(server.url, made, args.seconds, args.connections) for _ in range(args.rounds)]
        figures = {m: median([r[m] for r in runs]) for m in ("rps", "p50", "p99")}
        figures["mlp_ms"] = mlp_step_ms(server, args.steps, args.rounds)
        return figures


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--steps", type=int, default=10, help="MLP steps per round")
    p.add_argument("--node-cpus", type=int, default=1)
    args = p.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    results: dict[str, dict[str, float]] = {}
    results["process"] = measure(Server(["service"], env={"AGS_BACKEND": "process"}), args)
    for nodes in (1, 2):
        with cluster(nodes, args.node_cpus) as address, tempfile.TemporaryDirectory() as state:
            env = {
                "AGS_BACKEND": "ray",
                "AGS_RAY_ADDRESS": address,
                "AGS_STATE_DIR": state,
                "AGS_CPU_HOSTS": str(nodes * args.node_cpus),
            }
            results[f"ray, {nodes} worker node{'s' * (nodes > 1)}"] = measure(Server(["service"], env=env), args)
    base = results["process"]
    rows = [
        [
            name,
            r["rps"],
            r["p50"] * 1e3,
            r["p99"] * 1e3,
            r["rps"] / base["rps"],
            r["mlp_ms"],
            r["mlp_ms"] / base["mlp_ms"],
        ]
        for name, r in results.items()
    ]
    print(machine())
    table(
        f"ray against process: wrk {args.connections} connections on 4 sessions, {args.rounds}x{args.seconds:g} s; "
        f"MLP backward, {args.rounds}x{args.steps} steps; medians",
        ["backend", "requests/s", "p50 ms", "p99 ms", "x process", "MLP ms/step", "x process"],
        rows,
    )
    for name, r in results.items():
        if name != "process":
            extra = (r["p50"] - base["p50"]) * 1e3
            print(f"{name}: a small call's median latency is {extra:+.2f} ms against process")


if __name__ == "__main__":
    main()
