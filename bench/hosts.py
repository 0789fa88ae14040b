"""The host hop: small calls on the ``process`` backend (host processes) against ``inline`` (hosts
in the server process), in the same run.

``POST …/backward`` on ``y = x.sum()`` (2x2) under wrk, 16 connections: first on one session, then
on several sessions spread over the hosts (wrk's Lua picks the next session for each request).
Rounds alternate the backends; medians are reported. Target: ``process`` within 10 % of ``inline``
on one session, and ahead of it with several sessions on a machine with spare cores.

    .venv/bin/python -m bench.hosts [--rounds 3] [--seconds 5] [--sessions 4]
"""

from __future__ import annotations

import shutil

from bench.harness import Server, machine, median, new_session, parser, serving, table
from bench.small_calls import run_wrk

LUA = """
local paths = {{{paths}}}
local tokens = {{{tokens}}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("POST", paths[i], {{["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i]}}, '{{"variable": "y", "grads": "none"}}')
end
"""


def wrk(url: str, sessions: list[tuple[str, str]], seconds: float, connections: int) -> dict[str, float]:
    paths = ", ".join(f'"{base}/backward"' for base, _ in sessions)
    tokens = ", ".join(f'"{token}"' for _, token in sessions)
    return run_wrk(url, LUA.format(paths=paths, tokens=tokens), seconds, connections)


def sessions(server: Server, n: int) -> list[tuple[str, str]]:
    made = []
    for _ in range(n):
        c, base = new_session(server)
        c.json("PUT", f"{base}/variables/x", {"data": [[1, 1], [1, 1]], "requires_grad": True})
        c.json("POST", f"{base}/compute", {"expr": "y = x.sum()"})
        made.append((base, c.headers["Authorization"].split()[1]))
    return made


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--cpu-hosts", type=int, default=0, help="AGS_CPU_HOSTS for the process backend (0: default)")
    args = p.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    hosts = {"AGS_CPU_HOSTS": str(args.cpu_hosts)} if args.cpu_hosts else {}
    servers = {
        "inline": Server(["service"], env={"AGS_BACKEND": "inline"}),
        "process": Server(["service"], env={"AGS_BACKEND": "process", **hosts}),
    }
    runs: dict[tuple[str, int], list[dict[str, float]]] = {}
    with serving(*servers.values()):
        made = {name: sessions(s, args.sessions) for name, s in servers.items()}
        for name, s in servers.items():  # warm-up
            wrk(s.url, made[name], 1, args.connections)
        for _ in range(args.rounds):
            for count in (1, args.sessions):
                for name, s in servers.items():
                    runs.setdefault((name, count), []).append(
                        wrk(s.url, made[name][:count], args.seconds, args.connections)
                    )
    med = {k: {m: median([r[m] for r in v]) for m in ("rps", "p50", "p99")} for k, v in runs.items()}
    rows = []
    for (name, count), m in med.items():
        base = med[("inline", count)]["rps"]
        label = f"{name}, {count} session{'s' * (count > 1)}"
        rows.append([label, m["rps"], m["p50"] * 1e3, m["p99"] * 1e3, m["rps"] / base])
    print(machine())
    table(
        f"The host hop: wrk, {args.connections} connections, {args.rounds}x{args.seconds:g} s, medians",
        ["backend", "requests/s", "p50 ms", "p99 ms", "x inline"],
        rows,
    )
    one = med[("process", 1)]["rps"] / med[("inline", 1)]["rps"]
    many = med[("process", args.sessions)]["rps"] / med[("inline", args.sessions)]["rps"]
    print(f"target process ≥ 0.9x inline on one session: {one:.2f}x — {'met' if one >= 0.9 else 'NOT met'}")
    print(f"target process > inline with {args.sessions} sessions: {many:.2f}x — {'met' if many > 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
