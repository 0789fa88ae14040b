"""The fused loop equals a PyTorch training loop step for step, and stops cleanly part-way."""

import time
from types import SimpleNamespace

import pytest
import torch

import engine
from engine import Session, budget, optim, parse_expression
from engine.errors import InvalidRequest, TimeLimitExceeded
from engine.train import train
from tests.torch_reference import ADAM, TS, XS, torch_line


def line() -> Session:
    s = Session(dtype=torch.float64)
    engine.put(s, "w", 0.0, requires_grad=True)
    engine.put(s, "b", 0.0, requires_grad=True)
    engine.put(s, "x", XS)
    engine.put(s, "t", TS)
    engine.compute(s, parse_expression("r = w * x + b - t; loss = (r * r).mean()"))
    return s


@pytest.mark.parametrize("config", [ADAM, {"type": "sgd", "lr": 0.02, "momentum": 0.9, "nesterov": True}])
def test_losses_and_leaves_equal_torch_step_for_step(config):
    s = line()
    done = train(s, "loss", config, steps=30)
    losses, w, b = torch_line(config, 30)
    assert (done.steps, done.losses, done.logged) == (30, losses, list(range(1, 31)))
    assert (s.leaves["w"].item(), s.leaves["b"].item()) == (w, b)
    assert done.error is None and not done.stopped


def test_calls_continue_the_same_optimizer_state_as_step():
    s = line()
    first = train(s, "loss", ADAM, steps=4).losses
    engine.zero_grad(s)
    engine.backward(s, "loss")
    optim.step(s, ADAM)  # one two-call step in between, on the same Adam moments
    rest = train(s, "loss", ADAM, steps=5, log_every=2).losses
    losses, w, _ = torch_line(ADAM, 10)
    assert first == losses[:4]
    assert rest == [losses[6], losses[8], losses[9]]  # steps 2 and 4 of the call, and its last
    assert s.leaves["w"].item() == w


def test_log_every_keeps_every_nth_loss_and_the_last():
    done = train(line(), "loss", ADAM, steps=7, log_every=3)
    losses, _, _ = torch_line(ADAM, 7)
    assert done.logged == [3, 6, 7]
    assert done.losses == [losses[2], losses[5], losses[6]]


def test_stop_ends_the_loop_after_the_current_step_which_stays_applied():
    s = line()
    seen = []
    done = train(s, "loss", ADAM, steps=100, on_step=seen.append, stop=lambda: len(seen) == 3)
    losses, w, _ = torch_line(ADAM, 4)
    assert (done.steps, done.stopped, done.logged) == (4, True, [1, 2, 3, 4])
    assert [p.step for p in seen] == [1, 2, 3, 4]
    assert [p.loss for p in seen] == losses
    assert s.leaves["w"].item() == w


def test_zero_grad_false_accumulates_like_a_loop_without_zeroing():
    s = line()
    train(s, "loss", {"type": "sgd", "lr": 0.01}, steps=2, zero_grad=False)
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    x, t = torch.tensor(XS, dtype=torch.float64), torch.tensor(TS, dtype=torch.float64)
    opt = torch.optim.SGD([b, w], lr=0.01)
    for _ in range(2):
        ((w * x + b - t) ** 2).mean().backward()
        opt.step()
    assert (s.leaves["w"].item(), s.leaves["w"].grad.item()) == (w.item(), w.grad.item())


def test_running_over_the_time_budget_at_step_3_keeps_steps_1_and_2(monkeypatch):
    s = line()
    now = [0.0]  # the budget's clock, moved 0.4 s by each step: no race with the machine's load
    monkeypatch.setattr(budget, "time", SimpleNamespace(monotonic=lambda: now[0], perf_counter=time.perf_counter))
    with budget.limit(0.6):  # step 1 ends at 0.4 s, step 2 at 0.8 s
        done = train(s, "loss", ADAM, steps=10, on_step=lambda p: now.__setitem__(0, now[0] + 0.4))
    losses, w, _ = torch_line(ADAM, 2)
    assert done.steps == 2 and done.losses == losses
    assert isinstance(done.error, TimeLimitExceeded)
    assert done.error.detail == (
        "step 3 of 10: the loop ran over its time limit (max_compute_seconds); steps 1-2 stay applied"
    )
    assert s.leaves["w"].item() == w


def test_a_failure_at_step_1_changes_nothing():
    s = line()
    with budget.limit(0.0), pytest.raises(TimeLimitExceeded, match="nothing was changed"):
        train(s, "loss", ADAM, steps=5)  # refused before step 1: its estimate alone is over the budget
    assert s.leaves["w"].item() == 0.0 and s.leaves["w"].grad is None and not s.optimizers


@pytest.mark.parametrize(
    ("loss", "config", "detail"),
    [
        ("nope", ADAM, "'loss': no variable 'nope'; a loss is a computed variable, defined with compute"),
        ("w", ADAM, "'loss': the leaf 'w'; a loss is a computed variable, defined with compute"),
        ("r", ADAM, "'loss' 'r' has shape [5]; training needs a scalar loss (one element)"),
        ("loss", {"type": "adam", "lr": -1.0}, "'optimizer' (adam): Invalid learning rate: -1.0"),
        ("loss", {"type": "lbfgs"}, "'optimizer.type' 'lbfgs' is unknown; expected one of"),
    ],
)
def test_a_request_that_cannot_start_raises_and_changes_nothing(loss, config, detail):
    s = line()
    generation = s.generation
    with pytest.raises(InvalidRequest) as e:
        train(s, loss, config, steps=3)
    assert e.value.detail.startswith(detail)
    assert s.generation == generation and s.leaves["w"].grad is None and not s.optimizers


def test_a_loss_reading_no_trainable_leaf_is_refused():
    s = line()
    engine.compute(s, parse_expression("c = (x * t).sum()"))
    with pytest.raises(InvalidRequest, match="depends on no leaf with requires_grad"):
        train(s, "c", ADAM)


def test_steps_and_log_every_must_be_positive():
    with pytest.raises(InvalidRequest, match="at least 1"):
        train(line(), "loss", ADAM, steps=0)
