"""Benchmark 5, memory: the RSS of the server and its host processes per session holding N MB of tensors.

For each N, a fresh server; one session; N MB of float32 leaves uploaded in 32 MB pieces, as .npy
(the binary path) and, on another fresh server, as b64 JSON. Reported: RSS growth over the idle
server with an empty session, divided by the tensor bytes. Target: ≤ 1.2x the tensor bytes plus a
small constant; the fitted slope over N is the per-byte cost, the intercept the constant.

    .venv/bin/python -m bench.memory [--sizes 64 256 512]
"""

from __future__ import annotations

import base64
import io
import json
import time

import numpy as np

from bench.harness import Server, machine, new_session, parser, serving, table

PIECE = 32 << 20


def upload(server: Server, mb: int, how: str, device: str) -> tuple[int, int, int]:
    """(RSS with an empty session, RSS holding mb MB, RSS after deleting the session)."""
    c, base = new_session(server, device)
    time.sleep(0.5)
    before = server.rss()
    left, k = mb << 20, 0
    while left > 0:
        size = min(PIECE, left)
        a = np.full(size // 4, k, dtype=np.float32)
        if how == "npy":
            buf = io.BytesIO()
            np.save(buf, a)
            status, body, _ = c.call(
                "PUT", f"{base}/variables/p{k}", buf.getvalue(), {"content-type": "application/x-npy"}
            )
        else:
            obj = {"data": {"dtype": "float32", "shape": [a.size], "b64": base64.b64encode(a.tobytes()).decode()}}
            status, body, _ = c.call(
                "PUT",
                f"{base}/variables/p{k}?encoding=b64",
                json.dumps(obj).encode(),
                {"content-type": "application/json"},
            )
        if status != 201:
            raise RuntimeError(body[:300])
        left -= size
        k += 1
    time.sleep(0.5)
    holding = server.rss()
    c.json("DELETE", base, ok=(204,))
    time.sleep(0.5)
    return before, holding, server.rss()


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[64, 256, 512], help="MB of tensors per session")
    args = p.parse_args()
    rows, fits = [], {}
    for how in ("npy", "b64"):
        points = []
        for mb in args.sizes:
            server = Server(["service"], env={"AGS_MAX_SESSION_BYTES": str(4 << 30)})
            with serving(server):
                before, holding, after = upload(server, mb, how, args.device)
            grown = holding - before
            points.append((mb << 20, grown))
            rows.append([how, mb, before / 2**20, holding / 2**20, grown / 2**20, grown / (mb << 20), after / 2**20])
        xs, ys = np.array([x for x, _ in points], float), np.array([y for _, y in points], float)
        slope, intercept = np.polyfit(xs, ys, 1) if len(points) > 1 else (ys[0] / xs[0], 0.0)
        fits[how] = (slope, intercept)
    print(machine())
    table(
        "Memory: RSS of the server and its hosts per session holding N MB of float32 leaves",
        ["upload", "N MB", "RSS empty MB", "RSS holding MB", "growth MB", "growth / N", "RSS after delete MB"],
        rows,
    )
    table(
        "Memory: fitted growth = slope x tensor bytes + constant",
        ["upload", "slope", "constant MB", "target ≤ 1.2x + small constant"],
        [[h, s, c / 2**20, "met" if s <= 1.2 else "NOT met"] for h, (s, c) in fits.items()],
    )


if __name__ == "__main__":
    main()
