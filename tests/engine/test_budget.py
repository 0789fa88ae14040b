"""The call budget: estimates known before running, checks inside backward, cancellation."""

from __future__ import annotations

import threading
import time

import pytest
import torch

import engine
from engine import Limits, Session, budget, functional, parse_expression
from engine.errors import Cancelled, InvalidRequest, LimitExceeded, TimeLimitExceeded
from engine.shapes import estimate


def compute(s: Session, text: str, **kw):
    return engine.compute(s, parse_expression(text), **kw)


def test_contractions_are_estimated_from_their_shapes():
    a, b = torch.empty(8, 5, device="meta"), torch.empty(5, 3, device="meta")
    assert estimate("matmul", [a, b], a @ b) == 2 * 8 * 3 * 5
    image, kernel = torch.empty(1, 2, 10, 10, device="meta"), torch.empty(4, 2, 3, 3, device="meta")
    out = torch.nn.functional.conv2d(image, kernel)  # [1, 4, 8, 8]
    assert estimate("conv2d", [image, kernel], out) == 2 * 256 * 2 * 9
    x = torch.empty(4, 4, device="meta")
    assert estimate("exp", [x], x.exp()) == 32  # elementwise: the elements read and written


def test_a_node_whose_estimate_breaks_the_budget_is_refused_before_anything_runs():
    s = Session()
    engine.put(s, "a", init="ones", shape=[300, 300])
    seconds = 2 * 300**3 / budget.rate / 2  # half of what the matmul needs at the best rate
    with budget.limit(seconds), pytest.raises(TimeLimitExceeded) as e:
        compute(s, "y = a @ a")
    assert "node 'y' (matmul)" in e.value.detail and "max_compute_seconds" in e.value.detail
    assert "y" not in s.definitions


def test_work_estimated_past_the_inline_allowance_is_sent_elsewhere_before_it_runs():
    s = Session()
    engine.put(s, "a", init="ones", shape=[100, 100])
    with budget.limit(None, quick_flops=1e5), pytest.raises(budget.NotQuick):
        compute(s, "y = a @ a")  # 2e6 flops
    assert "y" not in s.definitions
    with budget.limit(None, quick_flops=1e5):
        compute(s, "z = a.sum()")
    assert engine.get(s, "z").value.item() == 10_000


def test_backward_checks_the_budget_while_it_runs():
    x = torch.ones(3, requires_grad=True)
    cancelled = threading.Event()
    with budget.limit(60, cancelled=cancelled):
        with budget.watch_backward():
            y = (x * x).sum()
        cancelled.set()  # the client leaves between forward and backward
        with pytest.raises(Cancelled):
            torch.autograd.grad(y, [x])


def test_a_cancelled_call_stops_at_the_next_node_and_changes_nothing():
    s = Session()
    engine.put(s, "x", [1.0, 2.0], requires_grad=True)
    compute(s, "y = (x * x).sum()")
    cancelled = threading.Event()
    cancelled.set()
    with budget.limit(60, cancelled=cancelled), pytest.raises(Cancelled):
        engine.backward(s, "y")
    assert s.leaves["x"].grad is None


def test_a_leaf_replaced_by_a_larger_one_cannot_walk_a_definition_past_the_limits():
    s = Session(limits=Limits(max_tensor_elements=100_000))
    engine.put(s, "x", [1.0, 2.0, 3.0, 4.0], requires_grad=True)
    compute(s, "y = outer(x, x).sum()")
    engine.put(s, "x", init="ones", shape=[20_000], requires_grad=True)  # outer would be 400M elements
    for call in (
        lambda: engine.backward(s, "y"),
        lambda: engine.get(s, "y"),
        lambda: engine.grad(s, ["y"], ["x"]),
        lambda: functional.jacobian(s, "y", ["x"]),
    ):
        with pytest.raises(LimitExceeded, match="400000000 elements"):
            call()
    assert s.leaves["x"].grad is None


def test_values_kept_for_reading_count_in_the_session_bytes_and_stop_at_its_limit():
    s = Session(limits=Limits(max_session_bytes=20_000))
    engine.put(s, "x", init="ones", shape=[1000])  # 4,000 bytes
    for k in range(10):
        compute(s, f"v{k} = x * {k}")
    read = [engine.get(s, f"v{k}") for k in range(10)]
    assert [v.value.sum().item() for v in read] == [1000.0 * k for k in range(10)]  # kept values give way
    assert 4000 < s.nbytes() <= 20_000
    engine.put(s, "x", init="ones", shape=[1000])  # a new leaf drops what was read from the old one
    assert s.nbytes() == 4000


def test_sizes_a_session_refuses():
    s = Session(limits=Limits(max_variables=2, max_tensor_dims=4))
    engine.put(s, "a", [1.0])
    engine.put(s, "b", [2.0])
    engine.put(s, "a", [3.0])  # replacing is not adding
    with pytest.raises(LimitExceeded, match="2 variables"):
        engine.put(s, "c", [4.0])
    with pytest.raises(LimitExceeded, match="2 variables"):
        compute(s, "c = a + b")
    t = Session(limits=Limits(max_tensor_dims=4))
    with pytest.raises(LimitExceeded, match="5 dimensions"):
        engine.put(t, "d", init="zeros", shape=[1, 1, 1, 1, 1])
    with pytest.raises(LimitExceeded, match="6 dimensions"):
        engine.put(t, "e", {"dtype": "float32", "shape": [1] * 6, "data": [1.0]})
    engine.put(t, "f", init="zeros", shape=[1, 1])
    with pytest.raises(LimitExceeded, match="node 'g' \\(reshape\\) would make a tensor of 5 dimensions"):
        compute(t, "g = f.reshape(1, 1, 1, 1, 1)")
    assert sorted(t.names()) == ["f"]
    with pytest.raises(InvalidRequest, match="2\\*\\*64"):
        engine.put(t, "r", init="rand", shape=[2], seed=2**64)


def test_the_rate_is_the_fastest_timing_with_headroom():
    assert budget.rate_from([0.3, 0.1, 0.2], 1e9) == 1e9 / 0.1 * budget.HEADROOM


def test_calibrate_keeps_the_fastest_product_after_the_two_warm_ups(monkeypatch):
    """A scripted clock: the two warm-ups are started and not timed, then products of 0.4, 0.2 and 0.3 s."""
    clock = iter([0.0, 1.0, 2.0, 2.4, 3.0, 3.2, 4.0, 4.3])
    monkeypatch.setattr(budget.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(budget, "rate", budget.DEFAULT_RATE)
    assert budget.calibrate(repeats=3, n=64) == pytest.approx(2 * 64**3 / 0.2 * budget.HEADROOM)
    assert budget.rate == budget.calibrate() and next(clock, None) is None  # measured once, every read used


def test_a_refusal_in_advance_is_sure_the_estimate_is_below_the_real_time(monkeypatch):
    monkeypatch.setattr(budget, "rate", budget.DEFAULT_RATE)
    budget.calibrate()  # measured now, under whatever else this machine is doing now
    image, kernel = torch.ones(1, 1, 256, 256), torch.ones(1, 1, 128, 128)
    a = torch.ones(512, 512)
    for name, inputs, run in [
        ("conv2d", [image, kernel], lambda: torch.nn.functional.conv2d(image, kernel)),
        ("matmul", [a, a], lambda: a @ a),
    ]:
        out = run()
        start = time.perf_counter()
        run()
        took = time.perf_counter() - start
        meta = [t.to("meta") for t in inputs]
        assert estimate(name, meta, out.to("meta")) / budget.rate <= took, name


def test_a_wide_convolution_that_finishes_in_seconds_is_not_refused_in_advance():
    budget.calibrate()  # the case: refused as "at least 38.6 s" with 20 s, it finished in 4.8 s
    image, kernel = torch.empty(1, 1, 1024, 1024, device="meta"), torch.empty(1, 1, 512, 512, device="meta")
    out = torch.nn.functional.conv2d(image, kernel)
    with budget.limit(20.0):
        budget.charge(estimate("conv2d", [image, kernel], out), "node 'y' (conv2d)")
