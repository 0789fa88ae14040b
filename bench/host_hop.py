"""What a hop to a session host would cost: a tiny torch step in-process, on a worker thread, and in
another process over a multiprocessing connection read from the event loop.

The numbers behind the transport choice of the "Session hosts" issue. Run: ``python -m bench.host_hop``.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import statistics
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

import torch

ROUNDS = 2000


def step() -> float:
    """The work of a small backward call: a 2x2 leaf, a sum, its gradient."""
    x = torch.ones(2, 2, requires_grad=True)
    (g,) = torch.autograd.grad(x.sum(), [x])
    return float(g[0, 0])


def host(conn: Connection) -> None:
    torch.set_num_threads(1)
    while True:
        message = conn.recv_bytes()
        if message == b"stop":
            return
        conn.send_bytes(repr(step()).encode())


async def timed(call: Callable[[], Awaitable[object]]) -> list[float]:
    for _ in range(100):
        await call()
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        await call()
        times.append(time.perf_counter() - start)
    return times


async def main() -> None:
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(1)
    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=host, args=(child,), daemon=True)
    proc.start()
    readable = asyncio.Event()
    loop.add_reader(parent.fileno(), readable.set)

    async def inline() -> object:
        return step()

    async def thread() -> object:
        return await loop.run_in_executor(pool, step)

    async def process() -> object:
        parent.send_bytes(b"step")
        while not parent.poll():
            readable.clear()
            await readable.wait()
        return parent.recv_bytes()

    results = {name: await timed(call) for name, call in (("inline", inline), ("thread", thread), ("process", process))}
    parent.send_bytes(b"stop")
    loop.remove_reader(parent.fileno())
    proc.join(5)
    pool.shutdown()
    base = statistics.median(results["inline"])
    print(f"{'where':8} {'p50 µs':>8} {'p99 µs':>8} {'x inline':>9}")
    for name, times in results.items():
        times.sort()
        p50, p99 = statistics.median(times), times[int(len(times) * 0.99)]
        print(f"{name:8} {p50 * 1e6:8.1f} {p99 * 1e6:8.1f} {p50 / base:9.2f}")


if __name__ == "__main__":
    asyncio.run(main())
