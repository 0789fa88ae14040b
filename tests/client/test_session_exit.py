"""Leaving a session's ``with`` block deletes the session on the server, on success and on an exception.

Checked from outside the client, with plain HTTP and the session's own token.
"""

from __future__ import annotations

import httpx
import pytest

from autograd_client import AsyncClient, Client


def server_has(url: str, session_id: str, token: str) -> bool:
    r = httpx.get(f"{url}/v1/sessions/{session_id}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code in (200, 404), r.text
    return r.status_code == 200


def test_leaving_the_block_deletes_the_session(live_server, client: Client):
    with client.session(device="cpu") as s:
        s.variable([1.0], name="x")
        assert server_has(live_server.url, s.id, s.token)
    assert not server_has(live_server.url, s.id, s.token)


def test_an_exception_in_the_block_still_deletes_the_session(live_server, client: Client):
    with pytest.raises(ZeroDivisionError), client.session(device="cpu") as s:
        opened = (s.id, s.token)
        1 / 0  # noqa: B018
    assert not server_has(live_server.url, *opened)


@pytest.mark.anyio
async def test_leaving_the_async_block_deletes_the_session(live_server):
    async with AsyncClient(live_server.url) as client:
        async with client.session(device="cpu") as s:
            assert server_has(live_server.url, s.id, s.token)
        assert not server_has(live_server.url, s.id, s.token)
