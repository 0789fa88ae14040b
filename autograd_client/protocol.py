"""What every API call sends and how its answer is read, written once for both clients.

Each call is a *plan*: a generator that yields the ``Call`` objects it needs sent and receives
each ``Reply`` (or has the ``AutogradError`` thrown into it). ``Client`` drives plans with
blocking I/O and ``AsyncClient`` with ``await``; neither knows what a route means. A plan
takes a session (or client) object only for its state: id, token, dtype, op table, settings.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from autograd_client import tensors
from autograd_client.errors import NotFound
from autograd_client.graph import Handle, graph_of
from autograd_client.ops import OpTable

T = TypeVar("T")


@dataclass
class Call:
    """One HTTP request, before any transport touches it. POST and PUT carry an idempotency key,
    made once here so that every retry of this call sends the same one."""

    method: str
    path: str
    json: Any = None
    params: dict[str, str] | None = None
    token: str | None = None
    content: bytes | None = None
    content_type: str | None = None
    idempotency_key: str | None = field(default=None)

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
        return headers


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any


Plan = Generator[Call, Reply, T]


@dataclass(frozen=True)
class Evaluation:
    """The answer of the stateless route: output values, leaf gradients, and each output's description."""

    outputs: dict[str, Any]
    grads: dict[str, Any]
    variables: dict[str, dict[str, Any]]


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


# --- the client ---------------------------------------------------------------------------------


def op_table(client: Any) -> Plan[OpTable]:
    if client._ops is None:
        reply = yield Call("GET", "/v1/ops")
        client._ops = OpTable.from_json(reply.body)
    return client._ops


def open_session(client: Any, session: Any, device: str, dtype: str, ttl_seconds: int | None) -> Plan[Any]:
    table = yield from op_table(client)
    body: dict[str, Any] = {"device": device, "dtype": dtype}
    if ttl_seconds is not None:
        body["ttl_seconds"] = ttl_seconds
    reply = yield Call("POST", "/v1/sessions", json=body)
    session._opened(reply.body, table)
    return session


def evaluate(
    client: Any,
    source: str | Mapping[str, Any],
    inputs: Mapping[str, Any],
    requires_grad: Iterable[str],
    backward: str | None,
    device: str,
    dtype: str,
    as_numpy: bool | None,
) -> Plan[Evaluation]:
    grad_names = set(requires_grad)
    body: dict[str, Any] = {"expr": source} if isinstance(source, str) else {"graph": dict(source)}
    body["inputs"] = {
        n: {"data": upload(client, dtype, v), "requires_grad": n in grad_names} for n, v in inputs.items()
    }
    body.update(device=device, dtype=dtype)
    if backward is not None:
        body["backward"] = backward
    size = max((tensors.numel(tensors.shape_of(v)) for v in inputs.values()), default=0)
    reply = yield Call("POST", "/v1/evaluate", json=body, params=encoding(client, size))
    np = wants_numpy(client, as_numpy)
    outputs = reply.body["outputs"]
    return Evaluation(
        outputs={n: tensors.decode(v["data"], dtype=v["dtype"], as_numpy=np) for n, v in outputs.items()},
        grads={n: tensors.decode(g, as_numpy=np) for n, g in reply.body["grads"].items()},
        variables={n: {k: x for k, x in v.items() if k not in ("data", "grad")} for n, v in outputs.items()},
    )


# --- a session ----------------------------------------------------------------------------------


def put_variable(session: Any, name: str | None, data: Any, options: Mapping[str, Any]) -> Plan[Any]:
    """PUT a leaf from data or from an init (``options``: init, shape, value, seed, dtype, requires_grad)."""
    body = {k: list(v) if k == "shape" else v for k, v in options.items() if v is not None}
    if data is not None:
        body["data"] = upload(session.client, session.dtype, data, options.get("dtype"))
        size = tensors.numel(tensors.shape_of(data))
    else:
        size = tensors.numel(options.get("shape") or [])
    reply = yield call(session, "PUT", f"variables/{name or session._fresh_name()}", json=body, size=size)
    return session._handle(reply.body)


def materialize(session: Any, handle: Handle) -> Plan[Handle]:
    """Compute a waiting variable on the server (its waiting inputs in the same graph)."""
    if handle._expr is not None:
        graph, size = graph_of(handle)
        reply = yield call(session, "POST", "compute", json={"graph": graph}, size=size)
        handle._settle(reply.body["variables"][handle._name])
    return handle


def materialize_all(session: Any, items: Iterable[Any]) -> Plan[None]:
    for h in items:
        if isinstance(h, Handle):
            yield from materialize(session, h)


def read(session: Any, handle: Handle, field: str, as_numpy: bool | None) -> Plan[Any]:
    """The variable's current ``data`` or ``grad``, fetched now (leaves change under backward and step)."""
    yield from materialize(session, handle)
    size = tensors.numel(handle._meta.get("shape") or [])
    reply = yield call(session, "GET", f"variables/{handle._name}", size=size)
    handle._settle(reply.body)
    return tensors.decode(reply.body[field], dtype=reply.body["dtype"], as_numpy=wants_numpy(session.client, as_numpy))


def get(session: Any, name: str) -> Plan[Any]:
    reply = yield call(session, "GET", f"variables/{name}", size=session.client.b64_threshold)
    return session._handle(reply.body)


def listing(session: Any) -> Plan[list[Any]]:
    reply = yield call(session, "GET", "variables")
    return [session._handle(v) for v in reply.body["variables"] if "shape" in v]


def describe(session: Any) -> Plan[dict[str, Any]]:
    reply = yield Call("GET", f"/v1/sessions/{session.id}", token=session.token)
    return dict(reply.body)


def compute(session: Any, source: str | Mapping[str, Any], backward: str | None) -> Plan[dict[str, Any]]:
    body: dict[str, Any] = {"expr": source} if isinstance(source, str) else {"graph": dict(source)}
    if backward is not None:
        body["backward"] = backward
    reply = yield call(session, "POST", "compute", json=body, size=session._largest)
    return {n: session._handle(v) for n, v in reply.body["variables"].items()}


def backward(session: Any, handle: Handle, gradient: Any, inputs: Any) -> Plan[None]:
    yield from materialize(session, handle)
    body: dict[str, Any] = {"variable": handle._name}
    if gradient is not None:
        body["gradient"] = upload(session.client, session.dtype, gradient)
    if inputs is not None:
        body["inputs"] = names(inputs)
    yield call(session, "POST", "backward", json=body, size=session._largest)


def grad(
    session: Any,
    outputs: Any,
    inputs: Any,
    grad_outputs: Sequence[Any] | None,
    create_graph: bool,
    as_numpy: bool | None,
) -> Plan[tuple[Any, ...]]:
    """``torch.autograd.grad``: one gradient per input, in order; nothing accumulates."""
    yield from materialize_all(session, [*handles(outputs), *handles(inputs)])
    body: dict[str, Any] = {"outputs": names(outputs), "inputs": names(inputs), "create_graph": create_graph}
    if grad_outputs is not None:
        body["grad_outputs"] = [upload(session.client, session.dtype, g) for g in grad_outputs]
    size = max((tensors.numel(h._meta.get("shape") or []) for h in handles(inputs)), default=session._largest)
    reply = yield call(session, "POST", "grad", json=body, size=size)
    np = wants_numpy(session.client, as_numpy)
    return tuple(tensors.decode(reply.body["grads"][n], as_numpy=np) for n in body["inputs"])


def zero_grad(session: Any, variables: Any, set_to_none: bool) -> Plan[list[str]]:
    body: dict[str, Any] = {"set_to_none": set_to_none}
    if variables is not None:
        body["variables"] = names(variables)
    reply = yield call(session, "POST", "zero_grad", json=body)
    return list(reply.body["zeroed"])


def step(
    session: Any, optimizer: str | Mapping[str, Any], variables: Any, zero_grad: bool, options: Mapping[str, Any]
) -> Plan[dict[str, Any]]:
    """One optimizer step on the server (``POST .../step``); answers the updated variables."""
    config = {"type": optimizer, **options} if isinstance(optimizer, str) else {**optimizer, **options}
    body: dict[str, Any] = {"optimizer": config, "zero_grad": zero_grad}
    if variables is not None:
        body["variables"] = names(variables)
    reply = yield call(session, "POST", "step", json=body, size=session._largest)
    return {n: session._handle(v) for n, v in reply.body["variables"].items()}


def delete_variable(session: Any, item: Handle | str) -> Plan[None]:
    (name,) = names(item)
    yield call(session, "DELETE", f"variables/{name}")


def close(session: Any) -> Plan[None]:
    """Delete the session on the server; closing twice, or after it expired, is not an error."""
    with contextlib.suppress(NotFound):
        yield Call("DELETE", f"/v1/sessions/{session.id}", token=session.token)
