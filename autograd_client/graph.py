"""Op calls turned into the service's JSON graph: argument binding, constants, indexing.

A variable made by an op holds an ``Expr`` until the server has computed it. The sync client
sends each one at once (one node per call, like eager PyTorch); the async client lets a chain
of ops wait and sends the whole chain as one graph when it is awaited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from autograd_client.ops import OpInfo
from autograd_client.tensors import is_array, jsonable, numel


@dataclass
class Const:
    """A number, list or array written where a tensor is expected: a ``const`` node."""

    value: Any
    dtype: str | None = None


@dataclass
class Expr:
    """One op applied to tensors (handles or constants) with literal attributes."""

    op: str
    inputs: list[Any]
    attrs: dict[str, Any] = field(default_factory=dict)


class Handle:
    """What the graph builder needs of a variable: its name, what it knows, and a pending Expr."""

    def __init__(self, session: Any, name: str, meta: Mapping[str, Any] | None = None, expr: Expr | None = None):
        self._session = session
        self._name = name
        self._meta: dict[str, Any] = dict(meta or {})
        self._expr = expr

    def _settle(self, meta: Mapping[str, Any]) -> None:
        """Take the server's description of this variable: it now exists there."""
        self._meta = {k: v for k, v in meta.items() if k not in ("data", "grad")}
        self._expr = None
        self._session._saw(numel(self._meta.get("shape") or []))


def operand(value: Any) -> Handle | Const:
    """A tensor input: a handle as is, anything else as a constant (ints stay int64, as in torch)."""
    if isinstance(value, Handle):
        return value
    if is_array(value):
        return Const(jsonable(value.tolist()), str(value.dtype))
    if isinstance(value, (bool, int, float, list, tuple)):
        return Const(jsonable(_lists(value)))
    raise TypeError(f"expected a variable, a number, a list or an array, got {type(value).__name__}")


def _lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (bool, int, float)):
        return value.item()
    return value


def literal(value: Any) -> Any:
    """An attribute value in JSON: tuples become lists, numpy scalars Python numbers."""
    if isinstance(value, Handle):
        raise TypeError(f"a variable cannot be an attribute; pass {value._name!r} as a positional tensor input")
    return jsonable(_lists(value))


def bind(info: OpInfo, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Expr:
    """Split a call into tensor inputs (by the op's arity) and attributes (positional, then by keyword)."""
    name = info.name
    if info.variadic == "list":
        if not args or not isinstance(args[0], (list, tuple)):
            raise TypeError(f"{name}() takes a list of tensors first, like {name}([a, b])")
        tensors, rest = list(args[0]), list(args[1:])
    else:
        n = info.arity
        if info.variadic == "spread":
            while n < len(args) and isinstance(args[n], Handle):
                n += 1
        if len(args) < n:
            raise TypeError(f"{name}() takes {info.arity} tensor argument(s), got {len(args)}")
        tensors, rest = list(args[:n]), list(args[n:])
    attrs: dict[str, Any] = {}
    for i, value in enumerate(rest):
        if i < len(info.attrs):
            gathered = info.gathers and i == len(info.attrs) - 1 and not isinstance(value, (list, tuple))
            attrs[info.attrs[i]] = [literal(value)] if gathered else literal(value)
        elif info.gathers:
            attrs[info.attrs[-1]].append(literal(value))
        else:
            raise TypeError(f"{name}() takes at most {len(info.attrs)} attribute argument(s) after its tensors")
    for key, value in kwargs.items():
        if key not in info.attrs:
            raise TypeError(f"{name}() has no attribute {key!r} (attributes: {', '.join(info.attrs) or 'none'})")
        if key in attrs:
            raise TypeError(f"{name}() got attribute {key!r} twice")
        attrs[key] = literal(value)
    return Expr(name, [operand(t) for t in tensors], attrs)


def index_expr(base: Handle, key: Any) -> Expr:
    """``x[key]`` as an ``index`` node: ints, slices, None, ``...``, and tensors (handles, lists, arrays)."""
    items = key if isinstance(key, tuple) else (key,)
    index: list[Any] = []
    tensors: list[Handle | Const] = []
    for item in items:
        if item is None or (isinstance(item, int) and not isinstance(item, bool)):
            index.append(item)
        elif item is Ellipsis:
            index.append("...")
        elif isinstance(item, slice):
            index.append({"slice": [item.start, item.stop, item.step]})
        else:
            tensor = operand(item)
            if isinstance(tensor, Const) and tensor.dtype is None:
                tensor.dtype = "bool" if _all_bool(tensor.value) else "int64"
            index.append({"tensor": len(tensors)})
            tensors.append(tensor)
    return Expr("index", [base, *tensors], {"index": index})


def _all_bool(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value) and all(_all_bool(v) for v in value)
    return isinstance(value, bool)


def graph_of(root: Handle) -> tuple[dict[str, Any], int]:
    """The JSON graph that computes ``root`` (its waiting inputs inlined), and its largest known input size."""
    nodes: list[dict[str, Any]] = []
    done: set[int] = set()
    largest = 0

    def ref(item: Handle | Const) -> str:
        nonlocal largest
        if isinstance(item, Const):
            node_id = f"%{len(nodes)}"
            attrs = {"value": item.value} if item.dtype is None else {"value": item.value, "dtype": item.dtype}
            nodes.append({"id": node_id, "op": "const", "attrs": attrs})
            return node_id
        largest = max(largest, numel(item._meta.get("shape") or []))
        return item._name

    stack: list[tuple[Handle, bool]] = [(root, False)]
    while stack:
        handle, expanded = stack.pop()
        expr = handle._expr
        if id(handle) in done or expr is None:
            continue
        if expanded:
            node = {"id": handle._name, "op": expr.op, "inputs": [ref(i) for i in expr.inputs]}
            nodes.append({**node, "attrs": expr.attrs} if expr.attrs else node)
            done.add(id(handle))
            continue
        stack.append((handle, True))
        stack.extend((i, False) for i in expr.inputs if isinstance(i, Handle) and i._expr is not None)
    return {"nodes": nodes, "outputs": [root._name]}, largest
