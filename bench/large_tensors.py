"""Benchmark 2, large tensors: 1M float32 — PUT, compute ``(x*x).sum()`` with backward, GET the grad.

Each encoding (JSON list, b64, npy binary) against the HTTP floor: a raw ASGI echo (``bench.apps``)
sent the same request bytes and answering as many bytes as the service answered, so the floor moves
exactly the bytes the service moved, with none of its work. Targets: b64 ≤ 2.0x the floor, npy ≤ 1.5x.

The three calls per encoding:
- PUT x: list ``{"data": [...]}`` / b64 ``{"data": {dtype, shape, b64}}`` / npy body
  (``application/x-npy``, ``?requires_grad=true``); the JSON answers carry the data back.
- POST compute ``y = (x * x).sum()`` with ``backward: y``: the answer carries the 1M grad (list or b64;
  the npy run uses b64 here, the only binary form a JSON answer has).
- GET x: list and b64 answer data and grad; npy answers the grad alone (``?field=grad``).

    .venv/bin/python -m bench.large_tensors [--rounds 5] [--n 1000000] [--device cpu]
"""

from __future__ import annotations

import base64
import io
import json

import numpy as np

from bench.harness import Client, app_server, machine, median, new_session, parser, service, serving, table

ENCODINGS = ("list", "b64", "npy")


def npy_bytes(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


def plan(n: int, base: str) -> dict[str, list[tuple[str, str, bytes, dict[str, str]]]]:
    """Per encoding, the three requests: method, path, body, headers."""
    x = np.random.default_rng(0).standard_normal(n).astype(np.float32)
    js = {"content-type": "application/json"}
    compute = json.dumps({"expr": "y = (x * x).sum()", "backward": "y"}).encode()
    b64 = {"dtype": "float32", "shape": [n], "b64": base64.b64encode(x.tobytes()).decode()}
    return {
        "list": [
            ("PUT", f"{base}/variables/x", json.dumps({"data": x.tolist(), "requires_grad": True}).encode(), js),
            ("POST", f"{base}/compute", compute, js),
            ("GET", f"{base}/variables/x", b"", {}),
        ],
        "b64": [
            ("PUT", f"{base}/variables/x?encoding=b64", json.dumps({"data": b64, "requires_grad": True}).encode(), js),
            ("POST", f"{base}/compute?encoding=b64", compute, js),
            ("GET", f"{base}/variables/x?encoding=b64", b"", {}),
        ],
        "npy": [
            ("PUT", f"{base}/variables/x?requires_grad=true", npy_bytes(x), {"content-type": "application/x-npy"}),
            ("POST", f"{base}/compute?encoding=b64", compute, js),
            ("GET", f"{base}/variables/x?field=grad", b"", {"accept": "application/x-npy"}),
        ],
    }


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--n", type=int, default=1_000_000, help="elements of x")
    args = p.parse_args()
    svc, echo = service(), app_server("bench.apps:raw_echo")
    per_call: dict[tuple[str, int], dict[str, list[float]]] = {}
    totals: dict[str, dict[str, list[float]]] = {e: {"service": [], "floor": []} for e in ENCODINGS}
    sizes: dict[tuple[str, int], tuple[int, int]] = {}
    with serving(svc, echo):
        c, base = new_session(svc, args.device)
        floor = Client(echo)
        requests = plan(args.n, base)
        import time

        for r in range(args.rounds + 1):  # round 0 warms up and is dropped
            for enc in ENCODINGS:
                t_svc = t_floor = 0.0
                for k, (method, path, body, headers) in enumerate(requests[enc]):
                    t0 = time.perf_counter()
                    status, answer, _ = c.call(method, path, body or None, headers)
                    t1 = time.perf_counter()
                    if status not in (200, 201):
                        raise RuntimeError(f"{enc} {method} {path}: {status} {answer[:300]!r}")
                    fh = {"x-answer-bytes": str(len(answer)), "content-type": headers.get("content-type", "")}
                    t2 = time.perf_counter()
                    floor.call("POST" if body else "GET", "/echo", body or None, fh)
                    t3 = time.perf_counter()
                    if r:
                        d = per_call.setdefault((enc, k), {"service": [], "floor": []})
                        d["service"].append(t1 - t0)
                        d["floor"].append(t3 - t2)
                        sizes[(enc, k)] = (len(body), len(answer))
                        t_svc += t1 - t0
                        t_floor += t3 - t2
                if r:
                    totals[enc]["service"].append(t_svc)
                    totals[enc]["floor"].append(t_floor)
    names = ("PUT x", "compute + backward", "GET grad")
    rows = []
    for (enc, k), d in per_call.items():
        s, f = median(d["service"]), median(d["floor"])
        up, down = sizes[(enc, k)]
        rows.append([enc, names[k], f"{up / 1e6:.1f} / {down / 1e6:.1f}", s * 1e3, f * 1e3, s / f])
    print(machine())
    table(
        f"Large tensors: {args.n:,} float32 on {args.device}, medians of {args.rounds} rounds",
        ["encoding", "call", "MB up / down", "service ms", "floor ms", "x floor"],
        rows,
    )
    summary = []
    targets = {"b64": 2.0, "npy": 1.5}
    for enc in ENCODINGS:
        s, f = median(totals[enc]["service"]), median(totals[enc]["floor"])
        target = targets.get(enc)
        verdict = "" if target is None else f"≤ {target}x — {'met' if s / f <= target else 'NOT met'}"
        summary.append([enc, s * 1e3, f * 1e3, s / f, verdict])
    table(
        "Large tensors: the three calls together", ["encoding", "service ms", "floor ms", "x floor", "target"], summary
    )


if __name__ == "__main__":
    main()
