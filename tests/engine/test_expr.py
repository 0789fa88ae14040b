"""The expression language: every construct, with hand-computed numbers, and what it refuses."""

from __future__ import annotations

import math
import sys

import pytest
import torch

from engine.errors import ComputeError, ExpressionError
from engine.expr import parse_expression
from engine.graph import compile_graph, run
from engine.opspec import EvalContext

A = torch.tensor([1.0, 2.0])
B = torch.tensor([4.0, 8.0])
X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
M = torch.tensor([True, False])
N = torch.tensor([True, True])


def ev(expr: str, **leaves: torch.Tensor) -> dict[str, torch.Tensor]:
    """The named outputs of ``expr`` on the given leaves."""
    graph = parse_expression(expr)
    values = run(compile_graph(graph, leaves), leaves, EvalContext())
    return {name: values[name] for name in graph.outputs}


def y(expr: str, **leaves: torch.Tensor) -> list | float | bool:
    return ev(f"y = {expr}", **leaves)["y"].tolist()


# --- operators ------------------------------------------------------------------------------


def test_arithmetic_operators():
    assert y("(a + b) * 2 - a / b", a=A, b=B) == [9.75, 19.75]
    assert y("a ** 2 + -a", a=A) == [0.0, 2.0]
    assert y("t // 2", t=torch.tensor([7.0, -7.0])) == [3.0, -4.0]
    assert y("t % 2", t=torch.tensor([7.0, -7.0])) == [1.0, 1.0]  # Python's sign rule, as torch.remainder


def test_matmul_operator():
    assert y("x @ w", x=torch.tensor([[1.0, 2.0], [3.0, 4.0]]), w=torch.tensor([[1.0], [1.0]])) == [[3.0], [7.0]]


def test_comparisons_chain_elementwise():
    assert y("a > 1.5", a=A) == [False, True]
    assert y("a == 2", a=A) == [False, True]
    assert y("1 <= a < 2", a=A) == [True, False]
    assert y("a != b", a=A, b=B) == [True, True]


def test_bool_operators_are_torchs():
    assert y("m & n", m=M, n=N) == [True, False]
    assert y("m | n", m=M, n=N) == [True, True]
    assert y("m ^ n", m=M, n=N) == [False, True]
    assert y("~m", m=M) == [False, True]
    assert y("k & 6", k=torch.tensor([3, 12])) == [2, 4]  # bitwise on integers, as torch's &


# --- calls ----------------------------------------------------------------------------------


def test_keyword_attributes():
    assert y("sum(x, dim=1, keepdim=True)", x=X) == [[6.0], [15.0]]
    assert y("mse_loss(a, b, reduction='sum')", a=A, b=B) == 45.0


def test_positional_literals_bind_in_torchs_order():
    assert y("transpose(x, 0, 1)", x=X) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    assert y("clamp(a, 1.5, 3)", a=A) == [1.5, 2.0]  # min, then max
    assert y("gather(x, 1, i)", x=X, i=torch.tensor([[2], [0]])) == [[3.0], [4.0]]  # dim between tensors
    assert y("polygamma(0, a) - digamma(a)", a=A) == [0.0, 0.0]  # an attribute first
    assert y("einsum('ij->j', x)", x=X) == [5.0, 7.0, 9.0]


def test_optional_tensors_positionally_by_keyword_or_none():
    x, w, b = torch.tensor([[1.0, 2.0]]), torch.tensor([[1.0, 1.0]]), torch.tensor([10.0])
    assert y("linear(x, w)", x=x, w=w) == [[3.0]]
    assert y("linear(x, w, b)", x=x, w=w, b=b) == [[13.0]]
    assert y("linear(x, w, bias=b)", x=x, w=w, b=b) == [[13.0]]
    assert y("linear(x, w, None)", x=x, w=w) == [[3.0]]


def test_a_tensor_where_torch_takes_a_tensor_or_a_number():
    lo, hi = torch.tensor(1.5), torch.tensor([0.0, 1.75])
    assert y("clamp(a, lo)", a=A, lo=lo) == [1.5, 2.0]
    assert y("clamp(a, None, hi)", a=A, hi=hi) == [0.0, 1.75]
    assert y("a.clamp(max=hi * 2, min=lo)", a=A, lo=lo, hi=hi) == torch.clamp(A, lo, hi * 2).tolist()
    assert y("masked_fill(a, m, v)", a=A, m=M, v=torch.tensor(-1.0)) == [-1.0, 2.0]
    assert y("narrow(x, 1, i, 2)", x=X, i=torch.tensor(1)) == [[2.0, 3.0], [5.0, 6.0]]
    assert y("repeat_interleave(a, r)", a=A, r=torch.tensor([2, 1])) == [1.0, 1.0, 2.0]
    assert y("linspace(s, 3, 3)", s=torch.tensor(1.0)) == [1.0, 2.0, 3.0]
    graph = parse_expression("y = clamp(a, lo, 0.5)")  # a literal stays the attribute, torch's Scalar form
    assert [(n.inputs, dict(n.attrs)) for n in graph.nodes] == [(("a", "lo"), {"max": 0.5, "min": {"tensor": 0}})]


def test_method_form():
    assert y("x.sum(dim=0)", x=X) == [5.0, 7.0, 9.0]
    assert y("x.t()", x=X) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    assert y("x.T", x=X) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    assert y("(a * b).sum()", a=A, b=B) == 20.0
    assert y("a.where(m, 0.0)", a=A, m=M) == [1.0, 0.0]  # Tensor.where: self is the value, as in torch
    assert y("a.polygamma(0) - digamma(a)", a=A) == [0.0, 0.0]  # and polygamma's self follows n


# --- indexing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("x[0]", [1.0, 2.0, 3.0]),
        ("x[-1, -1]", 6.0),
        ("x[:, 1:]", [[2.0, 3.0], [5.0, 6.0]]),
        ("x[1, ::2]", [4.0, 6.0]),
        ("x[None, 0, :1]", [[1.0]]),
        ("x[..., 0]", [1.0, 4.0]),
        ("x[i]", [[4.0, 5.0, 6.0], [1.0, 2.0, 3.0]]),
        ("x[[1, 1], [0, 2]]", [4.0, 6.0]),
        ("x[x > 4]", [5.0, 6.0]),
        ("split(x, 1)[1]", [[4.0, 5.0, 6.0]]),
        ("x.max(dim=1)[0]", [3.0, 6.0]),
        ("x.max(1)[1]", [2, 2]),
    ],
)
def test_indexing(expr, expected):
    assert y(expr, x=X, i=torch.tensor([1, 0])) == expected


# --- list literals and literals -------------------------------------------------------------


def test_list_literals_where_torch_takes_sequences():
    assert y("cat([a, b], dim=0)", a=A, b=B) == [1.0, 2.0, 4.0, 8.0]
    assert y("stack((a, b))", a=A, b=B) == [[1.0, 2.0], [4.0, 8.0]]
    assert y("reshape(x, [3, -1])", x=X) == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert y("x.reshape(3, -1)", x=X) == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    assert y("permute(x, [1, 0])[0]", x=X) == [1.0, 4.0]


def test_literals():
    out = ev("i = k + 1; f = k * 0.5; t = where(True, a, b); n = sum(a, dim=None); inf_ = a + inf; nan_ = a * nan",
             k=torch.tensor([1, 2]), a=A, b=B)  # fmt: skip
    assert out["i"].dtype == torch.int64 and out["i"].tolist() == [2, 3]
    assert out["f"].tolist() == [0.5, 1.0]
    assert out["t"].tolist() == [1.0, 2.0] and out["n"].tolist() == 3.0
    assert out["inf_"].tolist() == [math.inf, math.inf] and all(map(math.isnan, out["nan_"].tolist()))
    assert y("clamp(a, max=-inf)", a=A) == [-math.inf, -math.inf]


def test_statements_name_outputs_in_order_and_reuse_earlier_ones():
    graph = parse_expression("a2 = a * 2\nz = a2 + 1; w = a2")
    assert graph.outputs == ("a2", "z", "w")
    out = ev("a2 = a * 2\nz = a2 + 1; w = a2", a=A)
    assert out["z"].tolist() == [3.0, 5.0] and out["w"].tolist() == [2.0, 4.0]


def test_a_tuple_as_an_output_is_a_clear_error():
    with pytest.raises(ComputeError, match="output 'y' is a tuple of 2 values"):
        ev("y = x.max(dim=1)", x=X)
    with pytest.raises(ComputeError, match="input 1 is a tuple of 2 values"):
        ev("y = sum(split(x, 1))", x=X)


# --- refusals -------------------------------------------------------------------------------

DEEP = 10_000


@pytest.mark.parametrize(
    "text",
    [
        "import os",
        "y = __import__('os').system('true')",
        "y = x.__class__",
        "y = x.__class__.__bases__[0].__subclasses__()",
        "y = x.sum.__globals__",
        "y = getattr(x, 'sum')",
        "y = eval('1')",
        "y = open('/etc/passwd')",
        "y = lambda: 1",
        "y = (lambda: x)()",
        "y = [t for t in x]",
        "y = {t: 1 for t in x}",
        "y = sum(t for t in x)",
        "y = 'abc'",
        "y = x + 'a'",
        "y = sum('x')",
        "y = b'x'",
        "y = 1j",
        "y = f'{x}'",
        "y = (z := x)",
        "y = sum(*x)",
        "y = sum(**x)",
        "y = x if x else x",
        "y = x and x",
        "y = {1, 2}",
        "y = x.sum",
        "y = x[x.__class__]",
        "def f(): pass",
        "y = (yield x)",
        "y = await x",
        "del x",
        "y: int = x",
        "y = z = x",
        "a, b = x",
        "x.y = 1",
        "y = x is x",
        "y = (x",
        "y = nosuchop(x)",
        "y = x.arange(3)",
        "y = cat(x, x)",
        "y = sum(x, dim='zero')",
        "y = mse_loss(x, x, reduction='total')",
        "y = sum(x, 0, dim=1)",
        "y = sum(x, nope=1)",
        "y = transpose(x, 0, 1, 2)",
        "y = layer_norm(x, [3], bias=x)",
        "y = x[1.5]",
        "y = x[True]",
        "y = x[:n]",
        "",
        "(" * DEEP + "x" + ")" * DEEP,
        "y = " + "-" * DEEP + "x",
        "y = " + "+".join(["x"] * DEEP),
        "y = x" + "[0]" * DEEP,
        "y = x" + ".sum()" * DEEP,
        "y = " + "sum(" * DEEP + "x" + ")" * DEEP,
    ],
)
def test_hostile_or_broken_text_is_an_expression_error(text):
    with pytest.raises(ExpressionError) as e:
        parse_expression(text, max_length=1_000_000)
    assert e.value.line >= 1 and e.value.column >= 1
    assert parse_expression("y = x + 1").outputs == ("y",)  # and the process is fine
    assert sys.getrecursionlimit() >= 1000


def test_errors_name_line_and_column():
    with pytest.raises(ExpressionError, match=r"line 2, column 5: .*attribute access") as e:
        parse_expression("y = x\nz = x.__class__")
    assert (e.value.line, e.value.column) == (2, 5)
    with pytest.raises(ExpressionError, match="line 1, column 5: mse_loss: attribute 'reduction'"):
        parse_expression("y = mse_loss(a, b, reduction='total')")


def test_limits_come_before_parsing():
    with pytest.raises(ExpressionError, match="limit is 100"):
        parse_expression("y = " + "x" * 200, max_length=100)
    with pytest.raises(ExpressionError, match="brackets are nested deeper than the limit of 5"):
        parse_expression("y = ((((((x))))))", max_depth=5)
    with pytest.raises(ExpressionError, match="nested deeper than the limit of 10"):
        parse_expression("y = " + "-" * 20 + "x", max_depth=10)
    with pytest.raises(ExpressionError, match="more than 3 nodes"):
        parse_expression("a = x + 1; b = a + 1", max_nodes=3)


def test_operators_come_from_the_one_table_in_engine_ops():
    from engine import OPERATORS

    ops = [n.op for n in parse_expression("y = ~(a & b) | (a ^ b)").nodes]
    assert ops == [OPERATORS["and"], OPERATORS["invert"], OPERATORS["xor"], OPERATORS["or"]]
    assert ops == ["bitwise_and", "bitwise_not", "bitwise_xor", "bitwise_or"]
