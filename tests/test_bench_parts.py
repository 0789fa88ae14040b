"""The in-process parts of the benchmarks still run against the code they measure (they are run by
hand, so nothing else would notice an API they call going away). Behaviour only, never timings."""

import asyncio

from bench import durable_writes, layers, train
from bench.mlp import data


def test_the_engine_loop_of_bench_train_trains():
    steps = train.engine_loop(data(), "cpu")
    assert steps(train.FUSED) > 0


def test_bench_durable_writes_writes_both_ways():
    whole_bytes, _ = durable_writes.run(1, "os", False, True)
    log_bytes, _ = durable_writes.run(1, "os", True, True)
    assert 0 < log_bytes < whole_bytes


def test_bench_layers_measures_every_layer():
    rows = asyncio.run(layers.measure("inline", 10))
    assert [r[0].strip() for r in rows][:3] == [
        "bare FastAPI echo (baseline)",
        "GET /healthz, whole app",
        "POST backward, whole app",
    ]
    assert all(isinstance(r[1], float) for r in rows)
