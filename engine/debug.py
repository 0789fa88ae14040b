"""Debugging aids: anomaly mode, forward and backward, and gradcheck.

Forward (``check_values``): each node's value is looked at in evaluation order and the first
NaN or Inf fails the call, naming the node and op that made it.

Backward (``nan_hooks``): the check ``torch.autograd.detect_anomaly`` makes, worded as torch
words it ("Function 'LogBackward0' returned nan values in its 0th output."). It is made by
hooks on this call's own graph rather than by ``detect_anomaly``, because torch's anomaly
flag is process-wide, not per thread: switched on for one session, it would fail another
session's concurrent backward on NaNs that session never asked to be checked.

``gradcheck``: ``torch.autograd.gradcheck`` in float64, on copies of the leaves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import torch
from torch.autograd.gradcheck import GradcheckError

from engine.errors import AnomalyDetected, ComputeError, InvalidRequest, LimitExceeded
from engine.functional import leaves_requiring_grad, pure
from engine.graph import TORCH_ERRORS, Compiled, _reason
from engine.introspect import walk

if TYPE_CHECKING:
    from engine.session import Session

# gradcheck runs the graph twice per input element: a bound keeps one call from running for hours.
GRADCHECK_MAX_ELEMENTS = 4096


def non_finite(value: Any) -> str | None:
    """'NaN', 'Infinity' or '-Infinity' if the value (or a part of a tuple value) holds one."""
    for t in value if isinstance(value, tuple) else (value,):
        if not isinstance(t, torch.Tensor) or not (t.is_floating_point() or t.is_complex()):
            continue
        if torch.isnan(t).any():
            return "NaN"
        if torch.isinf(t).any():
            real = t.real if t.is_complex() else t
            return "Infinity" if torch.isposinf(real).any() else "-Infinity"
    return None


def check_values(graph: Compiled, values: Mapping[str, Any]) -> None:
    """Fail on the first node, in evaluation order, whose value holds a NaN or an Inf."""
    for node in graph.nodes:
        found = non_finite(values.get(node.id))
        if found is None:
            continue
        held = [i for i in node.inputs if non_finite(values.get(i)) is not None]
        cause = f"; its input(s) {', '.join(map(repr, held))} already held non-finite values" if held else ""
        raise AnomalyDetected(f"anomaly: node {node.id!r} ({node.op}) produced {found}{cause}")


@contextmanager
def nan_hooks(value: torch.Tensor) -> Iterator[None]:
    """Within the block, a backward through ``value``'s graph fails at the first node returning NaN."""
    handles = []
    if value.grad_fn is not None:
        order, _ = walk(value.grad_fn)
        handles = [fn.register_hook(_nan_check(type(fn).__name__)) for fn in order if not hasattr(fn, "variable")]
    try:
        yield
    finally:
        for h in handles:
            h.remove()


def _nan_check(name: str) -> Any:
    def hook(grad_inputs: tuple[torch.Tensor | None, ...], grad_outputs: Any) -> None:
        for i, g in enumerate(grad_inputs):
            if g is not None and g.is_floating_point() and bool(torch.isnan(g).any()):
                raise AnomalyDetected(f"Function '{name}' returned nan values in its {i}th output.")

    return hook


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
            raise ComputeError(f"gradcheck of {output!r}: {_reason(e)}") from None
        return True, None
