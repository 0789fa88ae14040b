"""Every op in the table against torch itself, in float64: the value, every leaf's gradient, gradcheck.

A case is an expression (its output is ``out``), the same computation written directly in torch,
and the leaves. Floating leaves require grad. Each op needs at least one case that uses it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import torch
import torch.nn.functional as F

from engine.expr import parse_expression
from engine.graph import compile_graph, run
from engine.ops import OPS
from engine.opspec import EvalContext
from engine.shapes import infer

CTX = EvalContext(dtype=torch.float64)
_gen = torch.Generator().manual_seed(0)


def R(*shape: int, lo: float = -1.0, hi: float = 1.0) -> torch.Tensor:
    return torch.rand(shape, generator=_gen, dtype=torch.float64) * (hi - lo) + lo


def P(*shape: int) -> torch.Tensor:  # positive, away from 0
    return R(*shape, lo=0.5, hi=2.0)


def U(*shape: int) -> torch.Tensor:  # inside (-1, 1), away from the ends
    return R(*shape, lo=-0.9, hi=0.9)


def I(data: Any) -> torch.Tensor:  # noqa: E743
    return torch.tensor(data, dtype=torch.int64)


def B(data: Any) -> torch.Tensor:
    return torch.tensor(data, dtype=torch.bool)


@dataclass
class Case:
    op: str
    expr: str
    ref: Callable[..., torch.Tensor]
    inputs: dict[str, torch.Tensor]
    gradcheck: bool = True
    frozen: tuple[str, ...] = ()  # floating leaves that must not require grad (torch refuses)


CASES: dict[str, list[Case]] = {}


def case(
    op: str,
    expr: str,
    ref: Callable[..., torch.Tensor],
    gradcheck: bool = True,
    frozen: tuple[str, ...] = (),
    **inputs: torch.Tensor,
) -> None:
    CASES.setdefault(op, []).append(Case(op, expr, ref, inputs, gradcheck, frozen))


# shared leaves: a, b (3, 4) and (4,), c positive (4,), m a bool mask (3, 4), k ints (3, 4)
a, a2, b, c = R(3, 4), R(3, 4), R(4), P(4)
m, m2 = B([[1, 0, 1, 0], [0, 0, 1, 1], [1, 1, 1, 0]]), B([[1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 1, 1]])
k = I([[0, 1, 2, 3], [4, 5, 6, 7], [-1, -2, 9, 12]])
s, spd = R(3, 3), R(3, 3) @ R(3, 3).T + 3 * torch.eye(3, dtype=torch.float64)
v, v2, w, x3 = R(4), R(4), R(4, 5), R(2, 3, 4)
x1d, x2d = R(2, 3, 6), R(1, 4, 4, 4)
ab = {"a": a, "b": b}
tgt, gi = I([1, 0, 3]), I([[0, 1], [3, 3], [2, 0]])
F64 = torch.float64

# fmt: off

# constants and autograd
case("const", "a * 2.5 + const([1, 2, 3, 4], dtype='float64')", lambda a: a * 2.5 + torch.tensor([1.0, 2, 3, 4],
     dtype=F64), a=a)
case("zeros", "a + zeros(3, 4)", lambda a: a + torch.zeros(3, 4, dtype=F64), a=a)
case("ones", "a * ones([3, 4], dtype='int64')", lambda a: a * torch.ones(3, 4, dtype=torch.int64), a=a)
case("full", "a + full([3, 4], 1.5)", lambda a: a + torch.full((3, 4), 1.5, dtype=F64), a=a)
case("full", "full([2], 7)", lambda: torch.full((2,), 7))
case("arange", "a * arange(4)", lambda a: a * torch.arange(4), a=a)
case("arange", "arange(1, 2, 0.25)", lambda: torch.arange(1, 2, 0.25, dtype=F64))
case("linspace", "a * linspace(0, 1, 4)", lambda a: a * torch.linspace(0, 1, 4, dtype=F64), a=a)
case("linspace", "linspace(s, e, 5) + linspace(-1, e, 3, dtype='float32')[0]",
     lambda s, e: torch.linspace(s, e, 5, dtype=F64) + torch.linspace(-1, e, 3)[0], s=torch.tensor(0.5, dtype=F64),
     e=I(3))
case("eye", "a @ eye(4) + eye(3, 4)", lambda a: a @ torch.eye(4, dtype=F64) + torch.eye(3, 4, dtype=F64), a=a)
case("zeros_like", "zeros_like(a)", torch.zeros_like, a=a)
case("ones_like", "ones_like(a, dtype='int32')", lambda a: torch.ones_like(a, dtype=torch.int32), a=a)
case("full_like", "full_like(a, 2)", lambda a: torch.full_like(a, 2), a=a)
case("identity", "identity(a)", torch.clone, a=a)
case("detach", "detach(a) * a", lambda a: a.detach() * a, gradcheck=False, a=a)  # finite differences see through
case("grad", "grad(sum(a ** 3), a)", lambda a: torch.autograd.grad((a**3).sum(), a, create_graph=True)[0], a=a)
case("index", "a[1:, None, -1]", lambda a: a[1:, None, -1], a=a)
case("index", "a[i, ..., ::2]", lambda a, i: a[i, ..., ::2], a=a, i=I([2, 0, 2]))
case("index", "a[[0, 2]][m[0:2]]", lambda a, m: a[[0, 2]][m[0:2]], a=a, m=m)
case("to", "to(a, 'float32')", lambda a: a.to(torch.float32), gradcheck=False, a=a)
case("float", "a.float()", lambda a: a.float(), gradcheck=False, a=a)
case("double", "k.double() * a", lambda k, a: k.double() * a, k=k, a=a)
case("long", "(a * 5).long()", lambda a: (a * 5).long(), a=a)
case("int", "(a * 5).int()", lambda a: (a * 5).int(), a=a)
case("bool", "k.bool()", lambda k: k.bool(), k=k)

# arithmetic
case("add", "add(a, b, alpha=2)", lambda a, b: torch.add(a, b, alpha=2), **ab)
case("sub", "sub(a, b, alpha=0.5) - 1", lambda a, b: torch.sub(a, b, alpha=0.5) - 1, **ab)
case("mul", "a * b", lambda a, b: a * b, **ab)
case("div", "a / c", lambda a, c: a / c, a=a, c=c)
case("div", "div(a * 9, c, rounding_mode='floor')", lambda a, c: torch.div(a * 9, c, rounding_mode="floor"), a=a, c=c)
case("true_divide", "true_divide(a, c)", torch.true_divide, a=a, c=c)
case("floor_divide", "(a * 9) // c", lambda a, c: (a * 9) // c, a=a, c=c)
case("remainder", "(a * 9) % c", lambda a, c: (a * 9) % c, a=a, c=c)
case("fmod", "fmod(a * 9, c)", lambda a, c: torch.fmod(a * 9, c), a=a, c=c)
case("pow", "c ** b + a ** 2 + 2 ** a", lambda a, b, c: c**b + a**2 + 2**a, a=a, b=b, c=c)
case("neg", "-a", torch.neg, a=a)
case("abs", "abs(a)", torch.abs, a=a)
case("sign", "sign(a) * a", lambda a: torch.sign(a) * a, a=a)
case("reciprocal", "reciprocal(c)", torch.reciprocal, c=c)
case("square", "square(a)", torch.square, a=a)
case("sqrt", "sqrt(c)", torch.sqrt, c=c)
case("rsqrt", "rsqrt(c)", torch.rsqrt, c=c)
case("exp", "exp(a)", torch.exp, a=a)
case("exp2", "exp2(a)", torch.exp2, a=a)
case("expm1", "expm1(a)", torch.expm1, a=a)
case("log", "log(c)", torch.log, c=c)
case("log2", "log2(c)", torch.log2, c=c)
case("log10", "log10(c)", torch.log10, c=c)
case("log1p", "log1p(a)", torch.log1p, a=a)
case("floor", "floor(a * 5)", lambda a: torch.floor(a * 5), a=a)
case("ceil", "ceil(a * 5)", lambda a: torch.ceil(a * 5), a=a)
case("round", "round(a * 5) + round(a, decimals=1)", lambda a: torch.round(a * 5) + torch.round(a, decimals=1), a=a)
case("trunc", "trunc(a * 5)", lambda a: torch.trunc(a * 5), a=a)
case("frac", "frac(a * 5)", lambda a: torch.frac(a * 5), a=a)
case("hypot", "hypot(a, b)", torch.hypot, **ab)
case("logaddexp", "logaddexp(a, b)", torch.logaddexp, **ab)

# trigonometric and hyperbolic
for _name in ("sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "asinh"):
    case(_name, f"{_name}(a)", getattr(torch, _name), a=a)
for _name in ("asin", "acos", "atanh"):
    case(_name, f"{_name}(u)", getattr(torch, _name), u=U(3, 4))
case("acosh", "acosh(c + 1)", lambda c: torch.acosh(c + 1), c=c)
case("atan2", "atan2(a, b)", torch.atan2, **ab)

# activations
case("relu", "relu(a)", torch.relu, a=a)
case("relu6", "relu6(a * 8)", lambda a: F.relu6(a * 8), a=a)
case("leaky_relu", "leaky_relu(a, 0.2)", lambda a: F.leaky_relu(a, 0.2), a=a)
case("elu", "elu(a, alpha=0.5)", lambda a: F.elu(a, alpha=0.5), a=a)
case("selu", "selu(a)", F.selu, a=a)
case("celu", "celu(a, 0.7)", lambda a: F.celu(a, 0.7), a=a)
case("gelu", "gelu(a) + gelu(b, approximate='tanh')", lambda a, b: F.gelu(a) + F.gelu(b, approximate="tanh"), **ab)
case("silu", "silu(a)", F.silu, a=a)
case("mish", "mish(a)", F.mish, a=a)
case("softplus", "softplus(a * 3, beta=2, threshold=1)", lambda a: F.softplus(a * 3, beta=2, threshold=1), a=a)
case("softsign", "softsign(a)", F.softsign, a=a)
case("sigmoid", "sigmoid(a)", torch.sigmoid, a=a)
case("logsigmoid", "logsigmoid(a)", F.logsigmoid, a=a)
case("hardtanh", "hardtanh(a, -0.5, max_val=0.5)", lambda a: F.hardtanh(a, -0.5, 0.5), a=a)
case("hardsigmoid", "hardsigmoid(a * 4)", lambda a: F.hardsigmoid(a * 4), a=a)
case("hardswish", "hardswish(a * 4)", lambda a: F.hardswish(a * 4), a=a)
case("tanhshrink", "tanhshrink(a)", F.tanhshrink, a=a)
case("threshold", "threshold(a, 0.1, 20)", lambda a: F.threshold(a, 0.1, 20), a=a)
case("softshrink", "softshrink(a, 0.3)", lambda a: F.softshrink(a, 0.3), a=a)
case("hardshrink", "hardshrink(a, lambd=0.3)", lambda a: F.hardshrink(a, 0.3), a=a)
case("prelu", "prelu(a, w)", F.prelu, a=a, w=R(4))
case("glu", "glu(a, dim=1)", lambda a: F.glu(a, dim=1), a=a)
case("logit", "logit(p, eps=1e-6)", lambda p: torch.logit(p, eps=1e-6), p=R(3, lo=0.1, hi=0.9))

# special functions
case("erf", "erf(a)", torch.erf, a=a)
case("erfc", "erfc(a)", torch.erfc, a=a)
case("erfinv", "erfinv(u)", torch.erfinv, u=U(4))
case("lgamma", "lgamma(c)", torch.lgamma, c=c)
case("digamma", "digamma(c)", torch.digamma, c=c)
case("polygamma", "polygamma(1, c) + c.polygamma(2)", lambda c: torch.polygamma(1, c) + c.polygamma(2), c=c)
case("xlogy", "xlogy(a, c)", torch.xlogy, a=a, c=c)

# clamping and selection
case("clamp", "clamp(a, min=-0.5, max=0.5) + a.clamp(0.2)", lambda a: a.clamp(-0.5, 0.5) + a.clamp(0.2), a=a)
case("clamp", "clamp(a, lo, hi) + clamp(a, None, hi) + a.clamp(min=lo)",
     lambda a, lo, hi: a.clamp(lo, hi) + a.clamp(None, hi) + a.clamp(min=lo), a=a, lo=R(3, 4) - 0.5, hi=R(4) + 0.5)
# a tensor bound beside a number bound: torch takes it only 0-dim and without grad, as a number
case("clamp", "clamp(a, k, None) + clamp(a, z, 0.5) + clamp(a, -0.5, max=z)",
     lambda a, k, z: torch.clamp(a, k, None) + torch.clamp(a, z, 0.5) + torch.clamp(a, -0.5, z), frozen=("z",),
     a=a, k=I([[0, -1, 0, 1]]).int(), z=torch.tensor(0.25, dtype=F64))
case("clip", "clip(a, -0.3)", lambda a: torch.clip(a, -0.3), a=a)
case("clip", "clip(a, max=hi) + clip(a, lo)", lambda a, lo, hi: a.clip(max=hi) + a.clip(lo), a=a, lo=R(4) - 0.5,
     hi=R(3, 1) + 0.5)
case("maximum", "maximum(a, b)", torch.maximum, **ab)
case("minimum", "minimum(a, b)", torch.minimum, **ab)
case("fmax", "fmax(a, b)", torch.fmax, **ab)
case("fmin", "fmin(a, b)", torch.fmin, **ab)
case("where", "where(m, a, b) + a.where(m, 0.0)", lambda m, a, b: torch.where(m, a, b) + a.where(m, 0.0), m=m, **ab)
case("masked_fill", "masked_fill(a, m, 0.5)", lambda a, m: a.masked_fill(m, 0.5), a=a, m=m)
case("masked_fill", "masked_fill(a, m, v) + a.masked_fill(m[0], value=v * 2)",
     lambda a, m, v: a.masked_fill(m, v) + a.masked_fill(m[0], v * 2), a=a, m=m, v=torch.tensor(0.25, dtype=F64))

# comparisons and logic
for _name, _op in (("eq", "=="), ("ne", "!="), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")):
    _f = getattr(torch, _name)
    case(_name, f"{_name}(k, 2) & (a {_op} b)", lambda k, a, b, f=_f: f(k, 2) & f(a, b), k=k, **ab)
case("isnan", "isnan(x)", torch.isnan, x=torch.tensor([1.0, math.nan, math.inf]))
case("isfinite", "isfinite(x)", torch.isfinite, x=torch.tensor([1.0, math.nan, math.inf]))
case("isinf", "isinf(x)", torch.isinf, x=torch.tensor([1.0, math.nan, -math.inf]))
case("logical_and", "logical_and(m, k)", torch.logical_and, m=m, k=k)
case("logical_or", "logical_or(m, m2)", torch.logical_or, m=m, m2=m2)
case("logical_xor", "logical_xor(m, m2)", torch.logical_xor, m=m, m2=m2)
case("logical_not", "logical_not(k)", torch.logical_not, k=k)
case("bitwise_and", "(m & m2) | (k & 6 > 0)", lambda m, m2, k: (m & m2) | ((k & 6) > 0), m=m, m2=m2, k=k)
case("bitwise_or", "k | 8", lambda k: k | 8, k=k)
case("bitwise_xor", "(k ^ 3) + (m ^ m2)", lambda k, m, m2: (k ^ 3) + (m ^ m2), k=k, m=m, m2=m2)
case("bitwise_not", "~k + ~m", lambda k, m: ~k + ~m, k=k, m=m)
case("all", "all(m, dim=1)", lambda m: torch.all(m, dim=1), m=m)
case("any", "m.any()", torch.any, m=m)

# reductions
case("sum", "sum(a) + a.sum(1).sum(0) + a.sum([0, 1], keepdim=True)",
     lambda a: a.sum() + a.sum(1).sum(0) + a.sum((0, 1), keepdim=True), a=a)
case("sum", "sum(k, dtype='float64')", lambda k: torch.sum(k, dtype=F64), k=k)
case("mean", "mean(a, dim=0)", lambda a: a.mean(0), a=a)
case("prod", "prod(c) + prod(a, 1, keepdim=True)", lambda a, c: c.prod() + a.prod(1, keepdim=True), a=a, c=c)
case("amax", "amax(a, dim=1)", lambda a: a.amax(1), a=a)
case("amin", "amin(a, [0, 1])", lambda a: a.amin((0, 1)), a=a)
case("max", "max(a) + a.max(dim=1)[0]", lambda a: a.max() + a.max(dim=1)[0], a=a)
case("max", "max(a, 1, True)[1]", lambda a: torch.max(a, 1, True)[1], a=a)
case("min", "min(a) + a.min(0)[0]", lambda a: a.min() + a.min(0)[0], a=a)
case("median", "median(a) + median(a, 0)[0]", lambda a: a.median() + a.median(0)[0], a=a)
case("var", "var(a, 1) + var(a, dim=0, correction=0).sum()", lambda a: a.var(1) + a.var(0, correction=0).sum(), a=a)
case("std", "std(a, unbiased=False) + std(a, 1)", lambda a: a.std(unbiased=False) + a.std(1), a=a)
case("norm", "norm(a) + norm(a, 1, dim=1) + norm(a, 'nuc')", lambda a: a.norm() + a.norm(1, 1) + a.norm("nuc"), a=a)
case("logsumexp", "logsumexp(a, 1)", lambda a: a.logsumexp(1), a=a)
case("cumsum", "cumsum(a, 1)", lambda a: a.cumsum(1), a=a)
case("cumprod", "cumprod(a, dim=0)", lambda a: a.cumprod(0), a=a)
case("argmax", "argmax(a, dim=1)", lambda a: a.argmax(1), a=a)
case("argmin", "argmin(a)", torch.argmin, a=a)
case("sort", "sort(a, 1, descending=True)[0] + sort(a)[1]", lambda a: a.sort(1, True)[0] + a.sort()[1], a=a)
case("topk", "topk(a, 2)[0]", lambda a: a.topk(2)[0], a=a)

# softmax family
case("softmax", "softmax(a, -1)", lambda a: a.softmax(-1), a=a)
case("log_softmax", "log_softmax(a, dim=0)", lambda a: a.log_softmax(0), a=a)

# linear algebra
case("matmul", "a @ w + matmul(a, b)[:, None]", lambda a, w, b: a @ w + (a @ b)[:, None], a=a, w=w, b=b)
case("mm", "mm(a, w)", torch.mm, a=a, w=w)
case("bmm", "bmm(x, y)", torch.bmm, x=R(2, 3, 4), y=R(2, 4, 2))
case("mv", "mv(a, b)", torch.mv, **ab)
case("dot", "dot(v, v2)", torch.dot, v=v, v2=v2)
case("outer", "outer(v, v2)", torch.outer, v=v, v2=v2)
case("einsum", "einsum('ij,jk->ik', a, w) + einsum('ij->i', [a]).sum()",
     lambda a, w: torch.einsum("ij,jk->ik", a, w) + torch.einsum("ij->i", a).sum(), a=a, w=w)
case("tensordot", "tensordot(a, w, dims=1) + tensordot(a, a2, [[0, 1], [0, 1]])",
     lambda a, w, a2: torch.tensordot(a, w, 1) + torch.tensordot(a, a2, ([0, 1], [0, 1])), a=a, w=w, a2=a2)
case("trace", "trace(s)", torch.trace, s=s)
case("diag", "diag(v) + diag(s, 1).sum()", lambda v, s: torch.diag(v) + torch.diag(s, 1).sum(), v=v, s=s)
case("diagonal", "diagonal(x, 0, 1, 2)", lambda x: torch.diagonal(x, 0, 1, 2), x=R(2, 3, 3))
case("tril", "tril(s, -1)", lambda s: s.tril(-1), s=s)
case("triu", "triu(s)", torch.triu, s=s)
case("det", "det(s)", torch.det, s=s)
case("logdet", "logdet(spd)", torch.logdet, spd=spd)
case("slogdet", "slogdet(s)[1]", lambda s: torch.slogdet(s)[1], s=s)
case("inverse", "inverse(spd)", torch.inverse, spd=spd)
case("cross", "cross(x, y, dim=1)", lambda x, y: torch.cross(x, y, dim=1), x=R(2, 3), y=R(2, 3))
case("kron", "kron(s, x)", torch.kron, s=s, x=R(2, 2))
case("cdist", "cdist(a, a2)", torch.cdist, a=a, a2=a2)

# shape and indexing
case("reshape", "reshape(a, [2, -1]) + a.reshape(2, 6)", lambda a: a.reshape(2, -1) + a.reshape(2, 6), a=a)
case("view", "a.view(4, 3) + view(a, [4, 3])", lambda a: a.view(4, 3) * 2, a=a)
case("flatten", "flatten(x, 1)", lambda x: x.flatten(1), x=x3)
case("unflatten", "unflatten(a, 1, [2, 2])", lambda a: a.unflatten(1, (2, 2)), a=a)
case("squeeze", "squeeze(x) + squeeze(x, 1).sum()", lambda x: x.squeeze() + x.squeeze(1).sum(), x=R(3, 1, 4))
case("unsqueeze", "unsqueeze(a, 1)", lambda a: a.unsqueeze(1), a=a)
case("transpose", "transpose(a, 0, 1)", lambda a: a.transpose(0, 1), a=a)
case("permute", "permute(x, [2, 0, 1]) + x.permute(2, 0, 1)", lambda x: x.permute(2, 0, 1) * 2, x=x3)
case("movedim", "movedim(x, 0, 2)", lambda x: x.movedim(0, 2), x=x3)
case("t", "t(a) + a.T", lambda a: a.t() * 2, a=a)
case("expand", "b.expand(2, 3, -1)", lambda b: b.expand(2, 3, -1), b=b)
case("broadcast_to", "broadcast_to(b, [3, 4])", lambda b: b.broadcast_to((3, 4)), b=b)
case("repeat", "a.repeat(2, 1, 3)", lambda a: a.repeat(2, 1, 3), a=a)
case("tile", "tile(a, [2])", lambda a: a.tile((2,)), a=a)
case("repeat_interleave", "repeat_interleave(a, 2, dim=0)", lambda a: a.repeat_interleave(2, dim=0), a=a)
case("repeat_interleave", "repeat_interleave(a, r, 1) + a.repeat_interleave(r, dim=1, output_size=4)",
     lambda a, r: a.repeat_interleave(r, 1) * 2, a=a, r=I([1, 0, 2, 1]))
case("flip", "flip(a, 0) + a.flip(0, 1)", lambda a: a.flip(0) + a.flip(0, 1), a=a)
case("roll", "roll(a, 1, 1) + roll(a, [1, 2], [0, 1])", lambda a: a.roll(1, 1) + a.roll((1, 2), (0, 1)), a=a)
case("cat", "cat([a, a2], dim=1)", lambda a, a2: torch.cat([a, a2], dim=1), a=a, a2=a2)
case("stack", "stack((a, a2))", lambda a, a2: torch.stack((a, a2)), a=a, a2=a2)
case("split", "split(a, 2, dim=1)[1] + split(a, [1, 3], 1)[1][:, :2]",
     lambda a: a.split(2, dim=1)[1] + a.split([1, 3], 1)[1][:, :2], a=a)
case("chunk", "chunk(a, 3)[2]", lambda a: a.chunk(3)[2], a=a)
case("unbind", "unbind(a, 1)[3]", lambda a: a.unbind(1)[3], a=a)
case("narrow", "narrow(a, 1, 1, 2)", lambda a: a.narrow(1, 1, 2), a=a)
case("narrow", "narrow(a, -1, i, 2) + a.narrow(1, start=i, length=2)", lambda a, i: a.narrow(-1, i, 2) * 2, a=a,
     i=I(2))
case("select", "select(a, 1, -1)", lambda a: a.select(1, -1), a=a)
case("index_select", "index_select(a, 1, i)", lambda a, i: a.index_select(1, i), a=a, i=I([3, 0, 3]))
case("gather", "gather(a, 1, i)", lambda a, i: a.gather(1, i), a=a, i=gi)
case("take_along_dim", "take_along_dim(a, i, 1)", lambda a, i: torch.take_along_dim(a, i, 1), a=a, i=gi)
case("scatter", "scatter(a, 1, i, src)", lambda a, i, src: a.scatter(1, i, src), a=a, i=I([[0, 1], [3, 2], [2, 0]]),
     src=R(3, 2))
case("scatter_add", "scatter_add(a, 1, i, src)", lambda a, i, src: a.scatter_add(1, i, src), a=a, i=gi, src=R(3, 2))
case("masked_select", "masked_select(a, m)", torch.masked_select, a=a, m=m)
case("pad", "pad(a, [1, 2], value=0.5) + 0", lambda a: F.pad(a, [1, 2], value=0.5), a=a)
case("pad", "pad(x, [1, 1], mode='reflect')", lambda x: F.pad(x, [1, 1], mode="reflect"), x=x3)

# nn functional
case("linear", "linear(a, w) + linear(a, w, bias=bias)", lambda a, w, bias: F.linear(a, w) + F.linear(a, w, bias),
     a=a, w=R(5, 4), bias=R(5))
case("bilinear", "bilinear(x1, x2, w, bias)", F.bilinear, x1=R(3, 2), x2=R(3, 4), w=R(5, 2, 4), bias=R(5))
case("conv1d", "conv1d(x, w, bias, padding=1)", lambda x, w, bias: F.conv1d(x, w, bias, padding=1), x=x1d,
     w=R(2, 3, 3), bias=R(2))
case("conv2d", "conv2d(x, w, None, 2, 1) + conv2d(x, w, stride=2, padding=1, groups=1)",
     lambda x, w: F.conv2d(x, w, None, 2, 1) * 2, x=x2d, w=R(3, 4, 3, 3))
case("conv2d", "conv2d(x, w, padding='same', groups=2)", lambda x, w: F.conv2d(x, w, padding="same", groups=2),
     x=x2d, w=R(2, 2, 3, 3))
case("max_pool1d", "max_pool1d(x, 2)", lambda x: F.max_pool1d(x, 2), x=x1d)
case("max_pool2d", "max_pool2d(x, 2, stride=1)", lambda x: F.max_pool2d(x, 2, stride=1), x=x2d)
case("max_pool2d", "max_pool2d(x, 3, return_indices=True)[1]", lambda x: F.max_pool2d(x, 3, return_indices=True)[1],
     x=x2d)
case("avg_pool1d", "avg_pool1d(x, 3, padding=1)", lambda x: F.avg_pool1d(x, 3, padding=1), x=x1d)
case("avg_pool2d", "avg_pool2d(x, 2, 1, 1, count_include_pad=False)",
     lambda x: F.avg_pool2d(x, 2, 1, 1, count_include_pad=False), x=x2d)
case("adaptive_avg_pool2d", "adaptive_avg_pool2d(x, [2, 1])", lambda x: F.adaptive_avg_pool2d(x, [2, 1]), x=x2d)
case("adaptive_avg_pool2d", "adaptive_avg_pool2d(x, (None, 2)) + adaptive_avg_pool2d(x, [2, None]).transpose(1, 2)",
     lambda x: F.adaptive_avg_pool2d(x, (None, 2)) + F.adaptive_avg_pool2d(x, [2, None]).mT, x=R(2, 3, 3))
case("layer_norm", "layer_norm(a, [4], w, bias) + layer_norm(a, [3, 4], eps=1e-3)",
     lambda a, w, bias: F.layer_norm(a, [4], w, bias) + F.layer_norm(a, [3, 4], eps=1e-3), a=a, w=R(4), bias=R(4))
case("group_norm", "group_norm(x, 2, w, bias)", lambda x, w, bias: F.group_norm(x, 2, w, bias), x=x2d, w=R(4),
     bias=R(4))
# torch refuses gradients for the running statistics
case("batch_norm", "batch_norm(x, mean, var, w, bias, eps=1e-3)",
     lambda x, mean, var, w, bias: F.batch_norm(x, mean, var, w, bias, eps=1e-3), frozen=("mean", "var"), x=x2d,
     mean=R(4), var=P(4), w=R(4), bias=R(4))
case("batch_norm", "batch_norm(x, mean, var, w, bias, True, 0.3, eps=1e-3)",
     lambda x, mean, var, w, bias: F.batch_norm(x, mean, var, w, bias, True, 0.3, 1e-3), frozen=("mean", "var"), x=x2d,
     mean=R(4), var=P(4), w=R(4), bias=R(4))
case("batch_norm", "batch_norm(x, None, None, training=True) + batch_norm(x, training=True, momentum=0.0)",
     lambda x: F.batch_norm(x, None, None, training=True) * 2, x=R(3, 2, 4))
case("dropout", "dropout(a, 0.3, seed=5)", lambda a: (torch.manual_seed(5), F.dropout(a, 0.3))[1], a=a)
case("dropout", "dropout(a, training=False) + dropout(a, 1.0)", lambda a: a + F.dropout(a, 1.0), a=a)
case("embedding", "embedding(i, w)", F.embedding, i=I([[0, 2], [1, 0]]), w=R(3, 4))
case("embedding", "embedding(i, w, padding_idx=0)", lambda i, w: F.embedding(i, w, padding_idx=0), gradcheck=False,
     i=I([[0, 2], [1, 0]]), w=R(3, 4))  # padding_idx's row gets no gradient on purpose
case("one_hot", "one_hot(i, 5)[:, :4] + one_hot(i)", lambda i: F.one_hot(i, 5)[:, :4] + F.one_hot(i), i=I([3, 0, 3]))
case("normalize", "normalize(a, dim=0)", lambda a: F.normalize(a, dim=0), a=a)
case("scaled_dot_product_attention", "scaled_dot_product_attention(q, kk, vv, mask, scale=0.5)",
     lambda q, kk, vv, mask: F.scaled_dot_product_attention(q, kk, vv, mask, scale=0.5), q=R(2, 3, 4), kk=R(2, 5, 4),
     vv=R(2, 5, 4), mask=R(3, 5))
case("scaled_dot_product_attention", "scaled_dot_product_attention(q, kk, vv, is_causal=True)",
     lambda q, kk, vv: F.scaled_dot_product_attention(q, kk, vv, is_causal=True), q=R(2, 3, 4), kk=R(2, 3, 4),
     vv=R(2, 3, 4))
case("cosine_similarity", "cosine_similarity(a, a2)", F.cosine_similarity, a=a, a2=a2)
case("pairwise_distance", "pairwise_distance(a, a2, keepdim=True)",
     lambda a, a2: F.pairwise_distance(a, a2, keepdim=True), a=a, a2=a2)

# losses (torch refuses gradients for class and element weights: frozen)
case("mse_loss", "mse_loss(a, a2) + mse_loss(a, a2, reduction='sum')",
     lambda a, a2: F.mse_loss(a, a2) + F.mse_loss(a, a2, reduction="sum"), a=a, a2=a2)
case("l1_loss", "l1_loss(a, a2, reduction='none')", lambda a, a2: F.l1_loss(a, a2, reduction="none"), a=a, a2=a2)
case("smooth_l1_loss", "smooth_l1_loss(a, a2, beta=0.5)", lambda a, a2: F.smooth_l1_loss(a, a2, beta=0.5), a=a,
     a2=a2)
case("huber_loss", "huber_loss(a, a2, 'sum', 0.5)", lambda a, a2: F.huber_loss(a, a2, "sum", 0.5), a=a, a2=a2)
case("cross_entropy", "cross_entropy(a, t) + cross_entropy(a, t, cw, label_smoothing=0.1)",
     lambda a, t, cw: F.cross_entropy(a, t) + F.cross_entropy(a, t, cw, label_smoothing=0.1), frozen=("cw",), a=a,
     t=tgt, cw=P(4))
case("cross_entropy", "cross_entropy(a, softmax(a2, 1), reduction='none')",
     lambda a, a2: F.cross_entropy(a, a2.softmax(1), reduction="none"), a=a, a2=a2)
case("nll_loss", "nll_loss(log_softmax(a, 1), t, ignore_index=1)",
     lambda a, t: F.nll_loss(a.log_softmax(1), t, ignore_index=1), a=a, t=tgt)
case("binary_cross_entropy", "binary_cross_entropy(sigmoid(a), p, w)",
     lambda a, p, w: F.binary_cross_entropy(a.sigmoid(), p, w), frozen=("w",), a=a, p=R(3, 4, lo=0.1, hi=0.9), w=P(4))
case("binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits(a, p, 1.0, pos_weight=pw)",
     lambda a, p, pw: F.binary_cross_entropy_with_logits(a, p, torch.tensor(1.0, dtype=F64), pos_weight=pw),
     frozen=("pw",), a=a, p=R(3, 4, lo=0.1, hi=0.9), pw=P(4))
case("kl_div", "kl_div(log_softmax(a, 1), softmax(a2, 1), reduction='batchmean')",
     lambda a, a2: F.kl_div(a.log_softmax(1), a2.softmax(1), reduction="batchmean"), a=a, a2=a2)
case("gaussian_nll_loss", "gaussian_nll_loss(a, a2, var, full=True)",
     lambda a, a2, var: F.gaussian_nll_loss(a, a2, var, full=True), a=a, a2=a2, var=P(3, 4))
case("poisson_nll_loss", "poisson_nll_loss(a, y, full=True)", lambda a, y: F.poisson_nll_loss(a, y, full=True), a=a,
     y=P(3, 4) * 3)
case("margin_ranking_loss", "margin_ranking_loss(v, v2, y, 0.1)", lambda v, v2, y: F.margin_ranking_loss(v, v2, y, 0.1),
     v=v, v2=v2, y=torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=F64))
case("triplet_margin_loss", "triplet_margin_loss(a, a2, n, margin=0.5)",
     lambda a, a2, n: F.triplet_margin_loss(a, a2, n, margin=0.5), a=a, a2=a2, n=R(3, 4))

# fmt: on


# --- the checks ---------------------------------------------------------------------------------


def leaves_of(inputs: dict[str, torch.Tensor], frozen: tuple[str, ...] = ()) -> dict[str, torch.Tensor]:
    """Fresh leaves; the floating ones require grad, unless frozen."""
    return {n: t.clone().requires_grad_(t.is_floating_point() and n not in frozen) for n, t in inputs.items()}


def grads(out: torch.Tensor, leaves: list[torch.Tensor]) -> list[torch.Tensor | None] | str:
    """Every leaf's gradient for a fixed cotangent, or torch's refusal."""
    cotangent = torch.linspace(-1, 2, out.numel(), dtype=out.dtype).reshape(out.shape)
    try:
        return list(torch.autograd.grad(out, leaves, cotangent, allow_unused=True))
    except RuntimeError as e:
        return f"raised: {str(e).splitlines()[0]}"


def check(c: Case) -> None:
    spec = OPS[c.op]
    leaves = leaves_of(c.inputs, c.frozen)
    compiled = compile_graph(parse_expression(f"out = {c.expr}"), leaves)
    assert c.op in {n.op for n in compiled.nodes}, f"the case for {c.op} does not use it"
    info = infer(compiled, leaves, CTX)["out"]
    values = run(compiled, leaves, CTX)
    mine = values["out"]
    ref_leaves = leaves_of(c.inputs, c.frozen)
    ref = c.ref(*ref_leaves.values())  # leaves in the order the case lists them

    assert (mine.dtype, mine.shape) == (ref.dtype, ref.shape)
    torch.testing.assert_close(mine, ref, rtol=0, atol=0, equal_nan=True)
    assert mine.requires_grad == ref.requires_grad
    if info.known:
        assert (info.shape, info.dtype) == (tuple(ref.shape), ref.dtype)
        assert info.nbytes == ref.numel() * ref.element_size()

    names = [n for n, t in leaves.items() if t.requires_grad]
    for node in compiled.nodes:  # the table's differentiable=False: no gradient, or torch has none
        value = values[node.id]
        if node.op == c.op and not spec.differentiable and value.requires_grad:
            assert isinstance(grads(value, [leaves[n] for n in names]), str), f"{c.op} carries a gradient"
    if not ref.requires_grad or not names:
        return
    ref_grads, my_grads = grads(ref, [ref_leaves[n] for n in names]), grads(mine, [leaves[n] for n in names])
    if isinstance(ref_grads, str) or isinstance(my_grads, str):
        assert my_grads == ref_grads
        assert not spec.differentiable, f"{c.op} has no derivative in torch; the table must say so"
        return
    for n, g, r in zip(names, my_grads, ref_grads, strict=True):
        assert (g is None) == (r is None), n
        if g is not None:
            torch.testing.assert_close(g, r, rtol=1e-12, atol=1e-12, msg=f"gradient of {n}")
    if c.gradcheck:
        fixed = {n: t for n, t in leaves.items() if n not in names}

        def fn(*xs: torch.Tensor) -> torch.Tensor:
            return run(compiled, {**fixed, **dict(zip(names, xs, strict=True))}, CTX)["out"]

        assert torch.autograd.gradcheck(fn, tuple(leaves_of({n: c.inputs[n] for n in names}).values()))


@pytest.mark.parametrize("name", sorted(OPS))
def test_op_matches_torch(name: str) -> None:
    assert CASES.get(name), f"op {name!r} has no case in tests/engine/test_ops.py"
    for c in CASES[name]:
        check(c)


def test_every_op_has_a_case_and_every_case_an_op() -> None:
    assert sorted(set(OPS) - set(CASES)) == []
    assert sorted(set(CASES) - set(OPS)) == []


def test_non_differentiable_ops_give_outputs_without_grad() -> None:
    leaves = leaves_of({"a": a})
    for expr in ("a > 0", "argmax(a)", "zeros_like(a)", "detach(a)", "isnan(a)"):
        out = run(compile_graph(parse_expression(f"out = {expr}"), leaves), leaves, CTX)["out"]
        assert out.requires_grad is False, expr


def test_every_op_has_a_doc_and_an_attribute_schema() -> None:
    for spec in OPS.values():
        assert spec.doc.strip() and "\n" not in spec.doc, spec.name
        assert spec.model.model_json_schema()["type"] == "object", spec.name
