"""The autograd graph behind a tensor, as torch recorded it: grad_fn nodes, edges, leaves.

``walk`` follows ``grad_fn.next_functions`` breadth first with a queue (no recursion, so
deep graphs cannot overflow the stack). ``graph_json`` shapes the result as JSON for a
drawing: an ``output`` node for the variable, one ``op`` node per backward function (torch's
own class name, ``SumBackward0``), and one ``leaf`` node per ``AccumulateGrad``, named after
the session leaf it feeds. Edges run from an input towards the output, as data flows
forward. ``to_dot`` writes the same graph as Graphviz DOT text, with no Graphviz needed here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

import torch

from engine.evaluation import evaluate
from engine.session import Session

FILL = {"output": "darkolivegreen1", "op": "lightgrey", "leaf": "lightblue"}


def walk(root: Any) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Every backward node reachable from ``root``, in breadth-first order, and each edge (input, user)."""
    order, edges = [root], []
    seen = {root}
    queue = deque([root])
    while queue:
        fn = queue.popleft()
        for nxt, _ in fn.next_functions:
            if nxt is None:
                continue
            edges.append((nxt, fn))
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order, edges


def graph_of(name: str, value: torch.Tensor, leaves: Mapping[str, torch.Tensor]) -> dict[str, Any]:
    """The JSON graph of variable ``name`` whose current value is ``value``."""
    leaf_names = {id(t): n for n, t in leaves.items()}
    own = leaf_names.get(id(value))
    nodes = [_node("n0", name, "output", list(value.shape), own, own is not None and value.requires_grad)]
    if value.grad_fn is None:
        return {"variable": name, "nodes": nodes, "edges": []}
    order, edges = walk(value.grad_fn)
    ids = {fn: f"n{i + 1}" for i, fn in enumerate(order)}
    for fn in order:
        variable = getattr(fn, "variable", None)
        if isinstance(variable, torch.Tensor):  # AccumulateGrad: a leaf that receives gradient
            leaf = leaf_names.get(id(variable))
            nodes.append(_node(ids[fn], leaf or type(fn).__name__, "leaf", list(variable.shape), leaf, True))
        else:
            nodes.append(_node(ids[fn], type(fn).__name__, "op", _shape(fn), None, False))
    links = [{"from": ids[a], "to": ids[b]} for a, b in edges]
    links.append({"from": ids[value.grad_fn], "to": "n0"})
    return {"variable": name, "nodes": nodes, "edges": links}


def graph_json(session: Session, name: str) -> dict[str, Any]:
    """The autograd graph behind session variable ``name``, evaluated from the current leaves."""
    with session.lock:
        value = session.leaves[name] if name in session.leaves else evaluate(session, name)
        return graph_of(name, value, session.leaves)


def to_dot(graph: Mapping[str, Any]) -> str:
    """Graphviz DOT text for a graph from ``graph_of``: ``dot -Tsvg`` draws it."""
    lines = [
        f"digraph {_quote(graph['variable'])} {{",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
    ]
    for n in graph["nodes"]:
        label = n["name"] if n["shape"] is None else f"{n['name']}\n{n['shape']}"
        lines.append(f"  {n['id']} [label={_quote(label)}, fillcolor={FILL[n['kind']]}];")
    lines.extend(f"  {e['from']} -> {e['to']};" for e in graph["edges"])
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(
    nid: str, name: str, kind: str, shape: list[int] | None, leaf: str | None, requires_grad_leaf: bool
) -> dict[str, Any]:
    return {
        "id": nid,
        "name": name,
        "kind": kind,
        "shape": shape,
        "leaf": leaf,
        "requires_grad_leaf": requires_grad_leaf,
    }


def _shape(fn: Any) -> list[int] | None:
    """The shape of the value a backward node's forward op made, when torch records one."""
    meta = getattr(fn, "_input_metadata", None)
    if meta is None or len(meta) != 1:
        return None
    try:
        return list(meta[0].shape)
    except (AttributeError, RuntimeError, TypeError):
        return None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
