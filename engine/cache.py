"""The compiled-graph cache: parse and validate a graph once, run it many times.

Two kinds of entry share one bounded LRU:

- an expression's text (with the limits it was parsed under) -> its Graph;
- a graph's canonical form (with the node limit) -> its Compiled form.

Only successes are kept, so a bad graph is parsed and validated every time and fails with exactly
the error it always had. A Compiled form depends on the names a session holds only through the
check that every external reference exists; a hit is used only when all of its externals are
available, and otherwise the graph is compiled afresh to raise the usual error.

The canonical form tags every value with its type (``1``, ``1.0`` and ``true`` stay distinct, as
attribute validation keeps them), so a cached graph is always the one its key was built from.
Cached graphs are shared between calls and never mutated (the evaluator copies attributes).

The cache is bounded in bytes too, not only in entries: a graph whose attributes hold more than
``MAX_VALUES`` numbers (a list constant) is never cached. Its key alone would cost tens of times
its JSON (a 1M-element constant, 85x), and it would outlive the session that sent it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from engine import expr, graph, shapes
from engine.graph import Compiled, Graph

DEFAULT_SIZE = 512
MAX_VALUES = 1024  # numbers in a graph's attributes past which it is not cached
VALUE_BYTES = 40  # what a number in a list constant costs as a Python object, its list slot included


class LRU:
    """A thread-safe LRU of at most ``size`` entries; size 0 keeps nothing."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self.hits = self.misses = 0
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
                self._data.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def resize(self, size: int) -> None:
        with self._lock:
            self.size = size
            while len(self._data) > max(size, 0):
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


GRAPHS = LRU()


def configure(size: int) -> None:
    """Bound the cache at ``size`` graphs; 0 turns it off."""
    GRAPHS.resize(size)


def parsed_expression(text: str, *, max_length: int = 10_000, max_depth: int = 100, max_nodes: int = 1000) -> Graph:
    """``engine.expr.parse_expression``, remembered by text and limits."""
    if GRAPHS.size <= 0 or not isinstance(text, str):
        return expr.parse_expression(text, max_length=max_length, max_depth=max_depth, max_nodes=max_nodes)
    key = ("expr", text, max_length, max_depth, max_nodes)
    found = GRAPHS.get(key)
    if found is None:
        found = expr.parse_expression(text, max_length=max_length, max_depth=max_depth, max_nodes=max_nodes)
        GRAPHS.put(key, found)
    return found


def compiled_graph(g: Graph, available: Iterable[str], *, max_nodes: int | None = None) -> Compiled:
    """``engine.graph.compile_graph``, remembered by the graph's canonical form and the node limit."""
    key = None if GRAPHS.size <= 0 else canonical(g)
    if key is None:
        return graph.compile_graph(g, available, max_nodes=max_nodes)
    key = ("compiled", key, max_nodes)
    found: Compiled | None = GRAPHS.get(key)
    names = available if isinstance(available, (set, frozenset)) else set(available)
    if found is not None and found.externals <= names:
        return found
    compiled = graph.compile_graph(g, names, max_nodes=max_nodes)
    GRAPHS.put(key, compiled)
    return compiled


class _Uncacheable(Exception):
    pass


def canonical(g: Graph) -> tuple | None:
    """A hashable form that two graphs share only if they are the same graph; None if unsure, or if it
    holds more than ``MAX_VALUES`` numbers."""
    room = [MAX_VALUES]
    try:
        nodes = tuple((n.id, n.op, tuple(n.inputs), _freeze(n.attrs, room)) for n in g.nodes)
    except _Uncacheable:
        return None
    return nodes, tuple(g.outputs)


def canonical_of(compiled: Compiled) -> tuple | None:
    """``canonical`` of a compiled graph, worked out once per graph: a definition is evaluated on
    every backward and read, and its form cost more than the rest of a small backward's lookups."""
    found = compiled.__dict__.get("_canonical", _UNSET)
    if found is _UNSET:
        found = canonical(Graph(compiled.nodes, compiled.outputs))
        object.__setattr__(compiled, "_canonical", found)  # frozen, so the form can never go stale
    return found


def constant_bytes(compiled: Compiled) -> int:
    """What the list constants of a definition hold as Python objects, counted in its session's bytes;
    worked out once per graph."""
    found = compiled.__dict__.get("_constant_bytes")
    if found is None:
        found = VALUE_BYTES * sum(_count(n.attrs.get("value")) for n in compiled.nodes if n.op == "const")
        object.__setattr__(compiled, "_constant_bytes", found)
    return int(found)


def _count(value: Any) -> int:
    if isinstance(value, (list, tuple)):
        return sum(_count(v) for v in value) if value and isinstance(value[0], (list, tuple)) else len(value)
    return 0


_UNSET = object()


def _freeze(value: Any, room: list[int]) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return (kind.__name__, value)
    if kind is float:
        return ("float", value.hex())  # NaN equals itself here, and -0.0 differs from 0.0
    if value is None:
        return ("none",)
    if kind is list or kind is tuple:
        room[0] -= len(value)
        if room[0] < 0:
            raise _Uncacheable
        return (kind.__name__, tuple(_freeze(v, room) for v in value))
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: kv[0]) if all(type(k) is str for k in value) else None
        if items is None:
            raise _Uncacheable
        return ("dict", tuple((k, _freeze(v, room)) for k, v in items))
    raise _Uncacheable


class Reads:
    """One session's computed variables as last read, each kept with the leaves it was computed from.

    A read of a computed variable (GET, a session listing) reuses the entry while every leaf it
    depends on is the same tensor at the same version (torch bumps ``_version`` on every in-place
    change, an optimizer step's included) with the same ``requires_grad``, and the definition is the
    same object. Entries hold detached values (the session keeps the grad_fn's name beside them), so
    an entry holds its value's bytes and no autograd graph; ``nbytes`` counts them into the session's
    bytes, and ``put`` keeps nothing past the ``room`` the session's byte limit leaves. Backward and
    grad never use these values: each runs a fresh forward, as the contract says.
    """

    def __init__(self) -> None:
        self._values: dict[str, tuple[object, tuple, Any, int]] = {}
        self.nbytes = 0

    @staticmethod
    def _stamp(definition: Compiled, leaves: dict[str, Any]) -> tuple | None:
        try:
            return tuple(
                (n, id(leaves[n]), leaves[n]._version, leaves[n].requires_grad) for n in sorted(definition.externals)
            )
        except KeyError:
            return None

    def get(self, name: str, definition: Compiled, leaves: dict[str, Any]) -> Any:
        entry = self._values.get(name)
        if entry is None:
            return None
        owner, stamp, value, _ = entry
        if owner is definition and stamp == self._stamp(definition, leaves):
            return value
        self.drop(name)
        return None

    def put(
        self, name: str, definition: Compiled, leaves: dict[str, Any], value: Any, nbytes: int, room: int | None
    ) -> None:
        self.drop(name)
        stamp = self._stamp(definition, leaves)
        if stamp is not None and (room is None or nbytes <= room):
            self._values[name] = (definition, stamp, value, nbytes)
            self.nbytes += nbytes

    def drop(self, name: str) -> None:
        entry = self._values.pop(name, None)
        if entry is not None:
            self.nbytes -= entry[3]

    def forget(self) -> None:
        self._values.clear()
        self.nbytes = 0


def inferred_shapes(
    compiled: Compiled,
    inputs: dict[str, Any],
    ctx: Any,
    *,
    max_elements: int | None = None,
    max_dims: int | None = None,
) -> Any:
    """``engine.shapes.infer`` (the meta-device shape pass), remembered by graph and input signatures.

    The pass reads only the inputs' shapes, dtypes and ``requires_grad``, the session's default dtype
    and the element and dimension limits, so a graph run again on leaves of the same kinds passes again; failures
    are never kept, and are found afresh each time.
    """
    graph_key = None if GRAPHS.size <= 0 else canonical_of(compiled)
    if graph_key is None:
        return shapes.infer(compiled, inputs, ctx, max_elements=max_elements, max_dims=max_dims)
    signature = tuple(
        (n, tuple(t.shape), t.dtype, t.requires_grad) if hasattr(t, "shape") else (n, repr(t))
        for n, t in sorted(inputs.items())
    )
    key = ("shapes", graph_key, signature, getattr(ctx, "dtype", None), max_elements, max_dims)
    found = GRAPHS.get(key)
    if found is None:
        found = shapes.infer(compiled, inputs, ctx, max_elements=max_elements, max_dims=max_dims)
        GRAPHS.put(key, found)
    return found
