"""Differentiating a session's variables: backward (accumulating), grad (not), zero_grad.

All-or-nothing: gradients are computed first with ``torch.autograd.grad`` and accumulated only
once all of them exist, so a call that fails (or runs out of budget) changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from typing import Any

import torch

from engine import anomaly as anomaly_mode
from engine import budget, grad_modes
from engine.errors import ComputeError, InvalidRequest, UnknownVariable
from engine.evaluation import checked_env, evaluate, run_checked, value_of
from engine.graph import reason
from engine.session import Session
from engine.tensors import decode


def _grad_leaves(session: Session, candidates: Iterable[str], inputs: Sequence[str] | None) -> list[str]:
    if inputs is None:
        return sorted(n for n in candidates if session.leaves[n].requires_grad)
    for n in inputs:
        if n not in session.leaves and n not in session.definitions:
            raise UnknownVariable(f"no variable {n!r} in this session")
        if n not in session.leaves or not session.leaves[n].requires_grad:
            raise InvalidRequest(f"{n!r} is not a leaf with requires_grad; gradients go to such leaves only")
    return list(dict.fromkeys(inputs))


def _seed(session: Session, gradient: Any, like: torch.Tensor) -> torch.Tensor | None:
    if gradient is None:
        return None
    if not isinstance(gradient, torch.Tensor):
        gradient = decode(gradient, dtype=like.dtype, max_elements=session.limits.max_tensor_elements)
    return gradient.to(device=like.device, dtype=like.dtype)


def accumulate(
    session: Session,
    value: torch.Tensor,
    candidates: Iterable[str],
    gradient: Any,
    inputs: Sequence[str] | None,
    *,
    anomaly: bool = False,
    retained: Mapping[str, list[torch.Tensor]] | None = None,
) -> dict[str, torch.Tensor]:
    """Backward from ``value`` into the leaves (and retained variables) it reaches."""
    names = _grad_leaves(session, candidates, inputs)
    if not value.requires_grad or not names:
        raise ComputeError("element 0 of tensors does not require grad: no leaf it depends on has requires_grad=True")
    seed = _seed(session, gradient, value)
    kept = retained if retained and inputs is None else {}  # like torch: 'inputs' fills those alone
    extra = [t for ts in kept.values() for t in ts]
    try:
        with anomaly_mode.nan_hooks(value) if anomaly else nullcontext():
            grads = torch.autograd.grad(
                value, [session.leaves[n] for n in names] + extra, grad_outputs=seed, allow_unused=True
            )
    except RuntimeError as e:
        raise ComputeError(reason(e)) from None
    budget.check("the end of backward")
    reached = {n: g for n, g in zip(names, grads, strict=False) if g is not None}
    accumulated = {}
    for n, g in reached.items():
        leaf = session.leaves[n]
        leaf.grad = accumulated[n] = g if leaf.grad is None else leaf.grad + g
    rest = iter(grads[len(names) :])
    for n, ts in kept.items():
        for g in [next(rest) for _ in ts]:
            if g is not None:
                before = session.retained.get(n)
                session.retained[n] = g if before is None else before + g
    session.changed()
    return accumulated


def backward(
    session: Session, name: str, gradient: Any = None, inputs: Sequence[str] | None = None, *, anomaly: bool = False
) -> dict[str, torch.Tensor]:
    """``name.backward(gradient, inputs=...)``: accumulate into the leaves it reaches."""
    with session.lock:
        definition = session.definitions.get(name)
        if session.retained and inputs is None and definition is not None:  # retained grads need inner values
            env = checked_env(session, name, definition, backward=True)
            values = run_checked(session, definition, env, backward=True)
            kept = grad_modes.standing_for(session.retained, definition, values)
            return accumulate(
                session, values[name], definition.externals, gradient, None, anomaly=anomaly, retained=kept
            )
        if name not in session.leaves and definition is None:
            raise UnknownVariable(f"no variable {name!r} in this session")
        leaves = frozenset({name}) if definition is None else definition.externals
        return accumulate(session, value_of(session, name), leaves, gradient, inputs, anomaly=anomaly)


def grad(
    session: Session,
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
    with session.lock:
        if not outputs or not inputs:
            raise InvalidRequest("'outputs' and 'inputs' must each name at least one variable")
        if grad_outputs is not None and len(grad_outputs) != len(outputs):
            raise InvalidRequest(f"'grad_outputs' has {len(grad_outputs)} entries for {len(outputs)} outputs")
        names = list(dict.fromkeys(inputs))
        stand_ins = {n: _grad_input(session, n) for n in names if n not in session.leaves}
        values = [_output_reading(session, o, stand_ins) for o in outputs]
        for n in names:
            if n in session.leaves and not session.leaves[n].requires_grad:
                raise InvalidRequest(f"{n!r} does not require grad; 'inputs' must be leaves with requires_grad")
        for o, v in zip(outputs, values, strict=True):
            if not v.requires_grad:
                raise ComputeError(f"{o!r} does not require grad: no leaf it depends on has requires_grad=True")
        seeds = (
            None if grad_outputs is None else [_seed(session, g, v) for g, v in zip(grad_outputs, values, strict=True)]
        )
        targets = [session.leaves[n] if n in session.leaves else stand_ins[n] for n in names]
        try:
            grads = torch.autograd.grad(
                values, targets, grad_outputs=seeds, create_graph=create_graph, allow_unused=True
            )
        except RuntimeError as e:
            raise ComputeError(reason(e)) from None
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


def _grad_input(session: Session, name: str) -> torch.Tensor:
    """A computed variable's value, to differentiate with respect to."""
    if name not in session.definitions:
        raise UnknownVariable(f"no variable {name!r} in this session")
    value = evaluate(session, name, backward=True)
    if not value.requires_grad:
        raise InvalidRequest(f"{name!r} does not require grad: no leaf it depends on has requires_grad=True")
    return value


def _output_reading(session: Session, name: str, stand_ins: Mapping[str, torch.Tensor]) -> torch.Tensor:
    """Output ``name`` evaluated with each computed input's node set to that input's tensor."""
    if name in stand_ins:
        return stand_ins[name]
    definition = session.definitions.get(name)
    if definition is None or not stand_ins:
        if name not in session.leaves and definition is None:
            raise UnknownVariable(f"no variable {name!r} in this session")
        return value_of(session, name)
    env: dict[str, Any] = dict(checked_env(session, name, definition, backward=True))
    for inner, value in stand_ins.items():
        for node_id in grad_modes.expanded(definition, inner, session.definitions[inner]):
            env[node_id] = value
    out: torch.Tensor = run_checked(session, definition, env, backward=True)[name]
    return out


def zero_grad(session: Session, names: Sequence[str] | None = None, set_to_none: bool = False) -> list[str]:
    """Zero (or drop) the gradients of the named leaves (and retained variables), or of all of them."""
    with session.lock:
        if names is None:
            targets = [n for n, t in session.leaves.items() if t.requires_grad]
            kept = list(session.retained)
        else:
            kept = [n for n in dict.fromkeys(names) if n in session.retained]
            targets = _grad_leaves(session, (), [n for n in names if n not in session.retained])
        for n in targets:
            leaf = session.leaves[n]
            if set_to_none:
                leaf.grad = None
            elif leaf.grad is not None:
                leaf.grad = torch.zeros_like(leaf.grad)
        for n in kept:
            g = session.retained[n]
            session.retained[n] = None if set_to_none or g is None else torch.zeros_like(g)
        session.changed()
        return targets + kept
