"""Client fixtures: a blocking client and session on the real server, and transports that misbehave."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from autograd_client import Client, Retry, Session

FAST_RETRY = Retry(attempts=4, backoff=0.01)


@pytest.fixture
def client(live_server) -> Iterator[Client]:
    with Client(live_server.url, retry=FAST_RETRY) as c:
        yield c


@pytest.fixture
def session(client: Client) -> Iterator[Session]:
    with client.session(device="cpu") as s:
        yield s


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def full_server(live_server):
    """A second real server that holds one session at most and asks clients to retry after 1 s."""
    server = type(live_server)(env={"AGS_MAX_SESSIONS": "1", "AGS_SWEEP_INTERVAL_SECONDS": "1"}).start()
    yield server
    server.stop()


class Recording(httpx.BaseTransport):
    """A real HTTP transport that keeps every request it sent and can fail chosen ones.

    ``fail(n, path)`` makes the next ``n`` requests whose path ends with ``path`` raise a connection
    error: ``before=True`` before they reach the server, otherwise after it answered (the answer is lost).
    ``fail(n, path, status=503)`` answers them with that status instead, without reaching the server.
    """

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent: list[httpx.Request] = []
        self.failures: list[tuple[str, bool, int | None]] = []

    def fail(self, n: int, path: str, *, before: bool = True, status: int | None = None) -> None:
        self.failures += [(path, before, status)] * n

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        failure = next((f for f in self.failures if request.url.path.endswith(f[0])), None)
        if failure is not None:
            self.failures.remove(failure)
            if failure[2] is not None:
                return httpx.Response(failure[2], json={"title": "Unavailable", "detail": "try again (test)"})
            if failure[1]:
                raise httpx.ConnectError("refused (test)", request=request)
        response = self.inner.handle_request(request)
        if failure is not None:
            response.read()
            raise httpx.ReadError("connection lost after the server answered (test)", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRecording(httpx.AsyncBaseTransport):
    """``Recording`` for the async client."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.sent: list[httpx.Request] = []
        self.failing: list[str] = []

    def fail(self, n: int, path: str) -> None:
        self.failing += [path] * n

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        failure = next((p for p in self.failing if request.url.path.endswith(p)), None)
        if failure is not None:
            self.failing.remove(failure)
            raise httpx.ConnectError("refused (test)", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
def recording() -> Recording:
    return Recording()


@pytest.fixture
def recorded(live_server, recording: Recording) -> Iterator[Session]:
    """A session whose every request goes through ``recording``."""
    with Client(live_server.url, transport=recording, retry=FAST_RETRY) as c, c.session(device="cpu") as s:
        yield s


@pytest.fixture
def async_recording() -> AsyncRecording:
    return AsyncRecording()


@pytest.fixture(scope="module")
def keyed_server(live_server):
    """A second real server that wants ``X-API-Key: k1`` to make sessions."""
    server = type(live_server)(env={"AGS_API_KEYS": "k1"}).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def capped_server(live_server):
    """A second real server where a caller may hold one Idempotency-Key."""
    server = type(live_server)(env={"AGS_IDEMPOTENCY_CALLER_KEYS": "1"}).start()
    yield server
    server.stop()
