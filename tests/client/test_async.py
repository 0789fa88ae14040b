"""The async client: the same calls awaited; a chain of ops waits and goes to the server as one graph."""

from __future__ import annotations

import asyncio
import time

import pytest

from autograd_client import AsyncClient, AsyncVariable, InvalidRequest, Retry, transport

pytestmark = pytest.mark.anyio
FAST = Retry(attempts=3, backoff=0.01)


async def test_seed_example(live_server):
    async with AsyncClient(live_server.url) as client, client.session() as s:
        x = await s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
        y = x.sum()
        for _ in range(3):
            await y.backward()
        assert await x.read_grad() == [[3, 3], [3, 3]]
        assert await s.zero_grad() == ["x"]
        assert await x.read_grad() == [[0, 0], [0, 0]]
        assert (y.grad_fn, await y.item()) == ("SumBackward0", 4.0)


async def test_a_chain_of_ops_is_one_compute_call(live_server, async_recording):
    async with AsyncClient(live_server.url, transport=async_recording) as client, client.session() as s:
        w = await s.variable([[1.0, 2.0], [3.0, 4.0]], requires_grad=True, name="w")
        loss = ((w * 2 + 1) ** 2).mean()
        assert isinstance(loss, AsyncVariable)
        with pytest.raises(RuntimeError, match="await it first"):
            _ = loss.shape
        await loss.backward()
        computes = [r for r in async_recording.sent if r.url.path.endswith("/compute")]
        assert len(computes) == 1
        # d/dw mean((2w+1)^2) = (2w+1) * 4 / 4
        assert await w.read_grad() == [[3.0, 5.0], [7.0, 9.0]]
        assert (loss.shape, await loss.item()) == ((), (9 + 25 + 49 + 81) / 4)


async def test_awaiting_computes_and_ops_functions_work(live_server):
    async with AsyncClient(live_server.url) as client, client.session() as s:
        w = await s.variable([[1.0, 2.0], [3.0, 4.0]], name="w")
        t = await s.ops.transpose(w, 0, 1)
        assert (t.shape, await t.tolist()) == ((2, 2), [[1.0, 3.0], [2.0, 4.0]])
        assert await w[1].tolist() == [3.0, 4.0]
        x = await s.variable([1.0, 2.0], requires_grad=True, name="x")
        assert await s.grad((x * x).sum(), x) == ([2.0, 4.0],)
        with pytest.raises(TypeError, match="read_grad"):
            _ = w.grad


async def test_connection_error_is_retried_with_the_same_key(live_server, async_recording):
    async with AsyncClient(live_server.url, transport=async_recording, retry=FAST) as client, client.session() as s:
        x = await s.variable([1.0, 2.0], requires_grad=True, name="x")
        async_recording.fail(1, "/backward")
        await (x * x).sum().backward()
        tries = [r for r in async_recording.sent if r.url.path.endswith("/backward")]
        assert len(tries) == 2
        assert tries[0].headers["Idempotency-Key"] == tries[1].headers["Idempotency-Key"]
        assert await x.read_grad() == [2.0, 4.0]


async def test_errors_map_to_the_same_classes(live_server):
    async with AsyncClient(live_server.url) as client:
        s = await client.session()
        x = await s.variable([1.0, 2.0], name="x")
        with pytest.raises(InvalidRequest) as e:
            await (x @ [[1.0, 2.0, 3.0]])
        assert e.value.status == 422
        await s.close()


async def test_stateless_evaluate(live_server):
    async with AsyncClient(live_server.url) as client:
        result = await client.evaluate("y = (x * 3).sum()", {"x": [1.0, 1.0]}, requires_grad=["x"], backward="y")
    assert (result.outputs, result.grads) == ({"y": 6.0}, {"x": [3.0, 3.0]})


async def test_async_retries_sleep_their_backoff_without_blocking_the_loop(live_server, async_recording, monkeypatch):
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded_sleep(seconds: float) -> None:
        slept.append(seconds)
        await real_sleep(seconds)

    monkeypatch.setattr(transport.asyncio, "sleep", recorded_sleep)
    ceiling = Retry(attempts=3, backoff=0.3, uniform=lambda low, high: high)  # the longest waits: 0.3, 0.6
    async with AsyncClient(live_server.url, transport=async_recording, retry=ceiling) as client:
        async_recording.fail(2, "/v1/ops")
        ticks = 0

        async def tick() -> None:  # runs while the client waits: the waits yield to the loop
            nonlocal ticks
            while True:
                await real_sleep(0.05)
                ticks += 1

        ticker = asyncio.create_task(tick())
        start = time.monotonic()
        assert "add" in await client.ops()
        elapsed = time.monotonic() - start
        ticker.cancel()
    assert slept == [0.3, 0.6]
    assert elapsed >= 0.9
    assert ticks >= 10
    assert len([r for r in async_recording.sent if r.url.path == "/v1/ops"]) == 3
