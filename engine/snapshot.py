"""A session as plain data: tensors for safetensors, everything else as JSON. Never pickle.

``dump`` gives ``(tensors, meta)``: leaves under ``leaf/NAME`` and gradients under
``grad/NAME`` (retained grads under ``retained/NAME``, optimizer state under ``optim/…``);
``meta`` holds the default dtype, which leaves require grad, each computed variable's
definition as a JSON graph, and each optimizer's configuration and scalar state. ``load``
re-validates every definition, so a file edited by hand cannot smuggle in an op or a
structure the API would refuse.
"""

from __future__ import annotations

import json
from typing import Any

import torch

from engine import optim
from engine.errors import InvalidRequest
from engine.graph import Compiled, Graph, Node, compile_graph
from engine.leaves import put_tensor
from engine.session import Limits, Session, Slot
from engine.tensors import dtype_name, dtype_of

FORMAT = 1


def dump(session: Session) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    with session.lock:
        tensors: dict[str, torch.Tensor] = {}
        for name, leaf in session.leaves.items():
            tensors[f"leaf/{name}"] = leaf.detach().cpu().contiguous()
            if leaf.grad is not None:
                tensors[f"grad/{name}"] = leaf.grad.detach().cpu().contiguous()
        for name, g in session.retained.items():
            if g is not None:
                tensors[f"retained/{name}"] = g.detach().cpu().contiguous()
        meta = {
            "format": FORMAT,
            "dtype": dtype_name(session.dtype),
            "order": list(session.leaves),
            "requires_grad": [n for n, t in session.leaves.items() if t.requires_grad],
            "definitions": {name: _graph_json(d) for name, d in session.definitions.items()},
            "retained": list(session.retained),
            "optimizers": [
                _dump_slot(i, key, slot, tensors) for i, (key, slot) in enumerate(session.optimizers.items())
            ],
        }
        return tensors, meta


def _dump_slot(i: int, key: str, slot: Slot, tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    """An optimizer's state: its tensors into ``tensors``, everything else as JSON."""
    state_dict = slot.optimizer.state_dict()
    state: dict[str, dict[str, Any]] = {}
    for index, entries in state_dict["state"].items():
        state[str(index)] = {}
        for k, v in entries.items():
            if isinstance(v, torch.Tensor):
                tensors[f"optim/{i}/{index}/{k}"] = v.detach().cpu().contiguous()
                state[str(index)][k] = {"tensor": f"optim/{i}/{index}/{k}"}
            else:
                state[str(index)][k] = v
    return {"key": key, "state": state, "param_groups": state_dict["param_groups"]}


def _load_slot(session: Session, raw: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
    config = json.loads(raw["key"])
    names = config.pop("variables")
    key, slot = optim.step_state(session, config, names)
    session.optimizers[key] = slot
    state = {
        int(index): {
            k: tensors[v["tensor"]].to(session.device) if isinstance(v, dict) else v for k, v in entries.items()
        }
        for index, entries in raw["state"].items()
    }
    slot.optimizer.load_state_dict({"state": state, "param_groups": raw["param_groups"]})


def load(tensors: dict[str, torch.Tensor], meta: dict[str, Any], device: torch.device, limits: Limits) -> Session:
    if meta.get("format") != FORMAT:
        raise InvalidRequest(f"unsupported snapshot format {meta.get('format')!r}; expected {FORMAT}")
    session = Session(device, dtype_of(meta["dtype"]), limits)
    wants_grad = set(meta.get("requires_grad", []))
    for name in meta.get("order", []):
        if f"leaf/{name}" not in tensors:
            raise InvalidRequest(f"snapshot lists leaf {name!r} but holds no tensor for it")
        put_tensor(session, name, tensors[f"leaf/{name}"], requires_grad=name in wants_grad)
        grad = tensors.get(f"grad/{name}")
        if grad is not None:
            session.leaves[name].grad = grad.to(device)
    for name, raw in meta.get("definitions", {}).items():
        session.definitions[name] = _compiled(raw)
    for name in meta.get("retained", []):
        g = tensors.get(f"retained/{name}")
        session.retained[name] = None if g is None else g.to(device)
    for raw in meta.get("optimizers", []):
        _load_slot(session, raw, tensors)
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
