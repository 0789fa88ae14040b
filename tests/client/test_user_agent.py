"""Every call names the client and its version in ``User-Agent``, so a server's logs tell clients apart."""

from __future__ import annotations

import httpx
import pytest

import autograd_client
from autograd_client import AsyncClient, Client


def test_the_blocking_client_sends_its_version_and_httpx_s(live_server, recording):
    with Client(live_server.url, transport=recording) as c, c.session() as s:
        s.variable(1.0, name="x")
    agents = {r.headers["User-Agent"] for r in recording.sent}
    assert agents == {f"autograd-client/{autograd_client.__version__} python-httpx/{httpx.__version__}"}
    assert autograd_client.__version__ == "0.1.0"


@pytest.mark.anyio
async def test_the_async_client_sends_it_too_and_a_callers_own_header_wins(live_server, async_recording):
    async with AsyncClient(live_server.url, transport=async_recording) as c:
        await c.ops()
    async with AsyncClient(live_server.url, transport=async_recording, headers={"User-Agent": "mine/1"}) as c:
        await c.ops()
    agents = [r.headers["User-Agent"] for r in async_recording.sent]
    assert agents == [f"autograd-client/0.1.0 python-httpx/{httpx.__version__}", "mine/1"]
