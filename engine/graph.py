"""The graph IR, its validation pass and its evaluator.

A graph is ``{"nodes": [{id, op, inputs, attrs}], "outputs": [ids]}``. ``compile_graph``
checks everything that can be checked without tensors (ids, references, cycles, arity,
attributes, size) and fixes an evaluation order; engine/shapes.py then checks shapes and
dtypes on the meta device, and ``run`` walks that order once. A node's value is a tensor, or
a tuple where torch returns one (see engine/ops.py): only ``index`` reads a tuple, and an
output must be a tensor; either mistake is a ComputeError that says to index the tuple.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine import budget
from engine.errors import ComputeError, EngineError, InvalidGraph, LimitExceeded
from engine.ops import OPS
from engine.opspec import EvalContext, OpSpec

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
RESERVED = frozenset({"inf", "nan"})


@dataclass(frozen=True)
class Node:
    id: str
    op: str
    inputs: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class Compiled:
    """A validated graph: nodes in evaluation order, attributes checked, external names known."""

    nodes: tuple[Node, ...]
    outputs: tuple[str, ...]
    externals: frozenset[str]

    def prune(self, output: str) -> Compiled:
        """The part of the graph that ``output`` depends on."""
        by_id = {n.id: n for n in self.nodes}
        needed: set[str] = set()
        stack = [output]
        while stack:
            nid = stack.pop()
            if nid in needed or nid not in by_id:
                continue
            needed.add(nid)
            stack.extend(by_id[nid].inputs)
        nodes = tuple(n for n in self.nodes if n.id in needed)
        externals = frozenset(i for n in nodes for i in n.inputs if i not in by_id) | (
            {output} if output not in by_id else set()
        )
        return Compiled(nodes, (output,), externals)


def check_name(name: Any, what: str = "variable name") -> str:
    if not isinstance(name, str) or not NAME.match(name) or name in RESERVED:
        raise InvalidGraph(
            f"{what} {name!r} is not allowed: use letters, digits and '_', starting with a letter or '_',"
            " at most 64 characters, not 'inf' or 'nan'"
        )
    return name


class JsonNode(BaseModel):
    """A node as JSON: tensor inputs by position (variable or node ids), attributes by keyword."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(description="unique in the graph; an output's id names the variable it defines")
    op: str = Field(description="an op of GET /v1/ops, by PyTorch's name")
    inputs: list[str] = Field(default_factory=list, description="session variables, given inputs or node ids")
    attrs: dict[str, Any] = Field(default_factory=dict, description="the op's keyword arguments, torch's names")


class JsonGraph(BaseModel):
    """The graph as JSON: ``{"nodes": [{id, op, inputs, attrs}], "outputs": [ids]}``."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "nodes": [
                        {"id": "a", "op": "cos", "inputs": ["x"]},
                        {"id": "y", "op": "sum", "inputs": ["a"], "attrs": {"dim": [0]}},
                    ],
                    "outputs": ["y"],
                }
            ]
        },
    )
    nodes: list[JsonNode] = Field(min_length=1)
    outputs: list[str] = Field(min_length=1, description="the node ids that become variables")


def graph_from_json(obj: Any) -> Graph:
    """The IR from a JSON graph (or its parsed model); errors in the JSON itself name the node."""
    if not isinstance(obj, JsonGraph):
        try:
            obj = JsonGraph.model_validate(obj)
        except ValidationError as e:
            err = e.errors()[0]
            loc = list(err["loc"])
            raw = obj.get("nodes") if isinstance(obj, dict) else None
            if loc[:1] == ["nodes"] and len(loc) > 1 and isinstance(raw, list) and isinstance(loc[1], int):
                nid = raw[loc[1]].get("id") if isinstance(raw[loc[1]], dict) else None
                where = f"node {nid!r}" if isinstance(nid, str) else f"nodes[{loc[1]}]"
                field = ".".join(map(str, loc[2:]))
                raise InvalidGraph(f"{where}: {field + ': ' if field else ''}{err['msg']}") from None
            raise InvalidGraph(f"graph {'.'.join(map(str, loc)) or 'body'}: {err['msg']}") from None
    nodes = tuple(Node(n.id, n.op, tuple(n.inputs), n.attrs) for n in obj.nodes)
    return Graph(nodes, tuple(obj.outputs))


def _check_node(node: Node) -> Node:
    spec = OPS.get(node.op)
    if spec is None:
        raise InvalidGraph(f"node {node.id!r}: unknown op {node.op!r} (GET /v1/ops lists them)")
    n, most = len(node.inputs), spec.max_inputs
    if n < spec.arity or (most is not None and n > most):
        if most is None:
            want = f"at least {spec.arity}"
        else:
            want = f"{spec.arity} to {most}" if most > spec.arity else str(most)
        raise InvalidGraph(f"node {node.id!r}: op {node.op!r} takes {want} tensor input(s), got {n}")
    try:
        attrs = check_attrs(spec, node.attrs)
    except ValidationError as e:
        errors = [
            {"node": node.id, "op": node.op, "field": ".".join(str(p) for p in err["loc"]), "msg": err["msg"]}
            for err in e.errors()
        ]
        first = errors[0]
        raise InvalidGraph(
            f"node {node.id!r} ({node.op}): attribute {first['field']!r}: {first['msg']}", errors=errors
        ) from None
    if spec.tensor_attrs:
        _check_refs(node, spec, attrs)
    return Node(node.id, node.op, node.inputs, attrs)


def _check_refs(node: Node, spec: OpSpec, attrs: Mapping[str, Any]) -> None:
    """Attributes given as ``{"tensor": k}`` name the inputs after the op's own, each exactly once."""
    refs = spec.refs(attrs)
    own = len(node.inputs) - len(refs)
    if own < spec.arity or own > spec.arity + spec.optional:
        want = f"{spec.arity} to {spec.arity + spec.optional}" if spec.optional else str(spec.arity)
        raise InvalidGraph(
            f"node {node.id!r}: op {node.op!r} takes {want} tensor input(s) and one more per attribute given as"
            f" {{'tensor': k}} ({len(refs)}), got {len(node.inputs)}"
        )
    seen: set[int] = set()
    for name, k in refs.items():
        if not 0 <= k < len(refs) or k in seen:
            raise InvalidGraph(
                f"node {node.id!r} ({node.op}): attribute {name!r}: {{'tensor': {k}}} must name one of the"
                f" {len(refs)} input(s) after the op's own {own}, counted from 0, each once",
                errors=[{"node": node.id, "op": node.op, "field": name, "msg": "tensor reference out of range"}],
            )
        seen.add(k)


def check_attrs(spec: OpSpec, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes as the op's model reads them; pydantic's ValidationError if they are wrong."""
    return spec.model.model_validate(dict(attrs)).model_dump(exclude_unset=True)


def compile_graph(graph: Graph, available: Iterable[str], *, max_nodes: int | None = None) -> Compiled:
    """Validate ``graph`` against the names it may read, and order it (iteratively, Kahn)."""
    if max_nodes is not None and len(graph.nodes) > max_nodes:
        raise LimitExceeded(f"graph has {len(graph.nodes)} nodes; the limit is {max_nodes} nodes per graph")
    names = set(available)
    by_id: dict[str, Node] = {}
    for node in graph.nodes:
        if node.id in by_id:
            raise InvalidGraph(f"node id {node.id!r} is used twice")
        by_id[node.id] = _check_node(node)
    for node in graph.nodes:
        for ref in node.inputs:
            if ref not in by_id and ref not in names:
                raise InvalidGraph(f"node {node.id!r}: input {ref!r} is neither a node nor a variable")
    for out in graph.outputs:
        if out not in by_id and out not in names:
            raise InvalidGraph(f"output {out!r} is neither a node nor a variable")
    waiting = {nid: sum(1 for r in n.inputs if r in by_id) for nid, n in by_id.items()}
    users: dict[str, list[str]] = {nid: [] for nid in by_id}
    for nid, n in by_id.items():
        for r in n.inputs:
            if r in by_id:
                users[r].append(nid)
    ready = [nid for nid in by_id if waiting[nid] == 0]
    order: list[Node] = []
    while ready:
        nid = ready.pop()
        order.append(by_id[nid])
        for u in users[nid]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    if len(order) != len(by_id):
        stuck = sorted(nid for nid, w in waiting.items() if w > 0)
        raise InvalidGraph(f"graph has a cycle through node(s) {', '.join(map(repr, stuck))}")
    externals = frozenset(r for n in order for r in n.inputs if r not in by_id) | frozenset(
        o for o in graph.outputs if o not in by_id
    )
    return Compiled(tuple(order), tuple(graph.outputs), externals)


def run(graph: Compiled, env: Mapping[str, torch.Tensor], ctx: EvalContext) -> dict[str, Any]:
    """Evaluate every node in order; torch's refusals become ComputeError naming the node.

    A node whose id ``env`` already holds keeps that value (node ids never shadow variables)."""
    values: dict[str, Any] = dict(env)
    numbers = plain_numbers(graph)
    for node in graph.nodes:
        if node.id in values:  # given by the caller: a computed variable differentiated against
            continue
        budget.check(f"node {node.id!r} ({node.op})")
        args = node_inputs(node, values, numbers)
        try:
            values[node.id] = OPS[node.op].call(args, dict(node.attrs), ctx)
        except LimitExceeded as e:
            raise LimitExceeded(f"node {node.id!r} ({node.op}): {e.detail}") from None
        except EngineError:
            raise
        except TORCH_ERRORS as e:
            raise node_error(node, e) from None
    check_outputs(graph, values)
    return values


# What torch raises when it refuses arguments (OverflowError: a Python int past int64, like
# full(2, 2**70)); anything else is a bug and propagates.
TORCH_ERRORS = (RuntimeError, ValueError, TypeError, IndexError, OverflowError)
INT64 = range(-(2**63), 2**63)


def plain_numbers(graph: Compiled) -> dict[str, int | float]:
    """Constant nodes holding one plain number with no dtype of their own."""
    return {
        n.id: n.attrs["value"]
        for n in graph.nodes
        if n.op == "const"
        and "dtype" not in n.attrs
        and isinstance(n.attrs.get("value"), (int, float))
        and not isinstance(n.attrs.get("value"), bool)
    }


def node_inputs(node: Node, values: Mapping[str, Any], numbers: Mapping[str, int | float] | None = None) -> list[Any]:
    """The node's input values; a tuple reaches only ops that take tuples (``index``), and plain
    number constants reach the positions the op's row allows as Python numbers (``scalars``)."""
    spec = OPS[node.op]
    args = [values[i] for i in node.inputs]
    if numbers and spec.scalars:
        as_numbers = [k for k in spec.scalars if k < len(args) and node.inputs[k] in numbers]
        if len(as_numbers) < len(args):  # one input stays a tensor, or torch has no overload to pick
            for k in as_numbers:
                args[k] = numbers[node.inputs[k]]
    if not spec.tuples:
        for k, v in enumerate(args):
            if isinstance(v, tuple):
                raise ComputeError(
                    f"node {node.id!r} ({node.op}): input {k + 1} is a tuple of {len(v)} values, as torch's"
                    " split, sort or max with dim return; pick one with [i], like split(x, 2)[0]"
                )
    return args


def check_outputs(graph: Compiled, values: Mapping[str, Any]) -> None:
    for out in graph.outputs:
        if isinstance(values.get(out), tuple):
            raise ComputeError(
                f"output {out!r} is a tuple of {len(values[out])} values; a variable holds one tensor:"
                f" pick one with [i], like {out} = max(x, dim=1)[0]"
            )


def node_error(node: Node, e: Exception, prefix: str = "") -> ComputeError:
    return ComputeError(f"node {node.id!r} ({node.op}){prefix}: {_out_of_range(node, e)}{reason(e)}")


def _out_of_range(node: Node, e: Exception) -> str:
    """Where torch refused an integer past int64, the attribute that holds it."""
    if not isinstance(e, OverflowError) and "overflow" not in str(e).lower():
        return ""
    for name, value in node.attrs.items():
        big = past_int64(value)
        if big is not None:
            return f"attribute {name!r}: {big} is outside int64, the widest integer torch converts: "
    return ""


def past_int64(value: Any) -> int | None:
    """The first integer in ``value`` (a number, or lists of them) that int64 cannot hold."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        elif type(v) is int and v not in INT64:
            return v
    return None


def reason(e: Exception) -> str:
    """Torch's message, first paragraph only (its C++ traces are noise to a client)."""
    return str(e).strip().split("\n\n")[0]
