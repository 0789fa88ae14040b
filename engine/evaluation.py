"""Computed variables evaluated from the leaves as they are now, every limit checked first.

Every evaluation of a definition, on every path (read, backward, grad, the functional
transforms), first runs the shape pass against the current leaves (``checked_env``): a leaf
replaced by a larger one cannot walk a definition past the element, dimension or byte limits,
and each node's estimated work is charged to the call's budget before data is touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

import torch

from engine import budget, cache, shapes
from engine.errors import InvalidRequest, UnknownVariable
from engine.graph import Compiled, run
from engine.session import Session, Variable, nbytes


def checked_env(session: Session, name: str, definition: Compiled, *, backward: bool = False) -> dict[str, Any]:
    """The leaves ``definition`` reads, once the shape pass over them holds every limit."""
    missing = sorted(definition.externals - session.leaves.keys())
    if missing:
        raise InvalidRequest(f"{name!r} depends on {', '.join(map(repr, missing))}, no longer in this session")
    env = {leaf: session.leaves[leaf] for leaf in definition.externals}
    limits = session.limits
    infos = cache.inferred_shapes(
        definition, env, session.ctx, max_elements=limits.max_tensor_elements, max_dims=limits.max_tensor_dims
    )
    session.check_bytes(sum(info.nbytes or 0 for info in infos.values()), "the graph's values")
    shapes.charge(definition, infos, factor=3.0 if backward else 1.0)
    return env


def run_checked(
    session: Session, definition: Compiled, env: Mapping[str, Any], *, backward: bool = False
) -> dict[str, Any]:
    """Run a checked definition; one that will be differentiated checks its budget inside backward too."""
    with budget.watch_backward() if backward else nullcontext():
        return run(definition, env, session.ctx)


def evaluate(session: Session, name: str, *, backward: bool = False) -> torch.Tensor:
    """Computed variable ``name`` from the current leaves, with its autograd graph."""
    definition = session.definitions.get(name)
    if definition is None:
        raise UnknownVariable(f"no variable {name!r} in this session")
    env = checked_env(session, name, definition, backward=backward)
    value: torch.Tensor = run_checked(session, definition, env, backward=backward)[name]
    return value


def listed(session: Session, name: str) -> Variable:
    """A computed variable as a listing shows it, without evaluating it: its shape, dtype and grad_fn
    from a run on the meta device; one whose size depends on data is evaluated (within every limit)."""
    definition = session.definitions[name]
    env = checked_env(session, name, definition)
    meta = shapes.meta_values(definition, env, session.ctx).get(name)
    if not isinstance(meta, torch.Tensor):
        return read(session, name)
    stand_in = torch.empty((), dtype=meta.dtype, device=session.device).expand(meta.shape)  # one element
    grad_fn = None if meta.grad_fn is None else type(meta.grad_fn).__name__
    return Variable(name, stand_in, not meta.requires_grad, session.retained.get(name), grad_fn, meta.requires_grad)


def value_of(session: Session, name: str) -> torch.Tensor:
    """A leaf as it is, or a computed variable evaluated, ready to be differentiated."""
    if name in session.leaves:
        return session.leaves[name]
    return evaluate(session, name, backward=True)


def read(session: Session, name: str) -> Variable:
    """Variable ``name`` as a client reads it; computed values are kept while their leaves stay the same."""
    with session.lock:
        if name in session.leaves:
            leaf = session.leaves[name]
            return Variable.of(name, leaf, leaf=True, grad=leaf.grad)
        definition = session.definitions.get(name)
        found = None if definition is None else session.reads.get(name, definition, session.leaves)
        if found is None:
            fresh = Variable.of(name, evaluate(session, name))
            found = replace(fresh, value=fresh.value.detach())
            limit = session.limits.max_session_bytes
            room = None if limit is None else limit - session.nbytes()
            session.reads.put(name, session.definitions[name], session.leaves, found, nbytes(found.value), room)
        return replace(found, grad=session.retained.get(name))
