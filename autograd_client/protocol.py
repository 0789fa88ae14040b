"""What every API call sends and how its answer is read, written once for both clients.

Each call is a *plan*: a generator that yields the ``Call`` objects it needs sent and receives
each ``Reply`` (or has the ``AutogradError`` thrown into it). ``Client`` drives plans with
blocking I/O and ``AsyncClient`` with ``await``; neither knows what a route means. A plan
takes a session (or client) object only for its state: id, token, dtype, op table, settings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from autograd_client import progress, tensors
from autograd_client.calls import Call, Plan, call, encoding, handles, names, upload, wants_numpy
from autograd_client.errors import NotFound
from autograd_client.graph import Handle, graph_of
from autograd_client.ops import OpTable


@dataclass(frozen=True)
class Evaluation:
    """The answer of the stateless route: output values, leaf gradients, and each output's description."""

    outputs: dict[str, Any]
    grads: dict[str, Any]
    variables: dict[str, dict[str, Any]]


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


def view(client: Any, session: Any, session_id: str, token: str) -> Plan[Any]:
    """A session opened with a viewer token: it reads, and every change is refused (``ReadOnly``)."""
    table = yield from op_table(client)
    reply = yield Call("GET", f"/v1/sessions/{session_id}", token=token)
    session._opened({**reply.body, "token": token}, table)
    session.read_only = True
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
    path = f"variables/{name or session._fresh_name()}"
    npy_call = put_npy(session, path, data, options)
    if npy_call is not None:
        reply = yield npy_call
        return session._handle(reply.body)
    body = {k: list(v) if k == "shape" else v for k, v in options.items() if v is not None}
    if data is not None:
        body["data"] = upload(session.client, session.dtype, data, options.get("dtype"))
        size = tensors.numel(tensors.shape_of(data))
    else:
        size = tensors.numel(options.get("shape") or [])
    reply = yield call(session, "PUT", path, json=body, size=size)
    return session._handle(reply.body)


def put_npy(session: Any, path: str, data: Any, options: Mapping[str, Any]) -> Call | None:
    """The binary fast path for a large numpy array, or None where JSON is the way (small, lists, bfloat16)."""
    client = session.client
    if not (client.npy and tensors.is_array(data)) or tensors.numel(list(data.shape)) < client.b64_threshold:
        return None
    content = tensors.npy_bytes(data, options.get("dtype"))
    if content is None:
        return None
    params = {"requires_grad": "true" if options.get("requires_grad") else "false"}
    path = f"/v1/sessions/{session.id}/{path}"
    return Call("PUT", path, params=params, token=session.token, content=content, content_type="application/x-npy")


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


def train(
    session: Any,
    loss: Handle | str,
    optimizer: str | Mapping[str, Any],
    loop: Mapping[str, Any],
    options: Mapping[str, Any],
    show: bool | str,
    on_progress: Any,
) -> Plan[list[float]]:
    """The fused loop on the server (``POST .../train``): the logged losses, streamed when anyone watches.

    ``loop`` holds steps, variables, zero_grad and log_every; a failure part-way raises with the
    server's problem in ``error.body`` (``steps`` says how many were applied).
    """
    if isinstance(loss, Handle):
        yield from materialize(session, loss)
    config = {"type": optimizer, **options} if isinstance(optimizer, str) else {**optimizer, **options}
    body: dict[str, Any] = {"loss": names(loss)[0], "optimizer": config}
    body.update({k: names(v) if k == "variables" else v for k, v in loop.items() if v is not None})
    on_event, finish = progress.listener(int(body.get("steps", 1)), show, on_progress)
    try:
        reply = yield Call("POST", f"/v1/sessions/{session.id}/train", json=body, token=session.token, events=on_event)
    finally:
        finish()
    return [float(x) for x in reply.body["losses"]]  # float() reads the "NaN" and "Infinity" spellings too


def delete_variable(session: Any, item: Handle | str) -> Plan[None]:
    (name,) = names(item)
    yield call(session, "DELETE", f"variables/{name}")


def share(session: Any, expires_in_s: int | None) -> Plan[dict[str, Any]]:
    body = {} if expires_in_s is None else {"expires_in_s": expires_in_s}
    reply = yield call(session, "POST", "viewers", json=body)
    return dict(reply.body)


def viewers(session: Any) -> Plan[list[dict[str, Any]]]:
    reply = yield call(session, "GET", "viewers")
    return list(reply.body["viewers"])


def revoke(session: Any, viewer_id: str) -> Plan[None]:
    yield call(session, "DELETE", f"viewers/{viewer_id}")


def close(session: Any) -> Plan[None]:
    """Delete the session on the server; closing twice, or after it expired, is not an error, and
    closing a session opened read-only (``view``) leaves it as it is."""
    if session.read_only:
        return
    with contextlib.suppress(NotFound):
        yield Call("DELETE", f"/v1/sessions/{session.id}", token=session.token)
