"""A call whose time budget runs out after its gradients exist but before they accumulate changes nothing.

A hook on the leaf sleeps longer than the whole budget while torch computes the leaf's
gradient: the forward pass checked the budget and passed, the gradient is ready, and only the
check at the end of backward (or one inside it) can still refuse. It must refuse before
``.grad`` moves. The hook notes that it ran, so a call refused earlier (a machine too slow
for the forward pass) fails the test instead of passing it untested.
"""

import time

import pytest

import engine
from engine import Session, budget, parse_expression
from engine.errors import TimeLimitExceeded

BUDGET_S = 0.5


def session_with_a_slow_gradient(hooked: list[float]) -> Session:
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    engine.compute(s, parse_expression("y = x.sum()"))
    engine.backward(s, "y")  # x.grad = [1, 1] before the call that runs out of time
    engine.compute(s, parse_expression("z = (x * x).sum()"))  # torch's first mul is slow to set up: not in the budget
    engine.delete(s, "z")

    def slow(grad):
        hooked.append(grad.sum().item())
        time.sleep(BUDGET_S + 0.05)

    s.leaves["x"].register_hook(slow)
    return s


def test_backward_out_of_time_after_the_gradient_leaves_grad_as_it_was():
    hooked: list[float] = []
    s = session_with_a_slow_gradient(hooked)
    generation = s.generation
    with budget.limit(BUDGET_S), pytest.raises(TimeLimitExceeded, match="nothing was changed"):
        engine.backward(s, "y")
    assert hooked == [2.0]  # the gradient of sum(x) was computed, then refused
    assert engine.get(s, "x").grad.tolist() == [1.0, 1.0]
    assert s.generation == generation


def test_compute_with_backward_out_of_time_defines_nothing_and_accumulates_nothing():
    hooked: list[float] = []
    s = session_with_a_slow_gradient(hooked)
    with budget.limit(BUDGET_S), pytest.raises(TimeLimitExceeded, match="nothing was changed"):
        engine.compute(s, parse_expression("z = (x * x).sum()"), backward="z")
    assert hooked == [6.0]  # 2x summed
    assert engine.get(s, "x").grad.tolist() == [1.0, 1.0]
    assert s.names() == ["x", "y"]


def test_the_same_calls_within_the_budget_accumulate():
    hooked: list[float] = []
    s = session_with_a_slow_gradient(hooked)
    with budget.limit(BUDGET_S * 20):
        engine.backward(s, "y")
        engine.compute(s, parse_expression("z = (x * x).sum()"), backward="z")
    assert hooked == [2.0, 6.0]
    assert engine.get(s, "x").grad.tolist() == [4.0, 6.0]  # 1 + 1 + 2x
