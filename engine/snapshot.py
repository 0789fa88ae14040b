"""A session as plain data: tensors for safetensors, everything else as JSON. Never pickle.

``dump`` gives ``(tensors, meta)``: leaves under ``leaf/NAME`` and gradients under
``grad/NAME``; ``meta`` holds the default dtype, which leaves require grad, and each computed
variable's definition as a JSON graph. ``load`` re-validates every definition, so a file
edited by hand cannot smuggle in an op or a structure the API would refuse.
"""

from __future__ import annotations

from typing import Any

import torch

from engine.errors import InvalidRequest
from engine.graph import Compiled, Graph, Node, compile_graph
from engine.session import Limits, Session
from engine.tensors import dtype_name, dtype_of

FORMAT = 1


def dump(session: Session) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    with session.lock:
        tensors: dict[str, torch.Tensor] = {}
        for name, leaf in session.leaves.items():
            tensors[f"leaf/{name}"] = leaf.detach().cpu().contiguous()
            if leaf.grad is not None:
                tensors[f"grad/{name}"] = leaf.grad.detach().cpu().contiguous()
        meta = {
            "format": FORMAT,
            "dtype": dtype_name(session.dtype),
            "order": list(session.leaves),
            "requires_grad": [n for n, t in session.leaves.items() if t.requires_grad],
            "definitions": {name: _graph_json(d) for name, d in session.definitions.items()},
        }
        return tensors, meta


def load(tensors: dict[str, torch.Tensor], meta: dict[str, Any], device: torch.device, limits: Limits) -> Session:
    if meta.get("format") != FORMAT:
        raise InvalidRequest(f"unsupported snapshot format {meta.get('format')!r}; expected {FORMAT}")
    session = Session(device, dtype_of(meta["dtype"]), limits)
    wants_grad = set(meta.get("requires_grad", []))
    for name in meta.get("order", []):
        if f"leaf/{name}" not in tensors:
            raise InvalidRequest(f"snapshot lists leaf {name!r} but holds no tensor for it")
        session.put_tensor(name, tensors[f"leaf/{name}"], requires_grad=name in wants_grad)
        grad = tensors.get(f"grad/{name}")
        if grad is not None:
            session.leaves[name].grad = grad.to(device)
    for name, raw in meta.get("definitions", {}).items():
        session.definitions[name] = _compiled(raw)
    session.generation = 0
    return session


def _graph_json(d: Compiled) -> dict[str, Any]:
    return {
        "nodes": [{"id": n.id, "op": n.op, "inputs": list(n.inputs), "attrs": dict(n.attrs)} for n in d.nodes],
        "outputs": list(d.outputs),
    }


def _compiled(raw: dict[str, Any]) -> Compiled:
    try:
        nodes = tuple(Node(n["id"], n["op"], tuple(n["inputs"]), n["attrs"]) for n in raw["nodes"])
        outputs = tuple(raw["outputs"])
    except (KeyError, TypeError) as e:
        raise InvalidRequest(f"snapshot definition is malformed: {e}") from None
    ids = {n.id for n in nodes}
    externals = {i for n in nodes for i in n.inputs if i not in ids}
    return compile_graph(Graph(nodes, outputs), externals)
