"""An HTTP exchange described without I/O: the ``Call`` a plan yields, the ``Reply`` it gets back,
and the helpers that build calls and their tensor payloads.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from autograd_client import tensors
from autograd_client.graph import Handle

T = TypeVar("T")


@dataclass
class Call:
    """One HTTP request, before any transport touches it. POST and PUT carry an idempotency key,
    made once here so that every retry of this call sends the same one. With ``events`` the answer
    is asked for as a stream: each event but the last goes to ``events(name, data)`` as it comes."""

    method: str
    path: str
    json: Any = None
    params: dict[str, str] | None = None
    token: str | None = None
    content: bytes | None = None
    content_type: str | None = None
    idempotency_key: str | None = field(default=None)
    events: Callable[[str, Any], None] | None = None

    def __post_init__(self) -> None:
        if self.method in ("POST", "PUT") and self.idempotency_key is None:
            self.idempotency_key = str(uuid.uuid4())

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.idempotency_key is not None:
            headers["Idempotency-Key"] = self.idempotency_key
        if self.content_type is not None:
            headers["Content-Type"] = self.content_type
        if self.events is not None:
            headers["Accept"] = "text/event-stream"
        return headers


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any


Plan = Generator[Call, Reply, T]


# --- building calls -------------------------------------------------------------------------------


def call(session: Any, method: str, sub: str, *, json: Any = None, size: int = 0) -> Call:
    """A call under ``/v1/sessions/{id}``; answers with tensors of ``size`` elements or more come as b64."""
    path = f"/v1/sessions/{session.id}/{sub}"
    return Call(method, path, json=json, params=encoding(session.client, size), token=session.token)


def encoding(client: Any, size: int) -> dict[str, str] | None:
    return {"encoding": "b64"} if size >= client.b64_threshold else None


def upload(client: Any, default_dtype: str, value: Any, dtype: str | None = None) -> Any:
    """A tensor value for a request body, in the JSON form its size calls for."""
    if isinstance(value, Handle):
        raise TypeError(f"pass tensor values here, not the variable {value._name!r}")
    return tensors.encode(value, dtype=dtype, default_dtype=default_dtype, threshold=client.b64_threshold)


def names(items: Handle | str | Iterable[Handle | str]) -> list[str]:
    if isinstance(items, (Handle, str)):
        items = [items]
    return [i._name if isinstance(i, Handle) else i for i in items]


def handles(items: Handle | Iterable[Handle]) -> list[Handle]:
    return [items] if isinstance(items, Handle) else [i for i in items if isinstance(i, Handle)]


def wants_numpy(client: Any, as_numpy: bool | None) -> bool:
    return client.arrays == "numpy" if as_numpy is None else as_numpy
