"""A session as plain data: tensors for safetensors, everything else as JSON. Never pickle.

``dump`` gives ``(tensors, meta)``, the tensors as the session holds them (detached, on its
device; a writer copies them to the CPU). Every tensor has a stable name, so that a writer that
stores what one call changed (per-tensor records, an append log) can address each alone:

    leaf/NAME            a leaf                 grad/NAME        its accumulated gradient
    retained/NAME        a retained .grad       const/SHA        a list constant of a definition
    optim/SHA/INDEX/KEY  optimizer state (SHA names the optimizer's configuration)

``meta`` holds the default dtype, which leaves require grad, each computed variable's
definition as a JSON graph (a list constant is ``{"tensor": "const/SHA"}``, one tensor however
many definitions share it, so a large constant never bloats the JSON header; a list with an
integer past int64, which no tensor holds exactly, stays in the JSON), and each
optimizer's configuration and scalar state.

``load`` trusts nothing in the file: every definition is re-validated as the API would; a
gradient must match its leaf; optimizer state must be shaped like its parameters and survive a
trial step on copies. Anything else is an ``InvalidRequest`` naming what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import torch

from engine import optim
from engine.errors import InvalidRequest
from engine.graph import Compiled, Graph, Node, compile_graph, past_int64
from engine.leaves import put_tensor
from engine.session import Limits, Session, Slot
from engine.tensors import DTYPES, decode, dtype_name, dtype_of, encode

FORMAT = 2
READS = (1, 2)  # format 1 kept list constants inline in the JSON


def dump(session: Session) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    with session.lock:
        tensors: dict[str, torch.Tensor] = {}
        for name, leaf in session.leaves.items():
            tensors[f"leaf/{name}"] = leaf.detach()
            if leaf.grad is not None:
                tensors[f"grad/{name}"] = leaf.grad.detach()
        for name, g in session.retained.items():
            if g is not None:
                tensors[f"retained/{name}"] = g.detach()
        constants = _Constants(tensors)
        meta = {
            "format": FORMAT,
            "dtype": dtype_name(session.dtype),
            "order": list(session.leaves),
            "requires_grad": [n for n, t in session.leaves.items() if t.requires_grad],
            "definitions": {name: _graph_json(d, constants) for name, d in session.definitions.items()},
            "retained": list(session.retained),
            "optimizers": [_dump_slot(key, slot, tensors) for key, slot in session.optimizers.items()],
        }
        return tensors, meta


class _Constants:
    """List constants of definitions as tensors, deduplicated by content."""

    def __init__(self, tensors: dict[str, torch.Tensor]) -> None:
        self.tensors = tensors

    def ref(self, value: list[Any]) -> dict[str, str]:
        name, t = _converted(value)
        self.tensors[name] = t
        return {"tensor": name}


# Every write of a session dumps its definitions again, and converting a 1M-element list costs
# ~0.15 s. Definitions never change a constant in place, so the conversion is kept for the most
# recent large lists. The entry holds the list itself: while it is cached its id cannot be reused.
_RECENT: OrderedDict[int, tuple[list[Any], str, torch.Tensor]] = OrderedDict()
_RECENT_LOCK = threading.Lock()
_RECENT_MAX, _RECENT_FROM = 32, 4096


def _converted(value: list[Any]) -> tuple[str, torch.Tensor]:
    with _RECENT_LOCK:
        hit = _RECENT.get(id(value))
        if hit is not None and hit[0] is value:
            _RECENT.move_to_end(id(value))
            return hit[1], hit[2]
    t = _const_tensor(value)
    name = f"const/{hashlib.sha256(t.numpy().tobytes() + str(t.dtype).encode()).hexdigest()[:32]}"
    if t.numel() >= _RECENT_FROM:
        with _RECENT_LOCK:
            _RECENT[id(value)] = (value, name, t)
            while len(_RECENT) > _RECENT_MAX:
                _RECENT.popitem(last=False)
    return name, t


def _const_tensor(value: list[Any]) -> torch.Tensor:
    """The exact tensor of a JSON list: float64 holds bools, floats and integers below 2**53 exactly."""
    try:
        t = torch.tensor(value, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError):  # "NaN" and the infinities are strings in JSON
        return decode(value, dtype=torch.float64)
    if t.numel() and bool((t.abs() >= 2**53).any()):
        exact = torch.tensor(value)  # all integers stay int64; with any float it is float anyway
        if exact.dtype == torch.int64:
            return exact
    return t


def _dump_slot(key: str, slot: Slot, tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    """An optimizer's state: its tensors into ``tensors``, everything else as JSON."""
    prefix = f"optim/{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    state: dict[str, dict[str, Any]] = {}
    for index, entries in slot.optimizer.state_dict()["state"].items():
        state[str(index)] = {}
        for k, v in entries.items():
            if isinstance(v, torch.Tensor):
                tensors[f"{prefix}/{index}/{k}"] = v.detach()
                state[str(index)][k] = {"tensor": f"{prefix}/{index}/{k}"}
            else:
                state[str(index)][k] = v
    return {"key": key, "state": state}


def load(tensors: dict[str, torch.Tensor], meta: Any, device: torch.device, limits: Limits) -> Session:
    if not isinstance(meta, dict) or meta.get("format") not in READS:
        found = meta.get("format") if isinstance(meta, dict) else meta
        raise InvalidRequest(f"unsupported snapshot format {found!r}; expected one of {READS}")
    session = Session(device, _dtype(meta.get("dtype")), limits)
    wants_grad = set(_names(meta, "requires_grad"))
    for name in _names(meta, "order"):
        if f"leaf/{name}" not in tensors:
            raise InvalidRequest(f"snapshot lists leaf {name!r} but holds no tensor for it")
        leaf = tensors[f"leaf/{name}"]
        _known_dtype(leaf, f"leaf {name!r}")
        put_tensor(session, name, leaf, requires_grad=name in wants_grad)
        grad = tensors.get(f"grad/{name}")
        if grad is not None:
            _check_grad(grad, leaf, name in wants_grad, f"the gradient of {name!r}")
            session.leaves[name].grad = grad.to(device)
    definitions = meta.get("definitions", {})
    if not isinstance(definitions, dict):
        raise InvalidRequest("snapshot 'definitions' must be an object")
    constants: dict[str, list[Any]] = {}  # one list per constant, however many definitions share it
    for name, raw in definitions.items():
        if name in session.leaves:
            raise InvalidRequest(f"snapshot defines {name!r}, which is also a leaf")
        session.definitions[name] = _compiled(name, raw, tensors, constants, limits)
    for name in _names(meta, "retained"):
        if name not in session.definitions:
            raise InvalidRequest(f"snapshot retains the gradient of {name!r}, which is not a computed variable")
        g = tensors.get(f"retained/{name}")
        if g is not None and not g.is_floating_point():
            raise InvalidRequest(f"the retained gradient of {name!r} is {dtype_name(g.dtype)}, not floating point")
        session.retained[name] = None if g is None else g.to(device)
    optimizers = meta.get("optimizers", [])
    if not isinstance(optimizers, list):
        raise InvalidRequest("snapshot 'optimizers' must be a list")
    for raw in optimizers:
        _load_slot(session, raw, tensors)
    if limits.max_session_bytes is not None and session.nbytes() > limits.max_session_bytes:
        raise InvalidRequest(
            f"snapshot holds {session.nbytes()} bytes; the limit is {limits.max_session_bytes} bytes per session"
        )
    session.generation = 0
    return session


def _dtype(name: Any) -> torch.dtype:
    dt = dtype_of(name)
    if not dt.is_floating_point:
        raise InvalidRequest(f"snapshot default dtype must be floating point, not {name!r}")
    return dt


def _names(meta: dict[str, Any], field: str) -> list[str]:
    value = meta.get(field, [])
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise InvalidRequest(f"snapshot {field!r} must be a list of names")
    return value


def _known_dtype(t: torch.Tensor, what: str) -> None:
    if dtype_name(t.dtype) not in DTYPES:
        raise InvalidRequest(f"{what} is {dtype_name(t.dtype)}, a dtype this service does not use")


def _check_grad(grad: torch.Tensor, leaf: torch.Tensor, requires_grad: bool, what: str) -> None:
    if not requires_grad:
        raise InvalidRequest(f"snapshot holds {what}, a leaf without requires_grad")
    if grad.shape != leaf.shape or grad.dtype != leaf.dtype:
        raise InvalidRequest(
            f"{what} is {dtype_name(grad.dtype)} {list(grad.shape)}; "
            f"its leaf is {dtype_name(leaf.dtype)} {list(leaf.shape)}"
        )


def _load_slot(session: Session, raw: Any, tensors: dict[str, torch.Tensor]) -> None:
    """An optimizer slot from its configuration; its state is checked before torch sees it."""
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str) or not isinstance(raw.get("state"), dict):
        raise InvalidRequest("snapshot optimizer must be an object with 'key' and 'state'")
    try:
        config = json.loads(raw["key"])
        names = config.pop("variables")
    except (ValueError, AttributeError, KeyError, TypeError):
        raise InvalidRequest("snapshot optimizer 'key' is not an optimizer configuration") from None
    key, slot = optim.step_state(session, config, names)
    what = f"optimizer {config.get('type')!r} over {', '.join(slot.names)}"
    state: dict[int, dict[str, Any]] = {}
    for index, entries in raw["state"].items():
        if not index.isdigit() or int(index) >= len(slot.params) or not isinstance(entries, dict):
            raise InvalidRequest(f"{what}: state entry {index!r} names no parameter")
        param = slot.params[int(index)]
        state[int(index)] = {
            k: _state_value(v, param, tensors, f"{what}, state {index}.{k}") for k, v in entries.items()
        }
    _trial_step(slot, state, what)
    # the configuration alone decides the hyperparameters: param_groups come from it, not the file
    slot.optimizer.load_state_dict({"state": state, "param_groups": slot.optimizer.state_dict()["param_groups"]})
    session.optimizers[key] = slot


def _state_value(value: Any, param: torch.Tensor, tensors: Mapping[str, torch.Tensor], what: str) -> Any:
    if value is None or isinstance(value, (bool, int, float)):  # torch keeps None for an unused buffer
        return value
    if not isinstance(value, dict) or value.get("tensor") not in tensors:
        raise InvalidRequest(f"{what} is neither a number nor a tensor of the snapshot")
    t = tensors[value["tensor"]]
    if not t.is_floating_point() or (t.dim() > 0 and t.shape != param.shape):
        raise InvalidRequest(
            f"{what} is {dtype_name(t.dtype)} {list(t.shape)}; it must be a floating-point scalar "
            f"or shaped like its parameter, {list(param.shape)}"
        )
    return t.to(param.device)


def _trial_step(slot: Slot, state: dict[int, dict[str, Any]], what: str) -> None:
    """One step on copies of the parameters, so that state torch cannot use is refused now, not at step."""
    params = [p.detach().clone().requires_grad_(True) for p in slot.params]
    for p in params:
        p.grad = torch.zeros_like(p)
    groups, start = [], 0
    for group in slot.optimizer.param_groups:  # the same hyperparameters, over the copies
        groups.append({**group, "params": params[start : start + len(group["params"])]})
        start += len(group["params"])
    cls: Any = type(slot.optimizer)  # a torch.optim class: its hyperparameters all have defaults
    trial = cls(groups)
    copied = {i: {k: v.clone() if isinstance(v, torch.Tensor) else v for k, v in e.items()} for i, e in state.items()}
    try:
        trial.load_state_dict({"state": copied, "param_groups": trial.state_dict()["param_groups"]})
        trial.step()
    except Exception as e:  # whatever torch raises on this state, the file is what is wrong
        raise InvalidRequest(f"{what}: its saved state does not work with torch: {e}") from None


def _graph_json(d: Compiled, constants: _Constants) -> dict[str, Any]:
    nodes = []
    for n in d.nodes:
        attrs = dict(n.attrs)
        # a list with an integer past int64 (a float constant may hold 2**63) stays in the JSON,
        # which holds any integer: no tensor holds it exactly
        if n.op == "const" and isinstance(attrs.get("value"), list) and past_int64(attrs["value"]) is None:
            attrs["value"] = constants.ref(attrs["value"])
        nodes.append({"id": n.id, "op": n.op, "inputs": list(n.inputs), "attrs": attrs})
    return {"nodes": nodes, "outputs": list(d.outputs)}


def _compiled(
    name: str, raw: Any, tensors: Mapping[str, torch.Tensor], constants: dict[str, list[Any]], limits: Limits
) -> Compiled:
    try:
        nodes = tuple(
            Node(n["id"], n["op"], tuple(n["inputs"]), _attrs(n["op"], dict(n["attrs"]), tensors, constants))
            for n in raw["nodes"]
        )
        outputs = tuple(raw["outputs"])
    except (KeyError, TypeError, ValueError) as e:
        raise InvalidRequest(f"snapshot definition of {name!r} is malformed: {e}") from None
    if outputs != (name,):
        raise InvalidRequest(f"snapshot definition of {name!r} must have {name!r} as its one output")
    ids = {n.id for n in nodes}
    externals = {i for n in nodes for i in n.inputs if i not in ids}
    return compile_graph(Graph(nodes, outputs), externals, max_nodes=limits.max_graph_nodes)


def _attrs(
    op: str, attrs: dict[str, Any], tensors: Mapping[str, torch.Tensor], constants: dict[str, list[Any]]
) -> dict[str, Any]:
    value = attrs.get("value")
    if op == "const" and isinstance(value, dict):
        ref = value.get("tensor")
        if not isinstance(ref, str) or not ref.startswith("const/") or ref not in tensors:
            raise InvalidRequest(f"a constant refers to {ref!r}, which the snapshot does not hold")
        if ref not in constants:
            constants[ref] = encode(tensors[ref])
        attrs["value"] = constants[ref]
    return attrs
