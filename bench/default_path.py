"""The three headline figures, on the default server (``python -m service`` as ``make serve`` starts it:
host processes, durability on, every setting at its default), each against what a user would pick
instead, measured in the same run:

1. training: the MLP of bench.mlp (256x512x512, tanh, MSE) with Adam, ``POST …/train`` with
   ``steps=20`` and ``steps=1``, per step, against the same loop in torch in one process with torch's
   default threads (forward, backward, step, zero_grad). Targets: ≤ 1.10x and ≤ 1.3x.
2. large tensors: 1M float32 as b64: ``PUT`` the leaf, ``compute`` ``(x*x).sum()`` with backward
   (``encoding=b64``), ``GET`` the grad (b64), against one raw-ASGI echo of the same bytes each way
   (bench.apps.raw_echo). Target: ≤ 2.0x.
3. small calls: ``POST …/backward`` of ``y = x.sum()`` on a 2x2 leaf under ``wrk -c16``, against a bare
   FastAPI echo (bench.apps.fastapi_echo). Target: ≥ 0.5x its requests/s.

Rounds alternate subject and baseline; medians are reported (compare ratios, not seconds: a shared
machine moves both sides). ``make bench`` runs it.

    .venv/bin/python -m bench.default_path [--rounds 5] [--seconds 5] [--device cpu|cuda]
"""

from __future__ import annotations

import base64
import json
import shutil
import time

import numpy as np

from bench.harness import Client, app_server, machine, median, new_session, parser, service, serving, table
from bench.mlp import data
from bench.small_calls import wrk
from bench.train import FUSED, service_loops, torch_loop, upload

TARGETS = {"train20": 1.10, "train1": 1.3, "b64": 2.0, "small": 0.5}


def training(rounds: int, device: str) -> dict[str, list[float]]:
    arrays = data()
    runs: dict[str, list[float]] = {"torch": [], "train20": [], "train1": []}
    svc = service()
    with serving(svc):
        c, base = new_session(svc, device)
        upload(c, base, arrays)
        loops = {"torch": torch_loop(arrays, device), **service_loops(c, base)}
        for name in runs:
            loops[name](FUSED)  # warm-up: first calls, the allocator, Adam's state
        for _ in range(rounds):
            for name in runs:
                time.sleep(0.3)
                runs[name].append(loops[name](2 * FUSED))
    return runs


def large(rounds: int, device: str, n: int = 1_000_000) -> dict[str, list[float]]:
    x = np.random.default_rng(0).standard_normal(n).astype(np.float32)
    b64 = {"dtype": "float32", "shape": [n], "b64": base64.b64encode(x.tobytes()).decode()}
    runs: dict[str, list[float]] = {"service": [], "echo": []}
    svc, echo = service(), app_server("bench.apps:raw_echo")
    with serving(svc, echo):
        c, base = new_session(svc, device)
        js = {"content-type": "application/json"}
        trio = [
            ("PUT", f"{base}/variables/x?encoding=b64", json.dumps({"data": b64, "requires_grad": True}).encode()),
            ("POST", f"{base}/compute?encoding=b64", b'{"expr": "y = (x * x).sum()", "backward": "y"}'),
            ("GET", f"{base}/variables/x?encoding=b64", b""),
        ]
        floor = Client(echo)
        for r in range(rounds + 1):  # round 0 warms up
            t_svc = t_echo = 0.0
            for method, path, body in trio:
                t0 = time.perf_counter()
                status, answer, _ = c.call(method, path, body or None, js if body else {})
                t1 = time.perf_counter()
                if status not in (200, 201):
                    raise RuntimeError(f"{method} {path}: {status} {answer[:300]!r}")
                floor.call("POST" if body else "GET", "/echo", body or None, {"x-answer-bytes": str(len(answer))})
                t_svc, t_echo = t_svc + t1 - t0, t_echo + time.perf_counter() - t1
            if r:
                runs["service"].append(t_svc)
                runs["echo"].append(t_echo)
    return runs


def small(rounds: int, seconds: float, device: str) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {"service": [], "echo": []}
    echo, svc = app_server("bench.apps:fastapi_echo"), service()
    with serving(echo, svc):
        c, base = new_session(svc, device)
        c.json("PUT", f"{base}/variables/x", {"data": [[1, 1], [1, 1]], "requires_grad": True})
        c.json("POST", f"{base}/compute", {"expr": "y = x.sum()"})
        token = c.headers["Authorization"].split()[1]
        body = '{"variable": "y"}'
        wrk(f"{echo.url}/echo", body, None, 1, 16)  # warm-up
        wrk(f"{svc.url}{base}/backward", body, token, 1, 16)
        for _ in range(rounds):
            runs["echo"].append(wrk(f"{echo.url}/echo", body, None, seconds, 16)["rps"])
            runs["service"].append(wrk(f"{svc.url}{base}/backward", body, token, seconds, 16)["rps"])
    return runs


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--seconds", type=float, default=5, help="seconds per wrk run (small calls)")
    args = p.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for the small calls: apt-get install -y wrk")
    print(machine())
    train = training(args.rounds, args.device)
    big = large(args.rounds, args.device)
    calls = small(args.rounds, args.seconds, args.device)
    t = median(train["torch"])
    ratios = {
        "train20": median(train["train20"]) / t,
        "train1": median(train["train1"]) / t,
        "b64": median(big["service"]) / median(big["echo"]),
        "small": median(calls["service"]) / median(calls["echo"]),
    }
    rows = [
        ["MLP train, steps=20, per step", "torch in one process", median(train["train20"]) * 1e3, t * 1e3, "ms"],
        ["MLP train, steps=1, per step", "torch in one process", median(train["train1"]) * 1e3, t * 1e3, "ms"],
        [
            "1M float32 b64: PUT, compute+backward, GET grad",
            "raw ASGI echo",
            median(big["service"]) * 1e3,
            median(big["echo"]) * 1e3,
            "ms",
        ],
        ["small backward, wrk -c16", "bare FastAPI echo", median(calls["service"]), median(calls["echo"]), "req/s"],
    ]
    for row, key in zip(rows, ("train20", "train1", "b64", "small"), strict=True):
        better = ratios[key] >= TARGETS[key] if key == "small" else ratios[key] <= TARGETS[key]
        sign = "≥" if key == "small" else "≤"
        row += [ratios[key], f"{sign} {TARGETS[key]}x: {'met' if better else 'NOT met'}"]
    table(
        f"The default server against what a user would pick instead ({args.device}, medians of {args.rounds} rounds)",
        ["figure", "baseline", "service", "baseline", "unit", "ratio", "target"],
        rows,
    )


if __name__ == "__main__":
    main()
