"""Optimizer steps on session leaves, with torch.optim doing the arithmetic.

The table below is data, like the op table: a row is
``optimizer(name, torch class, doc, **{keyword: type})``, the keywords a client may set.
Their defaults are read from the torch class itself, so torch's defaults apply and the JSON
schema shows them. Implementation switches (``foreach``, ``fused``, ``capturable``,
``differentiable``) are left out: they change how torch computes, not what.

State (momentum buffers, Adam's moments) lives in ``Session.optimizers``, one ``Slot`` per
configuration: the key is the canonical JSON of the full configuration, defaults filled,
and the variable names, so ``{"type": "sgd", "lr": 0.1}`` and the same with
``"momentum": 0`` share state, and a changed ``lr`` starts afresh. A slot whose leaves were
replaced since is dropped (a PUT makes a new tensor; torch's state belongs to the old one),
and at most ``MAX_SLOTS`` are kept per session, least recently used dropped first.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from engine.autograd import zero_grad as zero
from engine.errors import ComputeError, InvalidRequest, UnknownVariable
from engine.graph import TORCH_ERRORS, reason
from engine.leaves import get
from engine.session import Session, Slot, Variable

MAX_SLOTS = 16
Betas = list[float]


@dataclass(frozen=True)
class OptimizerSpec:
    name: str
    cls: type[torch.optim.Optimizer]
    kwargs: Mapping[str, Any]
    doc: str
    model: type[BaseModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        params = inspect.signature(self.cls.__init__).parameters
        kind: Any = Literal[self.name]
        fields: dict[str, Any] = {"type": (kind, Field(description=self.doc))}
        for name, type_ in self.kwargs.items():
            default = params[name].default
            default = list(default) if isinstance(default, tuple) else default
            fields[name] = (type_, Field(default, min_length=2, max_length=2) if type_ is Betas else Field(default))
        config = ConfigDict(extra="forbid", strict=True, title=f"{self.name} optimizer")
        object.__setattr__(self, "model", create_model(f"{self.name}_optimizer", __config__=config, **fields))


OPTIMIZERS: dict[str, OptimizerSpec] = {}


def optimizer(name: str, cls: type[torch.optim.Optimizer], doc: str, **kwargs: Any) -> None:
    if name in OPTIMIZERS:
        raise ValueError(f"optimizer {name!r} registered twice")
    OPTIMIZERS[name] = OptimizerSpec(name, cls, kwargs, doc)


# fmt: off
optimizer("sgd", torch.optim.SGD, "torch.optim.SGD: plain, with momentum, or Nesterov.",
          lr=float, momentum=float, dampening=float, weight_decay=float, nesterov=bool, maximize=bool)
optimizer("adam", torch.optim.Adam, "torch.optim.Adam.",
          lr=float, betas=Betas, eps=float, weight_decay=float, amsgrad=bool, maximize=bool,
          decoupled_weight_decay=bool)
optimizer("adamw", torch.optim.AdamW, "torch.optim.AdamW: Adam with decoupled weight decay.",
          lr=float, betas=Betas, eps=float, weight_decay=float, amsgrad=bool, maximize=bool)
optimizer("rmsprop", torch.optim.RMSprop, "torch.optim.RMSprop.",
          lr=float, alpha=float, eps=float, weight_decay=float, momentum=float, centered=bool, maximize=bool)
optimizer("adagrad", torch.optim.Adagrad, "torch.optim.Adagrad.",
          lr=float, lr_decay=float, weight_decay=float, initial_accumulator_value=float, eps=float, maximize=bool)
# fmt: on


def parse(config: Any) -> tuple[OptimizerSpec, dict[str, Any]]:
    """The row and the full keyword arguments (defaults filled) for an ``optimizer`` object."""
    if not isinstance(config, Mapping) or not isinstance(config.get("type"), str):
        raise InvalidRequest(f"'optimizer' must be an object with a 'type': one of {', '.join(OPTIMIZERS)}")
    spec = OPTIMIZERS.get(config["type"])
    if spec is None:
        raise InvalidRequest(f"'optimizer.type' {config['type']!r} is unknown; expected one of {', '.join(OPTIMIZERS)}")
    try:
        kwargs = spec.model.model_validate(dict(config)).model_dump()
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InvalidRequest(f"'optimizer.{where}' ({spec.name}): {err['msg']}") from None
    del kwargs["type"]
    # One spelling per value, so that 0 and 0.0 give the same state key and torch gets floats.
    for k, type_ in spec.kwargs.items():
        kwargs[k] = (
            float(kwargs[k]) if type_ is float else [float(b) for b in kwargs[k]] if type_ is Betas else kwargs[k]
        )
    return spec, kwargs


def step_state(session: Session, config: Any, variables: Sequence[str] | None = None) -> tuple[str, Slot]:
    """The optimizer slot for this configuration and these leaves: the kept one, or a new one."""
    spec, kwargs = parse(config)
    with session.lock:
        names = _leaves(session, variables)
        key = json.dumps({"type": spec.name, **kwargs, "variables": names}, sort_keys=True, separators=(",", ":"))
        params = tuple(session.leaves[n] for n in names)
        slot = session.optimizers.get(key)
        if slot is None or any(a is not b for a, b in zip(slot.params, params, strict=True)):
            try:
                torch_kwargs: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
                slot = Slot(tuple(names), spec.cls(list(params), **torch_kwargs), params)
            except (ValueError, TypeError) as e:
                raise InvalidRequest(f"'optimizer' ({spec.name}): {reason(e)}") from None
        return key, slot


def step(
    session: Session, config: Any, variables: Sequence[str] | None = None, *, zero_grad: bool = False
) -> dict[str, Variable]:
    """One ``optimizer.step()`` on the leaves from their ``.grad``; optionally zero them after."""
    with session.lock:
        key, slot = step_state(session, config, variables)
        names = list(slot.names)
        try:
            slot.optimizer.step()
        except TORCH_ERRORS as e:
            raise ComputeError(f"{json.loads(key)['type']} step: {reason(e)}") from None
        keep(session, key, slot)
        if zero_grad:
            zero(session, names)
        return {n: get(session, n) for n in names}


def keep(session: Session, key: str, slot: Slot) -> None:
    """Keep ``slot`` as the most recently used, once it has stepped; the oldest beyond MAX_SLOTS go."""
    session.optimizers.pop(key, None)
    session.optimizers[key] = slot
    while len(session.optimizers) > MAX_SLOTS:
        session.optimizers.pop(next(iter(session.optimizers)))
    session.stepped.update(slot.names)  # a fused kernel may leave torch's version counters as they were
    session.changed()


def _leaves(session: Session, variables: Sequence[str] | None) -> list[str]:
    if variables is None:
        names = [n for n, t in session.leaves.items() if t.requires_grad]
        if not names:
            raise InvalidRequest("the session has no leaf with requires_grad for an optimizer to step")
        return sorted(names)
    if not variables:
        raise InvalidRequest("'variables' must name at least one leaf")
    for n in variables:
        if n not in session.leaves and n not in session.definitions:
            raise UnknownVariable(f"'variables': no variable {n!r} in this session")
        if n not in session.leaves or not session.leaves[n].requires_grad:
            raise InvalidRequest(f"'variables' names {n!r}, which is not a leaf with requires_grad")
    return sorted(dict.fromkeys(variables))
