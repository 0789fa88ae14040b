"""Functional derivatives (torch.func) of one variable with respect to named leaves, and gradcheck.

A variable's definition is a graph over leaves, so it is a pure function of them:
``pure`` turns it into ``f(*wrt)``, the compiled graph run with the ``wrt`` leaves taken
from the arguments and every other leaf fixed, and torch.func transforms that function.
The leaves go in as detached copies, so nothing accumulates into any ``.grad`` and the
session is never changed. A stateless call is the same on a throw-away session.

Before a transform runs, ``f`` is evaluated once under ``no_grad``: that checks the output
is floating point (and a scalar where one is needed) and sizes the answer against the
element limit, so a bad request fails fast with a message naming the field.

``gradcheck``: ``torch.autograd.gradcheck`` in float64, on copies of the leaves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import torch
import torch.func
from torch.autograd.gradcheck import GradcheckError

from engine.compute import prepare
from engine.errors import ComputeError, EngineError, InvalidRequest, InvalidTensor, LimitExceeded, UnknownVariable
from engine.evaluation import checked_env
from engine.graph import TORCH_ERRORS, Compiled, Graph, reason, run
from engine.opspec import EvalContext
from engine.session import Session
from engine.tensors import decode, dtype_name

T = TypeVar("T")
MODES = ("rev", "fwd")


@dataclass(frozen=True)
class Pure:
    """``fn(*primals)`` is the output as a function of the ``wrt`` leaves, the others held fixed."""

    output: str
    wrt: tuple[str, ...]
    primals: tuple[torch.Tensor, ...]
    fn: Callable[..., torch.Tensor]
    shape: torch.Size
    dtype: torch.dtype
    grad_node: str | None  # a ``grad`` op in the graph, which only reverse mode can see through

    @property
    def argnums(self) -> tuple[int, ...]:
        return tuple(range(len(self.wrt)))

    @property
    def numel(self) -> int:
        return self.shape.numel()


def definition(session: Session, output: str, graph: Graph | None = None) -> Compiled:
    """The graph behind ``output``: an output of ``graph`` if given, else a session variable."""
    if graph is not None:
        compiled = prepare(session, graph)
        if output not in compiled.outputs:
            raise InvalidRequest(
                f"'output' names {output!r}, which is not an output of this graph"
                f" (its outputs: {', '.join(compiled.outputs)})"
            )
        return compiled.prune(output)
    if output in session.leaves:
        return Compiled((), (output,), frozenset({output}))
    if output not in session.definitions:
        raise UnknownVariable(f"'output': no variable {output!r} in this session")
    return session.definitions[output]


def leaves_requiring_grad(session: Session, output: str) -> list[str]:
    """The leaves ``output`` reads that have ``requires_grad``, sorted."""
    externals = definition(session, output).externals
    return sorted(n for n in externals if n in session.leaves and session.leaves[n].requires_grad)


def pure(
    session: Session, output: str, wrt: Sequence[str], *, graph: Graph | None = None, dtype: torch.dtype | None = None
) -> Pure:
    """``output`` as a function of the ``wrt`` leaves; ``dtype`` recasts every floating leaf."""
    d = definition(session, output, graph)
    names = _wrt(session, wrt)
    env = checked_env(session, output, d, backward=True)
    ctx = session.ctx if dtype is None else EvalContext(session.device, dtype, session.limits.max_tensor_elements)
    grad_node = next((n.id for n in d.nodes if n.op == "grad"), None)
    # Fixed leaves keep requires_grad only for a ``grad`` op, which needs a graph to walk.
    fixed = {
        n: _copy(t, dtype).requires_grad_(t.requires_grad and grad_node is not None)
        for n, t in env.items()
        if n not in names
    }
    primals = tuple(_copy(session.leaves[n], dtype) for n in names)

    def fn(*args: torch.Tensor) -> torch.Tensor:
        value: torch.Tensor = run(d, {**fixed, **dict(zip(names, args, strict=True))}, ctx)[output]
        return value

    with torch.no_grad():
        probe = fn(*primals)
    if not isinstance(probe, torch.Tensor) or not probe.is_floating_point():
        kind = dtype_name(probe.dtype) if isinstance(probe, torch.Tensor) else type(probe).__name__
        raise ComputeError(f"'output' {output!r} is {kind}; derivatives need a floating-point output")
    return Pure(output, names, primals, fn, probe.shape, probe.dtype, grad_node)


def jacobian(
    session: Session, output: str, wrt: Sequence[str], *, graph: Graph | None = None, mode: str = "rev"
) -> dict[str, torch.Tensor]:
    """``torch.func.jacrev`` (or ``jacfwd``): one block of shape output.shape + x.shape per x."""
    if mode not in MODES:
        raise InvalidRequest(f"'mode' must be 'rev' or 'fwd', not {mode!r}")
    with session.lock:
        p = pure(session, output, wrt, graph=graph)
        for name, x in zip(p.wrt, p.primals, strict=True):
            _check_size(session, p.numel * x.numel(), f"the jacobian of {output!r} with respect to {name!r}")
        if mode == "fwd":
            _reverse_only(p, "jacobian with mode 'fwd'")
        transform = torch.func.jacrev if mode == "rev" else torch.func.jacfwd
        blocks = _torch(f"jacobian of {output!r}", lambda: transform(p.fn, argnums=p.argnums)(*p.primals))
        return _detached(p.wrt, blocks)


def hessian(
    session: Session, output: str, wrt: Sequence[str], *, graph: Graph | None = None
) -> dict[str, dict[str, torch.Tensor]]:
    """``torch.func.hessian`` of a scalar output: block ``[x][x2]`` has shape x.shape + x2.shape."""
    with session.lock:
        p = pure(session, output, wrt, graph=graph)
        _check_scalar(p, "hessian")
        for a, x in zip(p.wrt, p.primals, strict=True):
            for b, x2 in zip(p.wrt, p.primals, strict=True):
                _check_size(session, x.numel() * x2.numel(), f"the hessian block of {output!r} for {a!r}, {b!r}")
        rows = _torch(f"hessian of {output!r}", lambda: torch.func.hessian(p.fn, argnums=p.argnums)(*p.primals))
        return {a: _detached(p.wrt, row) for a, row in zip(p.wrt, rows, strict=True)}


def vjp(
    session: Session, output: str, wrt: Sequence[str], cotangent: Any, *, graph: Graph | None = None
) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """``torch.func.vjp``: the output, and the cotangent pulled back to each wrt leaf."""
    with session.lock:
        p = pure(session, output, wrt, graph=graph)
        ct = _tensor(session, cotangent, p.dtype, p.shape, "'cotangent'", f"the output {output!r}")

        def pull() -> tuple[torch.Tensor, tuple[torch.Tensor, ...]]:
            pulled = torch.func.vjp(p.fn, *p.primals)  # (value, vjp_fn); typed for has_aux too
            return pulled[0], pulled[1](ct)

        value, grads = _torch(f"vjp of {output!r}", pull)
        return value.detach(), _detached(p.wrt, grads)


def jvp(
    session: Session, output: str, tangents: Mapping[str, Any], *, graph: Graph | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """``torch.func.jvp``: the output, and its derivative along the given leaf tangents."""
    if not isinstance(tangents, Mapping):
        raise InvalidRequest("'tangents' must be an object {leaf: tensor}")
    with session.lock:
        p = pure(session, output, list(tangents), graph=graph)
        _reverse_only(p, "jvp")
        tans = tuple(
            _tensor(session, tangents[n], x.dtype, x.shape, f"'tangents.{n}'", f"the leaf {n!r}")
            for n, x in zip(p.wrt, p.primals, strict=True)
        )
        pushed = _torch(f"jvp of {output!r}", lambda: torch.func.jvp(p.fn, p.primals, tans))
        return pushed[0].detach(), pushed[1].detach()


def value_and_grad(
    session: Session, output: str, wrt: Sequence[str], *, graph: Graph | None = None
) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """``torch.func.grad_and_value`` of a scalar output: its value and its gradient per wrt leaf."""
    with session.lock:
        p = pure(session, output, wrt, graph=graph)
        _check_scalar(p, "value_and_grad")
        grads, value = _torch(
            f"value_and_grad of {output!r}",
            lambda: torch.func.grad_and_value(p.fn, argnums=p.argnums)(*p.primals),
        )
        return value.detach(), _detached(p.wrt, grads)


# --- helpers -------------------------------------------------------------------------------


def _wrt(session: Session, wrt: Sequence[str]) -> tuple[str, ...]:
    if not wrt:
        raise InvalidRequest("'wrt' must name at least one leaf")
    for n in wrt:
        if n in session.definitions:
            raise InvalidRequest(
                f"'wrt' names {n!r}, a computed variable; derivatives are taken with respect to leaves"
            )
        if n not in session.leaves:
            raise UnknownVariable(f"'wrt': no variable {n!r} in this session")
        if not session.leaves[n].is_floating_point():
            kind = dtype_name(session.leaves[n].dtype)
            raise InvalidRequest(f"'wrt' names {n!r}, which is {kind}; derivatives need floating-point leaves")
    return tuple(dict.fromkeys(wrt))


def _copy(t: torch.Tensor, dtype: torch.dtype | None) -> torch.Tensor:
    t = t.detach()
    return t.to(dtype) if dtype is not None and t.is_floating_point() else t


def _detached(names: Sequence[str], tensors: Sequence[torch.Tensor]) -> dict[str, torch.Tensor]:
    return {n: t.detach() for n, t in zip(names, tensors, strict=True)}


def _reverse_only(p: Pure, what: str) -> None:
    if p.grad_node is not None:
        raise InvalidRequest(
            f"{what} cannot see through node {p.grad_node!r} (grad), which differentiates in reverse mode;"
            " use a reverse-mode route (jacobian with mode 'rev', vjp, hessian, value_and_grad)"
        )


def _check_scalar(p: Pure, what: str) -> None:
    if p.shape != ():
        raise InvalidRequest(f"'output' {p.output!r} has shape {list(p.shape)}; {what} needs a scalar (shape [])")


def _check_size(session: Session, n: int, what: str) -> None:
    limit = session.limits.max_tensor_elements
    if limit is not None and n > limit:
        raise LimitExceeded(f"{what} would have {n} elements; the limit is {limit} elements per tensor")


def _tensor(session: Session, value: Any, dtype: torch.dtype, shape: torch.Size, field: str, like: str) -> torch.Tensor:
    try:
        t = decode(value, dtype=dtype, max_elements=session.limits.max_tensor_elements)
    except InvalidTensor as e:
        raise InvalidTensor(f"{field}: {e.detail}") from None
    if t.shape != shape:
        raise InvalidRequest(f"{field} has shape {list(t.shape)}; {like} has shape {list(shape)}")
    return t.to(device=session.device, dtype=dtype)


def _torch(what: str, thunk: Callable[[], T]) -> T:
    """Run a torch.func transform; its refusals become ComputeError naming what was asked."""
    try:
        return thunk()
    except EngineError:
        raise
    except TORCH_ERRORS as e:
        raise ComputeError(f"{what}: {reason(e)}") from None


# gradcheck runs the graph twice per input element: a bound keeps one call from running for hours.
GRADCHECK_MAX_ELEMENTS = 4096


def gradcheck(
    session: Session,
    output: str,
    wrt: Sequence[str] | None = None,
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    max_elements: int = GRADCHECK_MAX_ELEMENTS,
) -> tuple[bool, str | None]:
    """Compare autograd's gradients of ``output`` with finite differences; (ok, torch's report)."""
    if not eps > 0:
        raise InvalidRequest(f"'eps' must be positive, not {eps}")
    if not (atol >= 0 and rtol >= 0):
        raise InvalidRequest("'atol' and 'rtol' must not be negative")
    with session.lock:
        if wrt is None:
            wrt = leaves_requiring_grad(session, output)
            if not wrt:
                raise InvalidRequest(f"{output!r} reads no leaf with requires_grad; name the leaves in 'wrt'")
        p = pure(session, output, wrt, dtype=torch.float64)
        n = sum(x.numel() for x in p.primals)
        if n > max_elements or p.numel > max_elements:
            raise LimitExceeded(
                f"gradcheck of {output!r} would perturb {n} input element(s) for {p.numel} output element(s);"
                f" the limit is {max_elements} of each"
            )
        inputs = tuple(x.clone().requires_grad_() for x in p.primals)  # gradcheck perturbs them in place
        try:
            torch.autograd.gradcheck(p.fn, inputs, eps=eps, atol=atol, rtol=rtol)
        except GradcheckError as e:
            return False, str(e).strip()
        except TORCH_ERRORS as e:
            raise ComputeError(f"gradcheck of {output!r}: {reason(e)}") from None
        return True, None
