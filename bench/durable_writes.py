"""What a durable backward writes: the MLP session of bench.mlp, bytes and milliseconds per call.

Per backward (and per backward + Adam step), in-process on a real state folder, with the engine's
own verbs: the whole-session write of before (the session as one safetensors file, renamed over
the old one) against the incremental store (service/durable/store.py: what the call changed,
appended to the session's log; a new base when the log holds four times the base). Both with
``AGS_DURABILITY=os`` (written, fsynced later) and ``always`` (fsynced before the answer). The
store's base rewrites are included in its average, so the figures are per call over a run.

    .venv/bin/python -m bench.durable_writes [--calls 40]
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable

import torch

import engine
from bench.harness import machine, parser, table
from bench.mlp import EXPR, PARAMS, data
from engine import Session, parse_expression
from service.durable.state import session_parts
from service.durable.store import StateStore

EXTRA = {"id": "bench", "token_hash": "00", "ttl": 3600, "created_at": 0.0, "last_used": 0.0, "idempotency": []}


def mlp() -> Session:
    s = Session()
    for name, a in data().items():
        engine.put_tensor(s, name, torch.from_numpy(a), requires_grad=name in PARAMS)
    engine.compute(s, parse_expression(EXPR))
    return s


def run(calls: int, durability: str, incremental: bool, with_step: bool) -> tuple[float, float]:
    """Mean bytes and milliseconds written per call."""
    s = mlp()
    with tempfile.TemporaryDirectory() as folder:
        store = StateStore(folder, durability)
        write: Callable[[], int]
        if incremental:

            def write() -> int:
                tensors, header = session_parts(s, EXTRA)
                n = store.save("bench", tensors, header, s.stepped)
                s.stepped.clear()
                return n
        else:

            def write() -> int:
                tensors, header = session_parts(s, EXTRA)
                return store._replace(store.path("bench"), {k: v.contiguous() for k, v in tensors.items()}, header)

        write()  # the session as made: a base either way
        written, seconds = 0, 0.0
        for _ in range(calls):
            engine.backward(s, "loss")
            if with_step:
                engine.step(s, {"type": "adam", "lr": 1e-3}, zero_grad=True)
            start = time.perf_counter()
            written += write()
            seconds += time.perf_counter() - start
        return written / calls, seconds / calls * 1e3


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--calls", type=int, default=40)
    args = p.parse_args()
    rows = []
    for with_step in (False, True):
        call = "backward + Adam step" if with_step else "backward"
        for durability in ("os", "always"):
            whole = run(args.calls, durability, False, with_step)
            log = run(args.calls, durability, True, with_step)
            rows.append([f"{call}, {durability}: whole session", whole[0] / 1e6, whole[1], 1.0])
            rows.append([f"{call}, {durability}: incremental", log[0] / 1e6, log[1], log[0] / whole[0]])
    print(machine())
    table(
        f"Durable writes per call, MLP session (bench.mlp), {args.calls} calls each",
        ["call, durability: writer", "MB written", "ms writing", "x whole bytes"],
        rows,
    )


if __name__ == "__main__":
    main()
