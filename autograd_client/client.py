"""The two clients: ``Client`` (blocking) and ``AsyncClient``, the same calls over httpx.

with Client("http://localhost:8000") as client, client.session() as s:
    x = s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    x.sum().backward()

async with AsyncClient("http://localhost:8000") as client, client.session() as s:
    x = await s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    await x.sum().backward()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import httpx

from autograd_client import __version__, protocol
from autograd_client.calls import Plan
from autograd_client.retry import Retry
from autograd_client.session import AsyncSession, Opening, Session
from autograd_client.transport import drive, drive_async

DEFAULT_URL = "http://localhost:8000"


USER_AGENT = f"autograd-client/{__version__} python-httpx/{httpx.__version__}"


def default_headers(headers: Mapping[str, str] | None, api_key: str | None) -> dict[str, str]:
    """The headers of every call: a ``User-Agent`` naming this client's version (so that a server's
    logs tell clients apart), the caller's own headers (which may replace it), and ``X-API-Key`` for
    servers that set ``AGS_API_KEYS``."""
    return {"User-Agent": USER_AGENT, **(headers or {}), **({"X-API-Key": api_key} if api_key else {})}


class ClientBase:
    """Settings both clients share; every call is a plan handed to ``_run``.

    ``b64_threshold``: tensors of this many elements or more travel as bytes, not lists.
    ``arrays``: what ``.data`` and ``.grad`` give, nested lists or numpy arrays.
    ``npy``: upload large numpy arrays as ``.npy`` files (the server's binary fast path).
    """

    def __init__(
        self,
        *,
        retry: Retry | None = None,
        b64_threshold: int = 1024,
        arrays: Literal["list", "numpy"] = "list",
        npy: bool = True,
    ) -> None:
        if arrays not in ("list", "numpy"):
            raise ValueError("arrays must be 'list' or 'numpy'")
        self.retry = retry or Retry()
        self.b64_threshold = b64_threshold
        self.arrays = arrays
        self.npy = npy
        self._ops: Any = None

    def _run(self, plan: Plan[Any]) -> Any:
        raise NotImplementedError

    def ops(self) -> Any:
        """The server's op table, name -> OpInfo (read once, then kept)."""
        return self._run(protocol.op_table(self))

    def evaluate(
        self,
        source: str | Mapping[str, Any],
        inputs: Mapping[str, Any],
        *,
        requires_grad: Iterable[str] = (),
        backward: str | None = None,
        device: str = "cpu",
        dtype: str = "float32",
        as_numpy: bool | None = None,
    ) -> Any:
        """``POST /v1/evaluate``: outputs (and, with ``backward``, leaf grads) with no session kept."""
        return self._run(protocol.evaluate(self, source, inputs, requires_grad, backward, device, dtype, as_numpy))


class Client(ClientBase):
    """Blocking client. ``transport`` is any httpx transport (tests use it to inject failures)."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        timeout: float = 60.0,
        headers: Mapping[str, str] | None = None,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(**settings)
        headers = default_headers(headers, api_key)
        self._http = httpx.Client(base_url=base_url, timeout=timeout, headers=headers, transport=transport)

    def _run(self, plan: Plan[Any]) -> Any:
        return drive(self._http, plan, self.retry)

    def session(self, device: str = "auto", dtype: str = "float32", ttl_seconds: int | None = None) -> Session:
        """A new session on the server; use it in ``with`` to delete it afterwards."""
        return self._run(protocol.open_session(self, Session(self), device, dtype, ttl_seconds))

    def view(self, session_id: str, token: str) -> Session:
        """Someone's session, read-only, from a viewer token they made (``session.share()``)."""
        return self._run(protocol.view(self, Session(self), session_id, token))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(ClientBase):
    """The same calls for asyncio: every call returns an awaitable."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        timeout: float = 60.0,
        headers: Mapping[str, str] | None = None,
        api_key: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(**settings)
        headers = default_headers(headers, api_key)
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, headers=headers, transport=transport)

    def _run(self, plan: Plan[Any]) -> Any:
        return drive_async(self._http, plan, self.retry)

    def session(self, device: str = "auto", dtype: str = "float32", ttl_seconds: int | None = None) -> Opening:
        """A new session: ``s = await client.session()`` or ``async with client.session() as s``."""
        return Opening(self._run(protocol.open_session(self, AsyncSession(self), device, dtype, ttl_seconds)))

    def view(self, session_id: str, token: str) -> Opening:
        """Someone's session, read-only, from a viewer token: ``s = await client.view(id, token)``."""
        return Opening(self._run(protocol.view(self, AsyncSession(self), session_id, token)))

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
