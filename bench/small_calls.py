"""Benchmark 1, small calls: ``POST …/backward`` on ``y = x.sum()`` (2x2) under wrk, 16 connections.

Baseline: a bare FastAPI endpoint that validates and echoes a tiny JSON body (``bench.apps``), under
the same uvicorn settings, measured in the same run. Target: the service reaches ≥ 0.7x the echo's
requests/s. Rounds alternate echo and service; medians are reported.

    .venv/bin/python -m bench.small_calls [--rounds 3] [--seconds 5]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.harness import app_server, machine, median, new_session, parser, service, serving, table

LUA = """wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
{auth}
"""
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def wrk(url: str, body: str, token: str | None, seconds: float, connections: int) -> dict[str, float]:
    auth = f'wrk.headers["Authorization"] = "Bearer {token}"' if token else ""
    return run_wrk(url, LUA.format(body=body, auth=auth), seconds, connections)


def run_wrk(url: str, lua: str, seconds: float, connections: int) -> dict[str, float]:
    """wrk with the Lua script ``lua``: requests/s, p50 and p99 seconds; an error answer stops the benchmark."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
        script = f.name
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "-s", script, url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
    finally:
        Path(script).unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} error answers:\n{out}")

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")

    return {"rps": rps, "p50": pct("50"), "p99": pct("99")}


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--connections", type=int, default=16)
    args = p.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    echo, svc = app_server("bench.apps:fastapi_echo"), service()
    with serving(echo, svc):
        c, base = new_session(svc, args.device)
        c.json("PUT", f"{base}/variables/x", {"data": [[1, 1], [1, 1]], "requires_grad": True})
        c.json("POST", f"{base}/compute", {"expr": "y = x.sum()"})
        token = c.headers["Authorization"].split()[1]
        runs: dict[str, list[dict[str, float]]] = {"echo": [], "service": []}
        wrk(f"{echo.url}/echo", '{"variable": "y"}', None, 1, args.connections)  # warm-up
        wrk(f"{svc.url}{base}/backward", '{"variable": "y"}', token, 1, args.connections)
        for _ in range(args.rounds):
            runs["echo"].append(wrk(f"{echo.url}/echo", '{"variable": "y"}', None, args.seconds, args.connections))
            runs["service"].append(
                wrk(f"{svc.url}{base}/backward", '{"variable": "y"}', token, args.seconds, args.connections)
            )
    rows = []
    med = {k: {m: median([r[m] for r in v]) for m in ("rps", "p50", "p99")} for k, v in runs.items()}
    for name, label in (("echo", "FastAPI echo (baseline)"), ("service", "POST …/backward, y = x.sum()")):
        m = med[name]
        rows.append([label, m["rps"], m["p50"] * 1e3, m["p99"] * 1e3, m["rps"] / med["echo"]["rps"]])
    print(machine())
    table(
        f"Small calls: wrk, {args.connections} connections, {args.rounds}x{args.seconds:g} s, medians",
        ["endpoint", "requests/s", "p50 ms", "p99 ms", "x echo req/s"],
        rows,
    )
    ratio = med["service"]["rps"] / med["echo"]["rps"]
    print(f"target ≥ 0.7x echo: {ratio:.2f}x — {'met' if ratio >= 0.7 else 'NOT met'}")


if __name__ == "__main__":
    main()
