"""compute's grad options, kept beside the session: ``retain_grad`` and ``no_grad``; and where a
computed variable stands inside another's definition (``inlined``), for ``grad`` with respect to it.

retain_grad: a retained variable's ``.grad`` is the gradient with respect to its value
wherever that value stands in the graph being differentiated: its own node ``h``, or
``ref/h`` where a later definition inlined it. Several places are summed, as torch sums the
gradient of a tensor used twice.

no_grad: the values are computed under ``torch.no_grad()``, and the stored definition ends in
a ``detach`` node, so that reading it again, or a graph that reads it, never reaches back
through it: like a tensor made under ``no_grad``, it is a constant to everything after it.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from typing import Any

import torch

from engine.errors import InvalidRequest
from engine.graph import Compiled, Node

MODES = ("grad", "no_grad")


def check(grad_mode: str, graph: Compiled, backward: str | None, retain_grad: Sequence[str]) -> bool:
    """Check compute's grad options against each other and the graph; True for no_grad."""
    if grad_mode not in MODES:
        raise InvalidRequest(f"'grad_mode' must be 'grad' or 'no_grad', not {grad_mode!r}")
    for name in retain_grad:
        if name not in graph.outputs:
            raise InvalidRequest(f"'retain_grad' names {name!r}, which is not an output of this graph")
    if grad_mode == "grad":
        return False
    if backward is not None or retain_grad:
        raise InvalidRequest("'backward' and 'retain_grad' need grad_mode 'grad': under no_grad there is no graph")
    for node in graph.nodes:
        if node.op == "grad":  # torch.autograd.grad has no graph to walk under no_grad
            raise InvalidRequest(f"node {node.id!r} (grad) cannot run under grad_mode 'no_grad'")
    return True


def detached(d: Compiled) -> Compiled:
    """A no_grad definition: the same graph, its output detached."""
    out = d.outputs[0]
    inner = f"{out}/%value"
    nodes = [Node(inner if n.id == out else n.id, n.op, n.inputs, n.attrs) for n in d.nodes]
    return Compiled((*nodes, Node(out, "detach", (inner,))), d.outputs, d.externals)


def standing_for(names: Container[str], graph: Compiled, values: Mapping[str, Any]) -> dict[str, list[torch.Tensor]]:
    """The values in ``graph`` that stand for the retained variables ``names``, by name."""
    found: dict[str, list[torch.Tensor]] = {}
    for node in graph.nodes:
        name, value = node.id.rsplit("/", 1)[-1], values.get(node.id)
        if name in names and isinstance(value, torch.Tensor) and value.requires_grad:
            found.setdefault(name, []).append(value)
    return found


def expanded(graph: Compiled, name: str, own: Compiled) -> list[str]:
    """The node ids in ``graph`` that are computed variable ``name``, as defined now by ``own``.

    A definition made in the same graph holds ``name``'s nodes as they are; one made later inlined
    them under the prefix ``name/`` (``b/name/`` when it read it through ``b``). A place counts only
    where the inlined nodes are exactly ``own``'s, so a variable redefined since is not mistaken for
    the one inlined earlier.
    """
    by_id = {n.id: n for n in graph.nodes}
    inner = {n.id for n in own.nodes}
    found = []
    for node_id in by_id:
        if node_id != name and not node_id.endswith("/" + name):
            continue
        prefix = node_id[: -len(name)]
        same = all(
            (twin := by_id.get(prefix + n.id)) is not None
            and twin.op == n.op
            and twin.attrs == n.attrs
            and twin.inputs == tuple(prefix + i if i in inner else i for i in n.inputs)
            for n in own.nodes
        )
        if same:
            found.append(node_id)
    return found
