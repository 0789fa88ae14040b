"""A session: named leaf tensors, named computed variables, and autograd over them.

Leaves hold tensors and accumulate ``.grad`` exactly as PyTorch leaves do. A computed
variable is kept as its definition, a validated graph over leaves only, and is evaluated
afresh from the current leaves whenever it is read or differentiated: repeated backward
calls work and nothing goes stale.

Every public method holds the session's lock and is all-or-nothing: gradients are
computed first with ``torch.autograd.grad`` and accumulated only once all of them exist.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch

from engine import budget, cache, debug, grad_modes
from engine.errors import (
    ComputeError,
    EngineError,
    InvalidGraph,
    InvalidRequest,
    InvalidTensor,
    LimitExceeded,
    UnknownVariable,
)
from engine.graph import Compiled, Graph, Node, _reason, check_name, run
from engine.opspec import EvalContext
from engine.tensors import decode, dtype_name, dtype_of

if TYPE_CHECKING:
    from engine.optim import Slot

INITS = ("zeros", "ones", "full", "rand", "randn")


@dataclass(frozen=True)
class Limits:
    """Sizes one session may reach; ``None`` means no limit."""

    max_tensor_elements: int | None = 50_000_000
    max_session_bytes: int | None = None
    max_graph_nodes: int | None = 1000


@dataclass(frozen=True)
class Variable:
    """A variable as read: its current value and, for leaves, its accumulated gradient."""

    name: str
    value: torch.Tensor
    is_leaf: bool
    grad: torch.Tensor | None = None

    @property
    def grad_fn(self) -> str | None:
        return None if self.value.grad_fn is None else type(self.value.grad_fn).__name__


@dataclass(frozen=True)
class Broken:
    """A computed variable that cannot be evaluated from the current leaves, and why."""

    name: str
    detail: str


@dataclass
class Session:
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    dtype: torch.dtype = torch.float32
    limits: Limits = field(default_factory=Limits)
    leaves: dict[str, torch.Tensor] = field(default_factory=dict)
    definitions: dict[str, Compiled] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    generation: int = 0  # bumped by every change, so callers can tell whether to persist
    retained: dict[str, torch.Tensor | None] = field(default_factory=dict)  # retain_grad: name -> its .grad
    optimizers: dict[str, Slot] = field(default_factory=dict, repr=False)  # engine/optim.py
    reads: cache.Reads = field(default_factory=cache.Reads, repr=False, compare=False)  # computed values as read

    @property
    def ctx(self) -> EvalContext:
        return EvalContext(self.device, self.dtype)

    def names(self) -> list[str]:
        return [*self.leaves, *self.definitions]

    def nbytes(self) -> int:
        """Bytes held by leaves, their gradients, retained gradients and optimizer state."""
        held: list[torch.Tensor | None] = []
        for t in self.leaves.values():
            held += [t, t.grad]
        held += self.retained.values()
        for slot in self.optimizers.values():
            held += [
                v for state in slot.optimizer.state.values() for v in state.values() if isinstance(v, torch.Tensor)
            ]
        return sum(t.numel() * t.element_size() for t in held if t is not None)

    # --- leaves -----------------------------------------------------------------------------

    def put(
        self,
        name: str,
        data: Any = None,
        *,
        init: str | None = None,
        shape: Sequence[int] | None = None,
        value: float | None = None,
        seed: int | None = None,
        dtype: str | None = None,
        requires_grad: bool = False,
    ) -> tuple[Variable, bool]:
        """Create or replace leaf ``name`` from data (tensor or JSON) or an ``init``; True if new."""
        check_name(name)
        if (data is None) == (init is None):
            raise InvalidRequest("give exactly one of 'data' or 'init'")
        tensor = self._make(data, init, shape, value, seed, dtype)
        return self.put_tensor(name, tensor, requires_grad=requires_grad)

    def put_tensor(self, name: str, tensor: torch.Tensor, *, requires_grad: bool = False) -> tuple[Variable, bool]:
        check_name(name)
        if requires_grad and not (tensor.is_floating_point() or tensor.is_complex()):
            raise InvalidTensor(f"only floating-point tensors can require grad; {name!r} is {dtype_name(tensor.dtype)}")
        self._check_elements(tensor.numel())
        tensor = tensor.detach().to(self.device).requires_grad_(requires_grad)
        with self.lock:
            old = self.leaves.get(name)
            if self.limits.max_session_bytes is not None:
                freed = 0 if old is None else old.numel() * old.element_size() + _grad_bytes(old)
                after = self.nbytes() - freed + tensor.numel() * tensor.element_size()
                if after > self.limits.max_session_bytes:
                    raise LimitExceeded(
                        f"session would hold {after} bytes; the limit is "
                        f"{self.limits.max_session_bytes} bytes per session"
                    )
            created = name not in self.leaves and name not in self.definitions
            self.definitions.pop(name, None)
            self.leaves[name] = tensor
            self.reads.forget()
            self._forget(name)
            self.generation += 1
            return Variable(name, tensor, True, None), created

    def _check_elements(self, n: int) -> None:
        limit = self.limits.max_tensor_elements
        if limit is not None and n > limit:
            raise LimitExceeded(f"tensor of {n} elements is over the limit of {limit} elements per tensor")

    def _make(
        self, data: Any, init: str | None, shape: Any, value: Any, seed: int | None, dtype: str | None
    ) -> torch.Tensor:
        dt = dtype_of(dtype) if dtype is not None else None
        if init is None:
            if isinstance(data, torch.Tensor):
                return data if dt is None else data.to(dt)
            t = decode(data, dtype=dt or self.dtype, max_elements=self.limits.max_tensor_elements)
            return t if dt is None else t.to(dt)
        if init not in INITS:
            raise InvalidRequest(f"unknown init {init!r}; expected one of {', '.join(INITS)}")
        if not isinstance(shape, (list, tuple)) or not all(
            isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape
        ):
            raise InvalidRequest(f"init {init!r} needs 'shape', a list of non-negative integers")
        n = 1
        for d in shape:
            n *= d
        self._check_elements(n)
        dt = dt or self.dtype
        gen = torch.Generator().manual_seed(seed) if seed is not None else None
        try:
            if init == "zeros":
                return torch.zeros(shape, dtype=dt)
            if init == "ones":
                return torch.ones(shape, dtype=dt)
            if init == "full":
                if value is None:
                    raise InvalidRequest("init 'full' needs 'value'")
                return torch.full(shape, value, dtype=dt)
            if init == "rand":
                return torch.rand(shape, generator=gen, dtype=dt)
            return torch.randn(shape, generator=gen, dtype=dt)
        except (RuntimeError, TypeError) as e:
            raise InvalidTensor(f"init {init!r}: {_reason(e)}") from None

    def delete(self, name: str) -> None:
        with self.lock:
            if self.leaves.pop(name, None) is None and self.definitions.pop(name, None) is None:
                raise UnknownVariable(f"no variable {name!r} in this session")
            self.reads.forget()
            self._forget(name)
            self.generation += 1

    # --- reading ----------------------------------------------------------------------------

    def get(self, name: str) -> Variable:
        with self.lock:
            if name in self.leaves:
                leaf = self.leaves[name]
                return Variable(name, leaf, True, leaf.grad)
            return Variable(name, self._read(name), False, self.retained.get(name))

    def _read(self, name: str) -> torch.Tensor:
        """A computed value for reading: reused while none of the leaves it depends on changed."""
        definition = self.definitions.get(name)
        value = None if definition is None else self.reads.get(name, definition, self.leaves)
        if value is None:
            value = self._evaluate(name)
            self.reads.put(name, self.definitions[name], self.leaves, value)
        return value

    def list_variables(self) -> list[Variable | Broken]:
        """Every variable, computed ones evaluated from the current leaves."""
        with self.lock:
            listing: list[Variable | Broken] = []
            for name in self.names():
                try:
                    listing.append(self.get(name))
                except EngineError as e:
                    listing.append(Broken(name, e.detail))
            return listing

    def _evaluate(self, name: str) -> torch.Tensor:
        definition = self.definitions.get(name)
        if definition is None:
            raise UnknownVariable(f"no variable {name!r} in this session")
        return run(definition, self._env(name, definition), self.ctx)[name]

    def _env(self, name: str, definition: Compiled) -> dict[str, torch.Tensor]:
        missing = sorted(definition.externals - self.leaves.keys())
        if missing:
            raise InvalidRequest(f"{name!r} depends on {', '.join(map(repr, missing))}, no longer in this session")
        return {leaf: self.leaves[leaf] for leaf in definition.externals}

    # --- defining ---------------------------------------------------------------------------

    def compile(self, graph: Graph) -> Compiled:
        """Validate ``graph`` against this session and inline the computed variables it reads."""
        with self.lock:
            for out in graph.outputs:
                check_name(out, "output name")
                if out in self.leaves:
                    raise InvalidGraph(f"output {out!r} would replace the leaf {out!r}; delete the leaf first")
            ids = {n.id for n in graph.nodes}
            for out in graph.outputs:
                if out not in ids:
                    raise InvalidGraph(f"output {out!r} must be a node of the graph")
            for n in graph.nodes:
                if n.id in self.leaves or (n.id in self.definitions and n.id not in graph.outputs):
                    raise InvalidGraph(f"node id {n.id!r} shadows the session variable {n.id!r}; rename the node")
            compiled = cache.compile_graph(graph, self.names(), max_nodes=self.limits.max_graph_nodes)
            return self._splice(compiled)

    def _splice(self, compiled: Compiled) -> Compiled:
        refs = sorted(compiled.externals & self.definitions.keys())
        if not refs:
            return compiled
        nodes: list[Node] = []
        rename: dict[str, str] = {}
        for ref in refs:
            d = self.definitions[ref]
            inner = {n.id for n in d.nodes}
            for n in d.nodes:
                inputs = tuple(f"{ref}/{i}" if i in inner else i for i in n.inputs)
                nodes.append(Node(f"{ref}/{n.id}", n.op, inputs, n.attrs))
            rename[ref] = f"{ref}/{d.outputs[0]}"
        for n in compiled.nodes:
            nodes.append(Node(n.id, n.op, tuple(rename.get(i, i) for i in n.inputs), n.attrs))
        externals = frozenset(compiled.externals - self.definitions.keys()).union(
            *(self.definitions[r].externals for r in refs)
        )
        if self.limits.max_graph_nodes is not None and len(nodes) > self.limits.max_graph_nodes:
            raise LimitExceeded(
                f"graph has {len(nodes)} nodes with the computed variables it reads; the limit is "
                f"{self.limits.max_graph_nodes} nodes per graph"
            )
        return Compiled(tuple(nodes), compiled.outputs, externals)

    def _check_result_bytes(self, infos: Mapping[str, Any]) -> None:
        """Refuse, before allocating, a graph whose values would break the session's byte limit."""
        limit = self.limits.max_session_bytes
        if limit is None:
            return
        needed = sum(info.nbytes or 0 for info in infos.values())
        if self.nbytes() + needed > limit:
            raise LimitExceeded(
                f"the graph's values need {needed} bytes and the session holds {self.nbytes()}; "
                f"the limit is {limit} bytes per session"
            )

    def compute(
        self,
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
        with self.lock:
            compiled = self.compile(graph)
            if backward is not None and backward not in compiled.outputs:
                raise InvalidRequest(f"'backward' names {backward!r}, which is not an output of this graph")
            no_grad = grad_modes.check(grad_mode, compiled, backward, retain_grad)
            env = self._env("the graph", compiled)
            # shapes, dtypes and sizes checked on the meta device first
            infos = cache.infer(compiled, env, self.ctx, max_elements=self.limits.max_tensor_elements)
            self._check_result_bytes(infos)
            with torch.no_grad() if no_grad else nullcontext():
                values = run(compiled, env, self.ctx)
            if anomaly:
                debug.check_values(compiled, values)
            for name in retain_grad:
                if not values[name].requires_grad:
                    raise ComputeError(f"can't retain_grad on {name!r}: no leaf it depends on has requires_grad=True")
            outputs = {name: Variable(name, values[name], False) for name in compiled.outputs}
            saved = dict(self.retained)
            for name in compiled.outputs:  # a redefined variable's retained grad starts afresh
                self.retained.pop(name, None)
            self.retained.update(dict.fromkeys(retain_grad))
            try:
                grads = (
                    self._accumulate(
                        values[backward],
                        compiled.externals,
                        None,
                        None,
                        anomaly=anomaly,
                        retained=grad_modes.standing_for(self.retained, compiled, values),
                    )
                    if backward
                    else {}
                )
            except BaseException:
                self.retained = saved
                raise
            for name in compiled.outputs:
                pruned = compiled.prune(name)
                self.definitions[name] = grad_modes.detached(pruned) if no_grad else pruned
            self.generation += 1
            return outputs, grads

    # --- differentiating --------------------------------------------------------------------

    def _value_and_leaves(self, name: str) -> tuple[torch.Tensor, frozenset[str]]:
        if name in self.leaves:
            return self.leaves[name], frozenset({name})
        if name not in self.definitions:
            raise UnknownVariable(f"no variable {name!r} in this session")
        return self._evaluate(name), self.definitions[name].externals

    def _grad_leaves(self, candidates: Iterable[str], inputs: Sequence[str] | None) -> list[str]:
        if inputs is None:
            return sorted(n for n in candidates if self.leaves[n].requires_grad)
        for n in inputs:
            if n not in self.leaves and n not in self.definitions:
                raise UnknownVariable(f"no variable {n!r} in this session")
            if n not in self.leaves or not self.leaves[n].requires_grad:
                raise InvalidRequest(f"{n!r} is not a leaf with requires_grad; gradients go to such leaves only")
        return list(dict.fromkeys(inputs))

    def _seed(self, gradient: Any, like: torch.Tensor) -> torch.Tensor | None:
        if gradient is None:
            return None
        if not isinstance(gradient, torch.Tensor):
            gradient = decode(gradient, dtype=like.dtype, max_elements=self.limits.max_tensor_elements)
        return gradient.to(device=like.device, dtype=like.dtype)

    def _accumulate(
        self,
        value: torch.Tensor,
        candidates: Iterable[str],
        gradient: Any,
        inputs: Sequence[str] | None,
        *,
        anomaly: bool = False,
        retained: Mapping[str, list[torch.Tensor]] | None = None,
    ) -> dict[str, torch.Tensor]:
        names = self._grad_leaves(candidates, inputs)
        if not value.requires_grad or not names:
            raise ComputeError(
                "element 0 of tensors does not require grad: no leaf it depends on has requires_grad=True"
            )
        seed = self._seed(gradient, value)
        kept = retained if retained and inputs is None else {}  # like torch: 'inputs' fills those alone
        extra = [t for ts in kept.values() for t in ts]
        try:
            with debug.nan_hooks(value) if anomaly else nullcontext():
                grads = torch.autograd.grad(
                    value, [self.leaves[n] for n in names] + extra, grad_outputs=seed, allow_unused=True
                )
        except RuntimeError as e:
            raise ComputeError(_reason(e)) from None
        budget.check("the end of backward")
        reached = {n: g for n, g in zip(names, grads, strict=False) if g is not None}
        accumulated = {}
        for n, g in reached.items():
            leaf = self.leaves[n]
            leaf.grad = accumulated[n] = g if leaf.grad is None else leaf.grad + g
        rest = iter(grads[len(names) :])
        for n, ts in kept.items():
            for g in [next(rest) for _ in ts]:
                if g is not None:
                    before = self.retained.get(n)
                    self.retained[n] = g if before is None else before + g
        self.generation += 1
        return accumulated

    def backward(
        self, name: str, gradient: Any = None, inputs: Sequence[str] | None = None, *, anomaly: bool = False
    ) -> dict[str, torch.Tensor]:
        """``name.backward(gradient, inputs=...)``: accumulate into the leaves it reaches."""
        with self.lock:
            definition = self.definitions.get(name)
            if self.retained and inputs is None and definition is not None:  # retained grads need inner values
                values = run(definition, self._env(name, definition), self.ctx)
                kept = grad_modes.standing_for(self.retained, definition, values)
                return self._accumulate(
                    values[name], definition.externals, gradient, None, anomaly=anomaly, retained=kept
                )
            value, leaves = self._value_and_leaves(name)
            return self._accumulate(value, leaves, gradient, inputs, anomaly=anomaly)

    def grad(
        self,
        outputs: Sequence[str],
        inputs: Sequence[str],
        grad_outputs: Sequence[Any] | None = None,
        create_graph: bool = False,
    ) -> dict[str, torch.Tensor]:
        """``torch.autograd.grad``: gradients returned, nothing accumulated."""
        with self.lock:
            if not outputs or not inputs:
                raise InvalidRequest("'outputs' and 'inputs' must each name at least one variable")
            if grad_outputs is not None and len(grad_outputs) != len(outputs):
                raise InvalidRequest(f"'grad_outputs' has {len(grad_outputs)} entries for {len(outputs)} outputs")
            values = [self._value_and_leaves(o)[0] for o in outputs]
            names = self._grad_leaves((), inputs)
            for o, v in zip(outputs, values, strict=True):
                if not v.requires_grad:
                    raise ComputeError(f"{o!r} does not require grad: no leaf it depends on has requires_grad=True")
            seeds = (
                None if grad_outputs is None else [self._seed(g, v) for g, v in zip(grad_outputs, values, strict=True)]
            )
            try:
                grads = torch.autograd.grad(
                    values,
                    [self.leaves[n] for n in names],
                    grad_outputs=seeds,
                    create_graph=create_graph,
                    allow_unused=True,
                    materialize_grads=True,
                )
            except RuntimeError as e:
                raise ComputeError(_reason(e)) from None
            return dict(zip(names, grads, strict=True))

    def zero_grad(self, names: Sequence[str] | None = None, set_to_none: bool = False) -> list[str]:
        """Zero (or drop) the gradients of the named leaves (and retained variables), or of all of them."""
        with self.lock:
            if names is None:
                targets = [n for n, t in self.leaves.items() if t.requires_grad]
                kept = list(self.retained)
            else:
                kept = [n for n in dict.fromkeys(names) if n in self.retained]
                targets = self._grad_leaves((), [n for n in names if n not in self.retained])
            for n in targets:
                leaf = self.leaves[n]
                if set_to_none:
                    leaf.grad = None
                elif leaf.grad is not None:
                    leaf.grad = torch.zeros_like(leaf.grad)
            for n in kept:
                g = self.retained[n]
                self.retained[n] = None if set_to_none or g is None else torch.zeros_like(g)
            self.generation += 1
            return targets + kept

    def _forget(self, name: str) -> None:
        """Drop what refers to ``name``, replaced or deleted: its retained grad, optimizer state over it."""
        self.retained.pop(name, None)
        self.optimizers = {k: s for k, s in self.optimizers.items() if name not in s.names}


def _grad_bytes(t: torch.Tensor) -> int:
    return 0 if t.grad is None else t.grad.numel() * t.grad.element_size()
