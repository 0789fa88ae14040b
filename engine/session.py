"""A session: named leaf tensors, named computed variables, and autograd over them.

Leaves hold tensors and accumulate ``.grad`` exactly as PyTorch leaves do. A computed
variable is kept as its definition, a validated graph over leaves only, and is evaluated
afresh from the current leaves whenever it is read or differentiated: repeated backward
calls work and nothing goes stale.

Every public method holds the session's lock and is all-or-nothing: gradients are
computed first with ``torch.autograd.grad`` and accumulated only once all of them exist.

Every evaluation of a definition, on every path (read, backward, grad, the functional
transforms), first runs the shape pass against the leaves as they are now (``checked_env``):
a leaf replaced by a larger one cannot walk a definition past the element, dimension or byte
limits, and each node's estimated work is charged to the call's budget before data is touched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import torch

from engine import budget, cache, debug, grad_modes, shapes
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
SEEDS = range(0, 2**64)  # what torch.Generator.manual_seed takes


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
        """Bytes held by leaves, their gradients, retained gradients, optimizer state and read values."""
        held: list[torch.Tensor | None] = []
        for t in self.leaves.values():
            held += [t, t.grad]
        held += self.retained.values()
        for slot in self.optimizers.values():
            held += [
                v for state in slot.optimizer.state.values() for v in state.values() if isinstance(v, torch.Tensor)
            ]
        return self.reads.nbytes + sum(t.numel() * t.element_size() for t in held if t is not None)

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
        self._check_dims(tensor.dim())
        tensor = tensor.detach().to(self.device).requires_grad_(requires_grad)
        with self.lock:
            held = len(self.leaves) + len(self.definitions)
            if self.limits.max_variables is not None and name not in self.names() and held >= self.limits.max_variables:
                raise LimitExceeded(
                    f"the session holds {held} variables; the limit is {self.limits.max_variables} variables"
                    " per session (delete one first)"
                )
            self.reads.forget()
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
            self._forget(name)
            self.generation += 1
            return Variable.of(name, tensor, leaf=True), created

    def _check_elements(self, n: int) -> None:
        limit = self.limits.max_tensor_elements
        if limit is not None and n > limit:
            raise LimitExceeded(f"tensor of {n} elements is over the limit of {limit} elements per tensor")

    def _check_dims(self, n: int) -> None:
        limit = self.limits.max_tensor_dims
        if limit is not None and n > limit:
            raise LimitExceeded(f"tensor of {n} dimensions is over the limit of {limit} dimensions per tensor")

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
        if seed is not None and seed not in SEEDS:
            raise InvalidRequest(f"'seed' must be an integer from 0 to 2**64 - 1, got {seed}")
        self._check_dims(len(shape))
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
                return Variable.of(name, leaf, leaf=True, grad=leaf.grad)
            definition = self.definitions.get(name)
            found = None if definition is None else self.reads.get(name, definition, self.leaves)
            if found is None:
                fresh = Variable.of(name, self.evaluate(name))
                found = replace(fresh, value=fresh.value.detach())
                nbytes = found.value.numel() * found.value.element_size()
                limit = self.limits.max_session_bytes
                room = None if limit is None else limit - self.nbytes()
                self.reads.put(name, self.definitions[name], self.leaves, found, nbytes, room)
            return replace(found, grad=self.retained.get(name))

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

    def evaluate(self, name: str, *, backward: bool = False) -> torch.Tensor:
        """Computed variable ``name`` from the current leaves, with its autograd graph."""
        definition = self.definitions.get(name)
        if definition is None:
            raise UnknownVariable(f"no variable {name!r} in this session")
        return self._run(definition, self.checked_env(name, definition, backward=backward), backward=backward)[name]

    def checked_env(self, name: str, definition: Compiled, *, backward: bool = False) -> dict[str, torch.Tensor]:
        """The leaves ``definition`` reads, once the shape pass over them holds every limit."""
        missing = sorted(definition.externals - self.leaves.keys())
        if missing:
            raise InvalidRequest(f"{name!r} depends on {', '.join(map(repr, missing))}, no longer in this session")
        env = {leaf: self.leaves[leaf] for leaf in definition.externals}
        infos = cache.infer(
            definition,
            env,
            self.ctx,
            max_elements=self.limits.max_tensor_elements,
            max_dims=self.limits.max_tensor_dims,
        )
        self._check_result_bytes(infos)
        shapes.charge(definition, infos, factor=3.0 if backward else 1.0)
        return env

    def _run(self, definition: Compiled, env: Mapping[str, torch.Tensor], *, backward: bool = False) -> dict[str, Any]:
        """Run a checked definition; one that will be differentiated checks its budget inside backward too."""
        with budget.watch_backward() if backward else nullcontext():
            return run(definition, env, self.ctx)

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
            self.reads.forget()  # values kept for reading give way first
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
            new = [n for n in compiled.outputs if n not in self.definitions]
            held = len(self.leaves) + len(self.definitions)
            if self.limits.max_variables is not None and held + len(new) > self.limits.max_variables:
                raise LimitExceeded(
                    f"the session holds {held} variables and the graph defines {len(new)} more; the limit is"
                    f" {self.limits.max_variables} variables per session"
                )
            # shapes, dtypes, sizes and cost checked on the meta device first
            env = self.checked_env("the graph", compiled, backward=backward is not None)
            with torch.no_grad() if no_grad else nullcontext():
                values = self._run(compiled, env, backward=backward is not None)
            if anomaly:
                debug.check_values(compiled, values)
            for name in retain_grad:
                if not values[name].requires_grad:
                    raise ComputeError(f"can't retain_grad on {name!r}: no leaf it depends on has requires_grad=True")
            outputs = {name: Variable.of(name, values[name]) for name in compiled.outputs}
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
                self.reads.drop(name)
            self.generation += 1
            return outputs, grads

    # --- differentiating --------------------------------------------------------------------

    def _value_and_leaves(self, name: str) -> tuple[torch.Tensor, frozenset[str]]:
        if name in self.leaves:
            return self.leaves[name], frozenset({name})
        if name not in self.definitions:
            raise UnknownVariable(f"no variable {name!r} in this session")
        return self.evaluate(name, backward=True), self.definitions[name].externals

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
                values = self._run(definition, self.checked_env(name, definition, backward=True), backward=True)
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
        allow_unused: bool | None = None,
        materialize_grads: bool = False,
    ) -> dict[str, torch.Tensor | None]:
        """``torch.autograd.grad``: gradients returned, nothing accumulated.

        Inputs may be leaves or computed variables, as torch takes non-leaf tensors: a computed
        input is evaluated once and that very tensor stands for it inside every output that reads
        it (the outputs' definitions inlined it under its name). An input no output uses is an
        error unless ``allow_unused`` (which defaults to ``materialize_grads``, as in torch).
        """
        if allow_unused is None:
            allow_unused = materialize_grads
        if materialize_grads and not allow_unused:
            raise InvalidRequest("'materialize_grads' needs 'allow_unused' true (or left out), as in torch")
        with self.lock:
            if not outputs or not inputs:
                raise InvalidRequest("'outputs' and 'inputs' must each name at least one variable")
            if grad_outputs is not None and len(grad_outputs) != len(outputs):
                raise InvalidRequest(f"'grad_outputs' has {len(grad_outputs)} entries for {len(outputs)} outputs")
            names = list(dict.fromkeys(inputs))
            stand_ins = {n: self._grad_input(n) for n in names if n not in self.leaves}
            values = [self._output_reading(o, stand_ins) for o in outputs]
            for n in names:
                if n in self.leaves and not self.leaves[n].requires_grad:
                    raise InvalidRequest(f"{n!r} does not require grad; 'inputs' must be leaves with requires_grad")
            for o, v in zip(outputs, values, strict=True):
                if not v.requires_grad:
                    raise ComputeError(f"{o!r} does not require grad: no leaf it depends on has requires_grad=True")
            seeds = (
                None if grad_outputs is None else [self._seed(g, v) for g, v in zip(grad_outputs, values, strict=True)]
            )
            targets = [self.leaves[n] if n in self.leaves else stand_ins[n] for n in names]
            try:
                grads = torch.autograd.grad(
                    values, targets, grad_outputs=seeds, create_graph=create_graph, allow_unused=True
                )
            except RuntimeError as e:
                raise ComputeError(_reason(e)) from None
            budget.check("the end of grad")
            unused = [n for n, g in zip(names, grads, strict=True) if g is None]
            if unused and not allow_unused:
                raise ComputeError(
                    f"{', '.join(map(repr, unused))} not used to compute {', '.join(map(repr, outputs))};"
                    " set 'allow_unused' to get null for it (or 'materialize_grads' for zeros)"
                )
            return {
                n: torch.zeros_like(t) if g is None and materialize_grads else g
                for n, t, g in zip(names, targets, grads, strict=True)
            }

    def _grad_input(self, name: str) -> torch.Tensor:
        """A computed variable's value, to differentiate with respect to."""
        if name not in self.definitions:
            raise UnknownVariable(f"no variable {name!r} in this session")
        value = self.evaluate(name, backward=True)
        if not value.requires_grad:
            raise InvalidRequest(f"{name!r} does not require grad: no leaf it depends on has requires_grad=True")
        return value

    def _output_reading(self, name: str, stand_ins: Mapping[str, torch.Tensor]) -> torch.Tensor:
        """Output ``name`` evaluated with each computed input's node set to that input's tensor."""
        if name in stand_ins:
            return stand_ins[name]
        definition = self.definitions.get(name)
        if definition is None or not stand_ins:
            return self._value_and_leaves(name)[0]
        env: dict[str, Any] = dict(self.checked_env(name, definition, backward=True))
        for inner, value in stand_ins.items():
            for node_id in grad_modes.inlined(definition, inner, self.definitions[inner]):
                env[node_id] = value
        return self._run(definition, env, backward=True)[name]

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
