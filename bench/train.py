"""Benchmark 6, training: the MLP of bench.mlp trained with Adam, through the service against in-process torch.

Per step, in-process torch runs the loop people write: forward, ``loss.backward()``,
``optimizer.step()``, ``optimizer.zero_grad()``. Through the service (leaves uploaded once as .npy,
the loss defined once with compute):

- ``train, steps=1``: one ``POST …/train`` per step, the JSON answer carrying one loss;
- ``train, steps=20``: one call per 20 steps;
- the two-call loop of before: ``POST …/backward`` then ``POST …/step`` with ``zero_grad`` (b64
  answers: the four gradients, then the four stepped leaves with their grads);
- the same two calls with ``"grads": "none"`` on the backward (the step still answers its leaves);
- ``train, steps=1`` on a 2-element loss: what a call costs apart from the training.

A row without HTTP, ``engine.train`` on an in-process session, shows what the engine itself costs.
Medians are the harness's figure; the best round of each path is printed beside it, because on a
shared machine other work only ever adds time (the best rounds are the least disturbed ones).
Targets on CPU: steps=1 ≤ 1.15x, steps=20 ≤ 1.03x torch; on cuda ≤ 1.5x and ≤ 1.05x.

    .venv/bin/python -m bench.train [--rounds 5] [--steps 40] [--threads N] [--device cpu|cuda]
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable

import numpy as np
import torch

from bench.harness import Client, machine, median, new_session, parser, service, serving, table
from bench.mlp import EXPR, PARAMS, data
from engine import Session, compute, parse_expression, put_tensor, train

ADAM = {"type": "adam", "lr": 1e-3}
FUSED = 20
TARGETS = {"cpu": {"train1": 1.15, "train20": 1.03}, "cuda": {"train1": 1.5, "train20": 1.05}}


def sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def torch_loop(arrays: dict[str, np.ndarray], device: str) -> Callable[[int], float]:
    """In-process torch's training loop; returns seconds per step for ``n`` steps."""
    v = {k: torch.tensor(a, device=device).requires_grad_(k in PARAMS) for k, a in arrays.items()}  # own copies
    opt = torch.optim.Adam([v[k] for k in sorted(PARAMS)], lr=ADAM["lr"])

    def steps(n: int) -> float:
        start = time.perf_counter()
        for _ in range(n):
            loss = ((torch.tanh(v["x"] @ v["w1"] + v["b1"]) @ v["w2"] + v["b2"] - v["t"]) ** 2).mean()
            loss.backward()
            opt.step()
            opt.zero_grad()
        sync(device)
        return (time.perf_counter() - start) / n

    return steps


def engine_loop(arrays: dict[str, np.ndarray], device: str) -> Callable[[int], float]:
    """``engine.train`` on an in-process session: the service's loop without HTTP."""
    s = Session(torch.device(device))
    for k, a in arrays.items():
        put_tensor(s, k, torch.tensor(a), requires_grad=k in PARAMS)  # own copies: the loops train apart
    compute(s, parse_expression(EXPR))

    def steps(n: int) -> float:
        start = time.perf_counter()
        for _ in range(n // FUSED):
            train(s, "loss", ADAM, steps=FUSED)
        sync(device)
        return (time.perf_counter() - start) / n

    return steps


def upload(c: Client, base: str, arrays: dict[str, np.ndarray]) -> None:
    for name, a in arrays.items():
        buf = io.BytesIO()
        np.save(buf, a)
        rg = "true" if name in PARAMS else "false"
        npy = {"content-type": "application/x-npy"}
        status, body, _ = c.call("PUT", f"{base}/variables/{name}?requires_grad={rg}", buf.getvalue(), npy)
        assert status == 201, body
    c.json("POST", f"{base}/compute", {"expr": EXPR})


def service_loops(c: Client, base: str) -> dict[str, Callable[[int], float]]:
    """Each way of training through the service; each returns seconds per step for ``n`` steps."""
    js = {"content-type": "application/json"}

    def post(path: str, body: bytes) -> None:
        status, answer, _ = c.call("POST", path, body, js)
        if status != 200:
            raise RuntimeError(f"{path}: {status} {answer[:300]!r}")

    def calls(*requests: tuple[str, dict], per_call: int = 1) -> Callable[[int], float]:
        encoded = [(base + path, json.dumps(body).encode()) for path, body in requests]

        def steps(n: int) -> float:
            c.conn.close()  # a fresh connection: uvicorn drops one idle for 5 s while the other phases ran
            start = time.perf_counter()
            for _ in range(n // per_call):
                for path, body in encoded:
                    post(path, body)
            return (time.perf_counter() - start) / n

        return steps

    step = ("/step?encoding=b64", {"optimizer": ADAM, "zero_grad": True})
    return {
        "train1": calls(("/train", {"loss": "loss", "optimizer": ADAM, "steps": 1})),
        "train20": calls(("/train", {"loss": "loss", "optimizer": ADAM, "steps": FUSED}), per_call=FUSED),
        "two_calls": calls(("/backward?encoding=b64", {"variable": "loss"}), step),
        "two_calls_none": calls(("/backward", {"variable": "loss", "grads": "none"}), step),
    }


LABELS = {
    "torch": "in-process torch: forward, backward, Adam step, zero_grad",
    "engine": f"engine.train in-process, {FUSED} steps per call (no HTTP)",
    "train1": "service: POST train, steps=1 per call",
    "train20": f"service: POST train, steps={FUSED} per call",
    "two_calls": "service: POST backward + POST step (b64), the loop of before",
    "two_calls_none": 'service: POST backward {"grads": "none"} + POST step (b64)',
    "per_call": "service: POST train, steps=1, on a 2-element loss (the per-call cost alone)",
}


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--steps", type=int, default=40, help=f"steps per round and path (a multiple of {FUSED})")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch threads, here and in the service")
    args = p.parse_args()
    steps = max(FUSED, args.steps // FUSED * FUSED)
    arrays = data()
    torch.set_num_threads(args.threads)  # the same on both sides: the baseline is torch as the service runs it
    svc = service({"AGS_TORCH_THREADS": str(args.threads)})
    runs: dict[str, list[float]] = {k: [] for k in LABELS}
    with serving(svc):
        c, base = new_session(svc, args.device)
        upload(c, base, arrays)
        loops = {"torch": torch_loop(arrays, args.device), "engine": engine_loop(arrays, args.device)}
        loops.update(service_loops(c, base))
        tiny, tiny_base = new_session(svc, args.device)
        tiny.json("PUT", f"{tiny_base}/variables/w", {"data": [1.0, 2.0], "requires_grad": True})
        tiny.json("POST", f"{tiny_base}/compute", {"expr": "loss = (w * w).sum()"})
        loops["per_call"] = service_loops(tiny, tiny_base)["train1"]
        for loop in loops.values():  # warm-up: first calls, allocator, optimizer state
            loop(FUSED)
        for _ in range(args.rounds):  # alternating, a pause before each phase lets the other side settle
            for name, loop in loops.items():
                time.sleep(0.3)
                runs[name].append(loop(steps))
    base_s, best_s = median(runs["torch"]), min(runs["torch"])
    rows = [[LABELS[k], median(v) * 1e3, median(v) / base_s, min(v) * 1e3, min(v) / best_s] for k, v in runs.items()]
    print(machine())
    table(
        f"MLP 256x512x512 (tanh, MSE), Adam, on {args.device}, {args.threads} torch threads: "
        f"per step over {args.rounds} rounds of {steps} steps",
        ["path", "median ms / step", "x torch", "best ms / step", "x torch (best)"],
        rows,
    )
    kind = "cuda" if args.device.startswith("cuda") else "cpu"
    for name, target in TARGETS[kind].items():
        ratio, best = median(runs[name]) / base_s, min(runs[name]) / best_s
        verdict = "met" if ratio <= target else "NOT met"
        print(f"{LABELS[name]}: {ratio:.3f}x (best rounds {best:.3f}x), target ≤ {target}x — {verdict}")


if __name__ == "__main__":
    main()
