"""A session as a store: named leaf tensors, named definitions, and the state autograd leaves behind.

Leaves hold tensors and accumulate ``.grad`` exactly as PyTorch leaves do. A computed variable is
kept as its definition, a validated graph over leaves only, and is evaluated afresh from the
current leaves whenever it is read or differentiated (engine/evaluation.py).

The store knows its sizes and limits and nothing of the verbs: putting leaves (engine/leaves.py),
defining (engine/compute.py), differentiating (engine/autograd.py), stepping (engine/optim.py) and
the rest are functions over a ``Session``, each holding ``session.lock`` for its whole call.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import torch

from engine.cache import Reads, constant_bytes
from engine.errors import LimitExceeded
from engine.graph import Compiled
from engine.opspec import EvalContext


@dataclass(frozen=True)
class Limits:
    """Sizes one session may reach; ``None`` means no limit."""

    max_tensor_elements: int | None = 16_777_216
    max_session_bytes: int | None = None
    max_graph_nodes: int | None = 1000
    max_tensor_dims: int | None = 32
    max_variables: int | None = 1000


@dataclass(frozen=True)
class Variable:
    """A variable as read: its value, and for a leaf its accumulated gradient (for a computed
    variable with retain_grad, its retained one). ``is_leaf`` follows torch: every tensor that
    does not require grad is a leaf."""

    name: str
    value: torch.Tensor
    is_leaf: bool
    grad: torch.Tensor | None = None
    grad_fn: str | None = None
    requires_grad: bool = False

    @classmethod
    def of(cls, name: str, value: torch.Tensor, *, leaf: bool = False, grad: torch.Tensor | None = None) -> Variable:
        grad_fn = None if value.grad_fn is None else type(value.grad_fn).__name__
        return cls(name, value, leaf or not value.requires_grad, grad, grad_fn, value.requires_grad)


@dataclass(frozen=True)
class Broken:
    """A computed variable that cannot be evaluated from the current leaves, and why."""

    name: str
    detail: str


@dataclass
class Slot:
    """One optimizer's torch object and the leaves (by name and by tensor) it steps (engine/optim.py)."""

    names: tuple[str, ...]
    optimizer: torch.optim.Optimizer
    params: tuple[torch.Tensor, ...]


@dataclass
class Session:
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    dtype: torch.dtype = torch.float32
    limits: Limits = field(default_factory=Limits)
    leaves: dict[str, torch.Tensor] = field(default_factory=dict)
    definitions: dict[str, Compiled] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    generation: int = 0  # bumped by every change, so callers can tell whether to persist
    stepped: set[str] = field(default_factory=set)  # leaves an optimizer changed in place since the last write
    retained: dict[str, torch.Tensor | None] = field(default_factory=dict)  # retain_grad: name -> its .grad
    optimizers: dict[str, Slot] = field(default_factory=dict, repr=False)
    reads: Reads = field(default_factory=Reads, repr=False, compare=False)  # computed values as read

    @property
    def ctx(self) -> EvalContext:
        return EvalContext(self.device, self.dtype, self.limits.max_tensor_elements)

    def names(self) -> list[str]:
        return [*self.leaves, *self.definitions]

    def nbytes(self) -> int:
        """Bytes held by leaves, their gradients, retained gradients, optimizer state, read values and the
        definitions' list constants."""
        held: list[torch.Tensor | None] = []
        for t in self.leaves.values():
            held += [t, t.grad]
        held += self.retained.values()
        for slot in self.optimizers.values():
            held += [
                v for state in slot.optimizer.state.values() for v in state.values() if isinstance(v, torch.Tensor)
            ]
        constants = sum(constant_bytes(d) for d in self.definitions.values())
        return self.reads.nbytes + constants + sum(nbytes(t) for t in held if t is not None)

    def check_elements(self, n: int) -> None:
        limit = self.limits.max_tensor_elements
        if limit is not None and n > limit:
            raise LimitExceeded(f"tensor of {n} elements is over the limit of {limit} elements per tensor")

    def check_dims(self, n: int) -> None:
        limit = self.limits.max_tensor_dims
        if limit is not None and n > limit:
            raise LimitExceeded(f"tensor of {n} dimensions is over the limit of {limit} dimensions per tensor")

    def check_room(self, new_names: int, what: str) -> None:
        """Refuse ``new_names`` more variables past the session's variable limit."""
        held = len(self.leaves) + len(self.definitions)
        limit = self.limits.max_variables
        if limit is not None and new_names and held + new_names > limit:
            raise LimitExceeded(
                f"the session holds {held} variables and {what} would add {new_names}; the limit is {limit}"
                " variables per session (delete one first)"
            )

    def check_bytes(self, needed: int, what: str) -> None:
        """Refuse, before allocating, ``needed`` more bytes past the session's byte limit."""
        limit = self.limits.max_session_bytes
        if limit is None:
            return
        if self.nbytes() + needed > limit:
            self.reads.forget()  # values kept for reading give way first
        if self.nbytes() + needed > limit:
            raise LimitExceeded(
                f"{what} need {needed} bytes and the session holds {self.nbytes()}; the limit is {limit} bytes"
                " per session"
            )

    def changed(self, name: str | None = None) -> None:
        """Mark a change; a replaced or deleted ``name`` takes its retained grad and optimizer state with it."""
        self.generation += 1
        if name is not None:
            self.retained.pop(name, None)
            self.optimizers = {k: s for k, s in self.optimizers.items() if name not in s.names}


def nbytes(t: torch.Tensor) -> int:
    return t.numel() * t.element_size()
