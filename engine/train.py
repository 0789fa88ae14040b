"""A fused training loop: ``steps`` rounds of zero, backward from a loss, optimizer step, in one call.

Each step is what a PyTorch loop does, on the session's leaves::

    optimizer.zero_grad()        # torch's default, set_to_none: the stepped leaves' grads are dropped
    loss = f(leaves)             # the computed variable, evaluated from the leaves as they are now
    loss.backward()              # into every leaf with requires_grad that the loss reaches
    optimizer.step()             # the state POST /step keeps (engine/optim.py): fused and two-call steps mix

and the loss logged for a step is the value that step differentiated (before its update). The
backward is torch.autograd.grad into the leaves, as engine.backward's, without its extras: no
retained grads of computed variables (compute's ``retain_grad``) are filled, no anomaly mode.

Failure. The loss, the leaves and the optimizer are checked before step 1, so a refusal there
changes nothing. One step is all-or-nothing: its gradients all exist before any is stored,
and they are put back if the optimizer refuses. A failure at step k (torch refusing, the time
budget running out) leaves steps 1..k-1 applied, as an interrupted loop in a notebook does,
and ``Trained`` says how many were. Rolling them back would need a copy of every leaf and of
the optimizer's state on every call, and the steps that were taken were sound ones.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch

from engine import budget, cache, optim
from engine.errors import ComputeError, EngineError, InvalidRequest, TimeLimitExceeded
from engine.evaluation import checked_env, run_checked
from engine.graph import TORCH_ERRORS, Compiled, reason
from engine.session import Session, Slot


@dataclass(frozen=True)
class Progress:
    """One logged step: its number (from 1), its loss, and the seconds since the loop began."""

    step: int
    loss: float
    elapsed_s: float


@dataclass
class Trained:
    """What a loop did: steps applied, the logged losses and their step numbers, and why it ended early."""

    steps: int = 0
    losses: list[float] = field(default_factory=list)
    logged: list[int] = field(default_factory=list)
    stopped: bool = False  # the caller asked it to stop (a client went away)
    error: EngineError | None = None  # the failure at step ``steps + 1``; the steps before it stay applied


@dataclass(frozen=True)
class _Plan:
    loss: str
    definition: Compiled
    env: dict[str, torch.Tensor]
    targets: tuple[str, ...]  # leaves with requires_grad the loss reads: backward fills these
    stepped: tuple[str, ...]  # the optimizer's leaves: zero_grad drops these
    key: str
    slot: Slot


def train(
    session: Session,
    loss: str,
    optimizer: Any,
    *,
    steps: int = 1,
    variables: Sequence[str] | None = None,
    zero_grad: bool = True,
    log_every: int = 1,
    on_start: Callable[[], None] | None = None,
    on_step: Callable[[Progress], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Trained:
    """Run ``steps`` training steps; ``on_start`` hears that the request was accepted, ``on_step``
    sees each logged step, ``stop`` is asked after each step.

    A loss is logged every ``log_every`` steps and at the last step taken. Raises (changing
    nothing) for a request that cannot start; a failure once started is returned in ``error``.
    """
    if steps < 1 or log_every < 1:
        raise InvalidRequest("'steps' and 'log_every' must be at least 1")
    with session.lock:
        plan = _plan(session, loss, optimizer, variables)
        if on_start is not None:
            on_start()
        done = Trained()
        kept: torch.Tensor | None = None  # losses on the loss's device, read back once: no sync per step
        start = time.perf_counter()

        def log(k: int, value: torch.Tensor) -> None:
            nonlocal kept
            done.logged.append(k)
            if on_step is None:
                kept = value.new_empty(steps // log_every + 1) if kept is None else kept
                kept[len(done.logged) - 1] = value
            else:
                done.losses.append(value.item())
                on_step(Progress(k, done.losses[-1], time.perf_counter() - start))

        value = None
        for k in range(1, steps + 1):
            try:
                if k > 1:
                    budget.check(f"step {k}")
                value = _step(session, plan, zero_grad)
            except EngineError as e:
                done.error = _at_step(e, k, steps)
                if value is not None and done.logged[-1:] != [k - 1]:
                    log(k - 1, value)  # the last step taken is logged too
                break
            done.steps = k
            last = k == steps or (stop is not None and stop())
            if k % log_every == 0 or last:
                log(k, value)
            if last:
                done.stopped = k < steps
                break
        if kept is not None:
            done.losses = [float(v) for v in kept[: len(done.logged)].tolist()]
        if done.steps:
            optim.keep(session, plan.key, plan.slot)
        return done


def _plan(session: Session, loss: str, optimizer: Any, variables: Sequence[str] | None) -> _Plan:
    """Everything checked and looked up once, before step 1."""
    definition = session.definitions.get(loss)
    if definition is None:
        what = "the leaf" if loss in session.leaves else "no variable"
        raise InvalidRequest(f"'loss': {what} {loss!r}; a loss is a computed variable, defined with compute")
    missing = sorted(definition.externals - session.leaves.keys())
    if missing:
        raise InvalidRequest(f"'loss' {loss!r} depends on {', '.join(map(repr, missing))}, no longer in this session")
    env = checked_env(session, loss, definition, backward=True)  # every limit, and one step's cost
    limits = session.limits
    infos = cache.inferred_shapes(
        definition, env, session.ctx, max_elements=limits.max_tensor_elements, max_dims=limits.max_tensor_dims
    )
    shape = getattr(infos.get(loss), "shape", None)
    if shape is not None and len(shape) > 0 and torch.Size(shape).numel() != 1:
        raise InvalidRequest(_not_scalar(loss, list(shape)))
    targets = tuple(sorted(n for n in definition.externals if env[n].requires_grad))
    if not targets:
        raise InvalidRequest(f"'loss' {loss!r} depends on no leaf with requires_grad: there is nothing to train")
    key, slot = optim.step_state(session, optimizer, variables)
    return _Plan(loss, definition, env, targets, slot.names, key, slot)


def _step(session: Session, plan: _Plan, zero_grad: bool) -> torch.Tensor:
    """One step, all or nothing; returns the loss it differentiated, detached."""
    value = run_checked(session, plan.definition, plan.env, backward=True)[plan.loss]
    if value.numel() != 1:
        raise InvalidRequest(_not_scalar(plan.loss, list(value.shape)))
    try:
        grads = torch.autograd.grad(value, [plan.env[n] for n in plan.targets], allow_unused=True)
    except RuntimeError as e:
        raise ComputeError(f"backward from {plan.loss!r}: {reason(e)}") from None
    budget.check("the end of backward")
    leaves = session.leaves
    saved = {n: leaves[n].grad for n in (*plan.targets, *plan.stepped)}
    if zero_grad:
        for n in plan.stepped:
            leaves[n].grad = None
    for n, g in zip(plan.targets, grads, strict=True):
        if g is not None:
            leaf = leaves[n]
            leaf.grad = g if leaf.grad is None else leaf.grad + g
    try:
        plan.slot.optimizer.step()
    except TORCH_ERRORS as e:
        for n, before in saved.items():
            leaves[n].grad = before
        raise ComputeError(f"{json.loads(plan.key)['type']} step: {reason(e)}") from None
    return value.detach()


def _not_scalar(loss: str, shape: list[int]) -> str:
    return f"'loss' {loss!r} has shape {shape}; training needs a scalar loss (one element)"


def _at_step(e: EngineError, k: int, steps: int) -> EngineError:
    """The same error, its message saying where the loop stopped and what stayed applied."""
    applied = "nothing was changed" if k == 1 else f"steps 1-{k - 1} stay applied" if k > 2 else "step 1 stays applied"
    why = "the loop ran over its time limit (max_compute_seconds)" if isinstance(e, TimeLimitExceeded) else e.detail
    return type(e)(f"step {k} of {steps}: {why}; {applied}", errors=e.errors)
