"""Defining computed variables: a graph validated against the session, inlined, run, and kept.

A definition that reads another computed variable inlines it (its nodes under the prefix
``name/``), with Python's rebinding semantics: redefining ``y`` later does not change ``z = y * 2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

import torch

from engine import anomaly as anomaly_mode
from engine import cache, grad_modes
from engine.autograd import accumulate
from engine.errors import ComputeError, InvalidGraph, InvalidRequest, LimitExceeded
from engine.evaluation import checked_env, run_checked
from engine.graph import Compiled, Graph, Node, check_name
from engine.session import Session, Variable


def prepare(session: Session, graph: Graph) -> Compiled:
    """Validate ``graph`` against the session and inline the computed variables it reads."""
    with session.lock:
        for out in graph.outputs:
            check_name(out, "output name")
            if out in session.leaves:
                raise InvalidGraph(f"output {out!r} would replace the leaf {out!r}; delete the leaf first")
        ids = {n.id for n in graph.nodes}
        for out in graph.outputs:
            if out not in ids:
                raise InvalidGraph(f"output {out!r} must be a node of the graph")
        for n in graph.nodes:
            if n.id in session.leaves or (n.id in session.definitions and n.id not in graph.outputs):
                raise InvalidGraph(f"node id {n.id!r} shadows the session variable {n.id!r}; rename the node")
        compiled = cache.compiled_graph(graph, session.names(), max_nodes=session.limits.max_graph_nodes)
        return _splice(session, compiled)


def _splice(session: Session, compiled: Compiled) -> Compiled:
    refs = sorted(compiled.externals & session.definitions.keys())
    if not refs:
        return compiled
    nodes: list[Node] = []
    rename: dict[str, str] = {}
    for ref in refs:
        d = session.definitions[ref]
        inner = {n.id for n in d.nodes}
        for n in d.nodes:
            inputs = tuple(f"{ref}/{i}" if i in inner else i for i in n.inputs)
            nodes.append(Node(f"{ref}/{n.id}", n.op, inputs, n.attrs))
        rename[ref] = f"{ref}/{d.outputs[0]}"
    for n in compiled.nodes:
        nodes.append(Node(n.id, n.op, tuple(rename.get(i, i) for i in n.inputs), n.attrs))
    externals = frozenset(compiled.externals - session.definitions.keys()).union(
        *(session.definitions[r].externals for r in refs)
    )
    limit = session.limits.max_graph_nodes
    if limit is not None and len(nodes) > limit:
        raise LimitExceeded(
            f"graph has {len(nodes)} nodes with the computed variables it reads; the limit is {limit} nodes per graph"
        )
    return Compiled(tuple(nodes), compiled.outputs, externals)


def compute(
    session: Session,
    graph: Graph,
    *,
    backward: str | None = None,
    retain_grad: Sequence[str] = (),
    grad_mode: str = "grad",
    anomaly: bool = False,
) -> tuple[dict[str, Variable], dict[str, torch.Tensor]]:
    """Define the graph's outputs as computed variables; optionally backward from one.

    ``retain_grad`` keeps the ``.grad`` of chosen outputs, filled by later backward calls as
    torch's ``retain_grad`` is; ``grad_mode="no_grad"`` defines values that carry no graph;
    ``anomaly`` fails on the first node that makes a NaN or Inf (and checks the backward).
    """
    with session.lock:
        compiled = prepare(session, graph)
        if backward is not None and backward not in compiled.outputs:
            raise InvalidRequest(f"'backward' names {backward!r}, which is not an output of this graph")
        no_grad = grad_modes.check(grad_mode, compiled, backward, retain_grad)
        session.check_room(sum(n not in session.definitions for n in compiled.outputs), "the graph")
        session.check_bytes(cache.constant_bytes(compiled), "the graph's list constants")
        # shapes, dtypes, sizes and cost checked on the meta device first
        env = checked_env(session, "the graph", compiled, backward=backward is not None)
        with torch.no_grad() if no_grad else nullcontext():
            values = run_checked(session, compiled, env, backward=backward is not None)
        if anomaly:
            anomaly_mode.check_values(compiled, values)
        for name in retain_grad:
            if not values[name].requires_grad:
                raise ComputeError(f"can't retain_grad on {name!r}: no leaf it depends on has requires_grad=True")
        outputs = {name: Variable.of(name, values[name]) for name in compiled.outputs}
        saved = dict(session.retained)
        for name in compiled.outputs:  # a redefined variable's retained grad starts afresh
            session.retained.pop(name, None)
        session.retained.update(dict.fromkeys(retain_grad))
        try:
            grads = (
                accumulate(
                    session,
                    values[backward],
                    compiled.externals,
                    None,
                    None,
                    anomaly=anomaly,
                    retained=grad_modes.standing_for(session.retained, compiled, values),
                )
                if backward
                else {}
            )
        except BaseException:
            session.retained = saved
            raise
        for name in compiled.outputs:
            pruned = compiled.prune(name)
            session.definitions[name] = grad_modes.detached(pruned) if no_grad else pruned
            session.reads.drop(name)
        session.changed()
        return outputs, grads
