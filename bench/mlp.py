"""Benchmark 3, compute-bound: an MLP forward+backward through the service against in-process torch.

x [256, 512] -> tanh(x @ w1 + b1) @ w2 + b2 -> MSE against t [256, 512]; w1, w2 [512, 512], float32.
Per step, in-process torch runs the forward and ``loss.backward()`` (gradients accumulate in .grad).
Through the service a step is one ``POST …/compute`` of the same expression with ``backward: loss``
(``?encoding=b64``, so the answer carries the loss and the four gradients, 2.1 MB); the leaves were
uploaded once as .npy. A second service row is ``POST …/backward`` on the defined loss (the forward
is re-run from the leaves, as the contract says). Target: ≤ 1.1x in-process torch.

    .venv/bin/python -m bench.mlp [--rounds 5] [--steps 20] [--device cpu|cuda]
"""

from __future__ import annotations

import io
import json
import time

import numpy as np
import torch

from bench.harness import machine, median, new_session, parser, service, serving, table

EXPR = "loss = ((tanh(x @ w1 + b1) @ w2 + b2 - t) ** 2).mean()"
SHAPES = {"x": (256, 512), "w1": (512, 512), "b1": (512,), "w2": (512, 512), "b2": (512,), "t": (256, 512)}
PARAMS = ("w1", "b1", "w2", "b2")


def data() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        k: (rng.standard_normal(s) * (0.05 if k.startswith("w") else 1.0)).astype(np.float32) for k, s in SHAPES.items()
    }


def torch_steps(arrays: dict[str, np.ndarray], device: str, steps: int) -> float:
    v = {k: torch.from_numpy(a).to(device).requires_grad_(k in PARAMS) for k, a in arrays.items()}
    start = time.perf_counter()
    for _ in range(steps):
        loss = ((torch.tanh(v["x"] @ v["w1"] + v["b1"]) @ v["w2"] + v["b2"] - v["t"]) ** 2).mean()
        loss.backward()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / steps


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--steps", type=int, default=20, help="steps per round")
    args = p.parse_args()
    arrays = data()
    svc = service()
    runs: dict[str, list[float]] = {"torch": [], "compute": [], "backward": []}
    with serving(svc):
        c, base = new_session(svc, args.device)
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.save(buf, a)
            rg = "true" if name in PARAMS else "false"
            status, body, _ = c.call(
                "PUT",
                f"{base}/variables/{name}?requires_grad={rg}",
                buf.getvalue(),
                {"content-type": "application/x-npy"},
            )
            assert status == 201, body
        compute = json.dumps({"expr": EXPR, "backward": "loss"}).encode()
        backward = json.dumps({"variable": "loss"}).encode()
        js = {"content-type": "application/json"}

        def service_steps(path: str, body: bytes) -> float:
            start = time.perf_counter()
            for _ in range(args.steps):
                status, answer, _ = c.call("POST", path, body, js)
                if status != 200:
                    raise RuntimeError(answer[:300])
            return (time.perf_counter() - start) / args.steps

        torch_steps(arrays, args.device, 3)
        service_steps(f"{base}/compute?encoding=b64", compute)
        for _ in range(args.rounds):  # a pause before each phase lets the other side's threads settle
            time.sleep(0.5)
            runs["torch"].append(torch_steps(arrays, args.device, args.steps))
            time.sleep(0.5)
            runs["compute"].append(service_steps(f"{base}/compute?encoding=b64", compute))
            time.sleep(0.5)
            runs["backward"].append(service_steps(f"{base}/backward?encoding=b64", backward))
    base_s = median(runs["torch"])
    labels = {
        "torch": "in-process torch: forward + loss.backward()",
        "compute": "service: POST compute {expr, backward} (b64)",
        "backward": "service: POST backward on the defined loss (b64)",
    }
    rows = [[labels[k], median(v) * 1e3, median(v) / base_s] for k, v in runs.items()]
    print(machine())
    table(
        f"MLP 256x512x512 (tanh, MSE) on {args.device}: per step, medians of {args.rounds}x{args.steps} steps",
        ["path", "ms / step", "x torch"],
        rows,
    )
    ratio = median(runs["compute"]) / base_s
    print(f"target ≤ 1.1x torch: {ratio:.2f}x — {'met' if ratio <= 1.1 else 'NOT met'}")


if __name__ == "__main__":
    main()
