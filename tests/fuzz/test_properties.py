"""Hypothesis: random graphs against torch run directly, and random session histories against
a plain-torch model of a session (leaves with .grad, computed variables as Python functions)."""

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import engine
from engine import Session, parse_expression
from engine.errors import ComputeError

# The reference side calls torch directly, never the op table, so the two sides are independent.
UNARY = {
    "sin": torch.sin,
    "cos": torch.cos,
    "tanh": torch.tanh,
    "exp": torch.exp,
    "sigmoid": torch.sigmoid,
    "neg": torch.neg,
    "relu": torch.relu,
}
BINARY = {"+": torch.add, "-": torch.sub, "*": torch.mul}
SHAPES = [(3,), (2, 3), (1, 3), (2, 1)]

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@st.composite
def graphs(draw):
    """A random expression DAG over leaves a, b, c of broadcastable shapes."""
    shapes = {name: draw(st.sampled_from(SHAPES)) for name in "abc"}
    values = {n: draw(st.lists(st.floats(-2, 2), min_size=1, max_size=1)) for n in "abc"}
    names = list("abc")
    lines = []
    for i in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            op = draw(st.sampled_from(sorted(UNARY)))
            lines.append((f"t{i}", op, (draw(st.sampled_from(names)),)))
        else:
            op = draw(st.sampled_from(sorted(BINARY)))
            lines.append((f"t{i}", op, (draw(st.sampled_from(names)), draw(st.sampled_from(names)))))
        names.append(f"t{i}")
    return shapes, values, lines


def text(lines):
    parts = []
    for name, op, args in lines:
        parts.append(f"{name} = {op}({args[0]})" if op in UNARY else f"{name} = {args[0]} {op} {args[1]}")
    last = lines[-1][0]
    return "; ".join(parts) + f"; out = {last}.sum()"


@FAST
@given(graphs())
def test_random_graphs_match_torch(case):
    shapes, values, lines = case
    leaves = {n: torch.full(shapes[n], values[n][0], dtype=torch.float64, requires_grad=True) for n in "abc"}
    env = dict(leaves)
    for name, op, args in lines:
        env[name] = UNARY[op](env[args[0]]) if op in UNARY else BINARY[op](env[args[0]], env[args[1]])
    expected = env[lines[-1][0]].sum()
    expected.backward()

    s = Session(dtype=torch.float64)
    for n in "abc":
        engine.put(s, n, leaves[n].detach(), requires_grad=True)
    outputs, grads = engine.compute(s, parse_expression(text(lines)), backward="out")
    torch.testing.assert_close(outputs["out"].value, expected.detach())
    for n in "abc":
        want = leaves[n].grad
        torch.testing.assert_close(grads[n], want) if want is not None else None
        assert (n in grads) == (want is not None)


EXPRESSIONS = {
    "y = (a * b).sum()": lambda m: (m["a"] * m["b"]).sum(),
    "y = (sin(a) + b * b).sum()": lambda m: (torch.sin(m["a"]) + m["b"] * m["b"]).sum(),
    "y = (a * a * a).sum()": lambda m: (m["a"] * m["a"] * m["a"]).sum(),
}


class SessionHistories(RuleBasedStateMachine):
    """Any order of put, compute, backward and zero_grad keeps the grads torch would have."""

    @initialize()
    def start(self):
        self.session = Session(dtype=torch.float64)
        self.model: dict[str, torch.Tensor] = {}
        self.defined: dict[str, str] = {}

    @rule(name=st.sampled_from("ab"), value=st.floats(-3, 3), grad=st.booleans())
    def put(self, name, value, grad):
        t = torch.full((3,), value, dtype=torch.float64)
        engine.put(self.session, name, t, requires_grad=grad)
        self.model[name] = t.clone().requires_grad_(grad)
        self.defined = {k: v for k, v in self.defined.items() if k != name}

    @precondition(lambda self: {"a", "b"} <= set(self.model))
    @rule(expr=st.sampled_from(sorted(EXPRESSIONS)))
    def compute(self, expr):
        engine.compute(self.session, parse_expression(expr))
        self.defined["y"] = expr

    @precondition(lambda self: "y" in self.defined and any(self.model[n].requires_grad for n in "ab"))
    @rule()
    def backward(self):
        try:
            EXPRESSIONS[self.defined["y"]](self.model).backward()
        except RuntimeError:  # y reads no leaf with requires_grad: the session must refuse too
            with pytest.raises(ComputeError):
                engine.backward(self.session, "y")
            return
        engine.backward(self.session, "y")

    @rule()
    def zero_grad(self):
        engine.zero_grad(self.session)
        for t in self.model.values():
            if t.grad is not None:
                t.grad = torch.zeros_like(t.grad)

    @invariant()
    def grads_match(self):
        for name, t in getattr(self, "model", {}).items():
            got = engine.get(self.session, name).grad
            assert (got is None) == (t.grad is None)
            if got is not None:
                torch.testing.assert_close(got, t.grad)


TestSessionHistories = SessionHistories.TestCase
TestSessionHistories.settings = settings(max_examples=40, stateful_step_count=15, deadline=None, database=None)
