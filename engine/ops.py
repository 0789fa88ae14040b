"""The op table: every operation the service knows, one row of data each.

A row is ``op(name, fn, arity, attrs, doc, **options)``:

- ``name``   the op's name in graphs, expressions and ``/v1/ops``; PyTorch's own name.
- ``fn``     the torch callable, called as ``fn(*tensor_inputs, **attrs)``; a small adapter
             (engine/op_adapters.py) only where torch's call shape differs. Torch does every derivative.
- ``arity``  how many tensor inputs; with ``variadic`` the least number of them.
- ``attrs``  the non-tensor arguments, PyTorch's own keyword names in torch's positional order,
             each ``attr(name, type, default, gather=False, kw=False, tensor=False)``; a pydantic
             model is built from them, so validation and the JSON schema come from the same row.
             ``gather`` collects trailing positional literals into one list (``x.reshape(2, -1)``);
             ``kw`` marks a keyword-only attribute (after torch's ``*``, or after deprecated arguments
             the table leaves out, like the losses' ``size_average``); ``tensor`` marks one where
             torch takes a tensor as well (``Tensor | Number``): its value may be ``{"tensor": k}``,
             the k-th input after the node's own tensor inputs (engine/opspec.py). Strings are only ever
             attribute values, checked by the attribute's type (``reduction: "mean" | "sum" |
             "none"``); attributes named ``dtype`` hold a dtype name and reach torch as a dtype.
- ``doc``    one line for ``/v1/ops``.

Options:

- ``differentiable=False`` marks outputs that carry no gradient (comparisons, ``argmax``,
  ``detach``, constants), or that torch has no derivative for (``floor_divide``).
- ``optional=N``: the last N tensor inputs may be left out (``linear``'s bias).
- ``signature=(...)``: torch's positional order where tensors and attributes interleave or
  tensors have names (``gather(input, dim, index)``, ``layer_norm(input, normalized_shape,
  weight, bias)``). Names that are not attributes are tensor inputs, torch's own keyword names,
  in the order a graph node lists them; they may be given as keywords (``linear(x, w, bias=b)``);
  attributes left out of the signature are keyword-only. Torch gets named tensors by keyword.
- ``variadic="list"`` passes any number of tensor inputs as one list (``cat``),
  ``variadic="spread"`` passes them positionally (``einsum``, ``index``).
- ``context=True`` passes the evaluation context (device, default dtype) as ``ctx`` to ops
  that make tensors from nothing (``const``, ``arange``, ``eye``).
- ``method_self=K``: in the method form ``x.op(...)``, x is the K-th tensor argument
  (``x.where(c, y)`` is ``where(c, x, y)``); 0 for every other op.
- ``tuples=True``: the op accepts a tuple value as input (only ``index``).
- ``scalars=(k, ...)``: tensor inputs at these positions that are plain-number constants reach
  torch as Python numbers, as in ``x ** 2``, so torch picks the same overload and grad_fn
  (``PowBackward0``, not the tensor-exponent ``PowBackward1``); one input always stays a tensor.
- ``size=fn``: for an op whose output's size depends on its inputs' values (the shape pass cannot
  know it: ``one_hot`` with ``num_classes=-1``, ``masked_select``), ``fn(*inputs, **attrs)`` gives
  its elements from the real inputs, held to the element limit before the op allocates anything.

Tuples. Where torch returns a tuple (``split``, ``chunk``, ``unbind``, ``sort``, ``topk``,
``max``/``min``/``median`` with ``dim``, ``slogdet``) the node's value is that tuple, exactly as
in torch: ``split(x, 2)[0]`` and ``x.max(dim=1)[0]`` pick one part through the ``index`` op
(``[1]`` gives ``max``'s indices; ``amax``/``argmax`` are the direct ways). A tuple given to any
other op, or named as an output, is a 422 that says to index it.

Attributes not given by the client are not passed, so torch's own defaults apply. In-place and
sparse variants (``inplace=``, ``embedding``'s ``max_norm``, ``sparse``) are left out on purpose:
they would change session leaves behind autograd's back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import torch
import torch.nn.functional as F
from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

from engine import op_adapters as A
from engine.opspec import REQUIRED, Attr, EvalContext, OpSpec, TensorItem, attr
from engine.tensors import DTypeName

__all__ = ["OPS", "REQUIRED", "EvalContext", "OpSpec", "attr", "op"]

Dims = int | list[int] | None
Shape = list[int]
Ints = int | list[int]
Scalar = float | int
OptScalar = float | int | None
Reduction = Literal["mean", "sum", "none"]
DType = DTypeName | None
ConstValue = float | int | bool | Literal["NaN", "Infinity", "-Infinity"] | list[Any]
Padding = int | list[int] | Literal["same", "valid"]


@with_config(ConfigDict(extra="forbid", strict=True))
class SliceItem(TypedDict):
    slice: Annotated[list[int | None], Field(min_length=1, max_length=3)]


IndexItem = int | None | Literal["..."] | SliceItem | TensorItem


OPS: dict[str, OpSpec] = {}

# Python's operators, by the stem of their method name (``a & b`` calls ``__and__``), and the op each
# one is, as torch defines them: ``&`` is bitwise (logical on bools). The expression language and the
# Python client (through ``GET /v1/ops``) both read this table.
OPERATORS: dict[str, str] = {
    "add": "add",
    "sub": "sub",
    "mul": "mul",
    "truediv": "div",
    "floordiv": "floor_divide",
    "mod": "remainder",
    "pow": "pow",
    "matmul": "matmul",
    "and": "bitwise_and",
    "or": "bitwise_or",
    "xor": "bitwise_xor",
    "eq": "eq",
    "ne": "ne",
    "lt": "lt",
    "le": "le",
    "gt": "gt",
    "ge": "ge",
    "neg": "neg",
    "invert": "bitwise_not",
    "abs": "abs",
}


def op(name: str, fn: Callable[..., Any], arity: int, attrs: list[Attr], doc: str, **options: Any) -> None:
    if name in OPS:
        raise ValueError(f"op {name!r} registered twice")
    OPS[name] = OpSpec(name, fn, arity, tuple(attrs), doc, **options)


DIM = attr("dim", int)
DIMS = attr("dim", Dims, None)
KEEPDIM = attr("keepdim", bool, False)
DTYPE = attr("dtype", DType, None, kw=True)
REDUCTION = attr("reduction", Reduction, "mean", kw=True)
NONDIFF: dict[str, Any] = {"differentiable": False}

# --- the table -------------------------------------------------------------------------------
# fmt: off

# constants and autograd: tensors from nothing use the session's device and default dtype
op("const", A.const, 0, [attr("value", ConstValue), DTYPE],
   "A constant tensor: a number or nested list (session dtype for floats, unless dtype is given).",
   context=True, **NONDIFF)
op("zeros", A.zeros, 0, [attr("size", Shape, gather=True), DTYPE], "A tensor of zeros of the given size.",
   context=True, **NONDIFF)
op("ones", A.ones, 0, [attr("size", Shape, gather=True), DTYPE], "A tensor of ones of the given size.",
   context=True, **NONDIFF)
op("full", A.full, 0, [attr("size", Shape), attr("fill_value", Scalar | bool), DTYPE],
   "A tensor of the given size filled with fill_value.", context=True, **NONDIFF)
op("arange", A.arange, 0, [attr("start", OptScalar, None), attr("end", OptScalar, None), attr("step", Scalar, 1),
   DTYPE], "Values from start (default 0) to end, exclusive, by step; arange(5) is 0..4.", context=True, **NONDIFF)
op("linspace", A.linspace, 0, [attr("start", Scalar, tensor=True), attr("end", Scalar, tensor=True),
   attr("steps", int), DTYPE],
   "steps values evenly spaced from start to end, inclusive.", context=True, **NONDIFF)
op("eye", A.eye, 0, [attr("n", int), attr("m", int | None, None), DTYPE], "The n x m identity matrix (m = n).",
   context=True, **NONDIFF)
op("zeros_like", torch.zeros_like, 1, [DTYPE], "Zeros with the input's shape (and dtype).", **NONDIFF)
op("ones_like", torch.ones_like, 1, [DTYPE], "Ones with the input's shape (and dtype).", **NONDIFF)
op("full_like", torch.full_like, 1, [attr("fill_value", Scalar | bool), DTYPE],
   "fill_value with the input's shape (and dtype).", **NONDIFF)
op("identity", torch.clone, 1, [], "The input itself, as a new node that gradients flow through.")
op("detach", torch.detach, 1, [], "The input's value, cut from the graph: no gradient flows back.", **NONDIFF)
op("grad", A.grad, 2, [],
   "grad(y, x): the derivative of scalar y with respect to x, itself differentiable (create_graph).")
op("index", A.index, 1, [attr("index", list[IndexItem])],
   "x[...]: items are ints, null (new axis), '...', {'slice': [start, stop, step]} or {'tensor': k}"
   " (the k-th extra input, a tensor index); a tuple value takes one int.", variadic="spread", tuples=True)
op("to", A.to, 1, [attr("dtype", DType)], "The input converted to dtype (gradients flow between floating dtypes).")
op("float", torch.Tensor.float, 1, [], "x.float(): the input as float32.")
op("double", torch.Tensor.double, 1, [], "x.double(): the input as float64.")
op("long", torch.Tensor.long, 1, [], "x.long(): the input as int64.", **NONDIFF)
op("int", torch.Tensor.int, 1, [], "x.int(): the input as int32.", **NONDIFF)
op("bool", torch.Tensor.bool, 1, [], "x.bool(): the input as bool (nonzero is True).", **NONDIFF)

# arithmetic: two-tensor ops broadcast
op("add", torch.add, 2, [attr("alpha", Scalar, 1, kw=True)], "a + alpha * b.", scalars=(1,))
op("sub", torch.sub, 2, [attr("alpha", Scalar, 1, kw=True)], "a - alpha * b.", scalars=(1,))
op("mul", torch.mul, 2, [], "a * b, elementwise.", scalars=(1,))
op("div", torch.div, 2, [attr("rounding_mode", Literal["trunc", "floor"] | None, None, kw=True)],
   "a / b, elementwise; rounding_mode 'trunc' or 'floor' rounds the quotient.")
op("true_divide", torch.true_divide, 2, [], "a / b, elementwise, always true division.", scalars=(1,))
# torch has no derivative for floor_divide (backward raises); the table says so.
op("floor_divide", torch.floor_divide, 2, [], "a // b: the quotient rounded down.", **NONDIFF)
op("remainder", torch.remainder, 2, [], "a % b, with the sign of b (Python's modulus).", scalars=(1,))
op("fmod", torch.fmod, 2, [], "The remainder of a / b with the sign of a (C's fmod).", scalars=(1,))
op("pow", torch.pow, 2, [], "a ** b, elementwise.", scalars=(0, 1))
op("neg", torch.neg, 1, [], "-x.")
op("abs", torch.abs, 1, [], "|x|.")
op("sign", torch.sign, 1, [], "-1, 0 or 1 by the sign of x (gradient zero).")
op("reciprocal", torch.reciprocal, 1, [], "1 / x.")
op("square", torch.square, 1, [], "x * x.")
op("sqrt", torch.sqrt, 1, [], "Square root.")
op("rsqrt", torch.rsqrt, 1, [], "1 / sqrt(x).")
op("exp", torch.exp, 1, [], "e ** x.")
op("exp2", torch.exp2, 1, [], "2 ** x.")
op("expm1", torch.expm1, 1, [], "e ** x - 1, accurate near 0.")
op("log", torch.log, 1, [], "Natural logarithm.")
op("log2", torch.log2, 1, [], "Base-2 logarithm.")
op("log10", torch.log10, 1, [], "Base-10 logarithm.")
op("log1p", torch.log1p, 1, [], "log(1 + x), accurate near 0.")
op("floor", torch.floor, 1, [], "Round down (gradient zero).")
op("ceil", torch.ceil, 1, [], "Round up (gradient zero).")
op("round", torch.round, 1, [attr("decimals", int, 0, kw=True)], "Round half to even (gradient zero).")
op("trunc", torch.trunc, 1, [], "Round toward zero (gradient zero).")
op("frac", torch.frac, 1, [], "x - trunc(x).")
op("hypot", torch.hypot, 2, [], "sqrt(a ** 2 + b ** 2).")
op("logaddexp", torch.logaddexp, 2, [], "log(exp(a) + exp(b)), computed stably.")

# trigonometric and hyperbolic
op("sin", torch.sin, 1, [], "Sine.")
op("cos", torch.cos, 1, [], "Cosine.")
op("tan", torch.tan, 1, [], "Tangent.")
op("asin", torch.asin, 1, [], "Inverse sine.")
op("acos", torch.acos, 1, [], "Inverse cosine.")
op("atan", torch.atan, 1, [], "Inverse tangent.")
op("atan2", torch.atan2, 2, [], "atan2(a, b): the angle of the point (b, a), quadrant-aware.")
op("sinh", torch.sinh, 1, [], "Hyperbolic sine.")
op("cosh", torch.cosh, 1, [], "Hyperbolic cosine.")
op("tanh", torch.tanh, 1, [], "Hyperbolic tangent.")
op("asinh", torch.asinh, 1, [], "Inverse hyperbolic sine.")
op("acosh", torch.acosh, 1, [], "Inverse hyperbolic cosine.")
op("atanh", torch.atanh, 1, [], "Inverse hyperbolic tangent.")

# activations (torch.nn.functional; inplace= is left out)
op("relu", torch.relu, 1, [], "max(x, 0).")
op("relu6", F.relu6, 1, [], "min(max(x, 0), 6).")
op("leaky_relu", F.leaky_relu, 1, [attr("negative_slope", Scalar, 0.01)], "x if x > 0 else negative_slope * x.")
op("elu", F.elu, 1, [attr("alpha", Scalar, 1.0)], "x if x > 0 else alpha * (exp(x) - 1).")
op("selu", F.selu, 1, [], "Scaled ELU with the self-normalising constants.")
op("celu", F.celu, 1, [attr("alpha", Scalar, 1.0)], "max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).")
op("gelu", F.gelu, 1, [attr("approximate", Literal["none", "tanh"], "none", kw=True)],
   "x * Phi(x), exactly or with the tanh approximation.")
op("silu", F.silu, 1, [], "x * sigmoid(x) (swish).")
op("mish", F.mish, 1, [], "x * tanh(softplus(x)).")
op("softplus", F.softplus, 1, [attr("beta", Scalar, 1.0), attr("threshold", Scalar, 20.0)],
   "log(1 + exp(beta * x)) / beta, linear above threshold.")
op("softsign", F.softsign, 1, [], "x / (1 + |x|).")
op("sigmoid", torch.sigmoid, 1, [], "1 / (1 + exp(-x)).")
op("logsigmoid", F.logsigmoid, 1, [], "log(sigmoid(x)), computed stably.")
op("hardtanh", F.hardtanh, 1, [attr("min_val", Scalar, -1.0), attr("max_val", Scalar, 1.0)],
   "x clamped to [min_val, max_val].")
op("hardsigmoid", F.hardsigmoid, 1, [], "relu6(x + 3) / 6.")
op("hardswish", F.hardswish, 1, [], "x * relu6(x + 3) / 6.")
op("tanhshrink", F.tanhshrink, 1, [], "x - tanh(x).")
op("threshold", F.threshold, 1, [attr("threshold", Scalar), attr("value", Scalar)],
   "x if x > threshold else value.")
op("softshrink", F.softshrink, 1, [attr("lambd", Scalar, 0.5)], "x - lambd, x + lambd or 0, shrinking toward 0.")
op("hardshrink", F.hardshrink, 1, [attr("lambd", Scalar, 0.5)], "x if |x| > lambd else 0.")
op("prelu", F.prelu, 2, [], "prelu(x, weight): x if x > 0 else weight * x, weight per channel.")
op("glu", F.glu, 1, [attr("dim", int, -1)], "a * sigmoid(b), the input halved along dim into a and b.")
op("logit", torch.logit, 1, [attr("eps", float | None, None)], "log(p / (1 - p)), p clamped to [eps, 1 - eps].")

# special functions
op("erf", torch.erf, 1, [], "The error function.")
op("erfc", torch.erfc, 1, [], "1 - erf(x).")
op("erfinv", torch.erfinv, 1, [], "The inverse error function.")
op("lgamma", torch.lgamma, 1, [], "log |Gamma(x)|.")
op("digamma", torch.digamma, 1, [], "The derivative of lgamma.")
op("polygamma", torch.polygamma, 1, [attr("n", int)], "polygamma(n, x): the n-th derivative of digamma.",
   signature=("n", "input"), method_self=1)
op("xlogy", torch.xlogy, 2, [], "a * log(b), and 0 where a is 0.")

# clamping and selection
op("clamp", torch.clamp, 1, [attr("min", OptScalar, None, tensor=True), attr("max", OptScalar, None, tensor=True)],
   "x limited to [min, max] (numbers or tensors); either bound may be left out.")
op("clip", torch.clip, 1, [attr("min", OptScalar, None, tensor=True), attr("max", OptScalar, None, tensor=True)],
   "Alias of clamp.")
op("maximum", torch.maximum, 2, [], "The larger of a and b, elementwise (NaN wins).")
op("minimum", torch.minimum, 2, [], "The smaller of a and b, elementwise (NaN wins).")
op("fmax", torch.fmax, 2, [], "The larger of a and b, elementwise (a number wins over NaN).")
op("fmin", torch.fmin, 2, [], "The smaller of a and b, elementwise (a number wins over NaN).")
# Tensor.where(condition, other) has self as the *second* argument of torch.where.
op("where", torch.where, 3, [], "where(condition, a, b): a where condition is True, else b.", method_self=1)
op("masked_fill", torch.masked_fill, 2, [attr("value", Scalar | bool, tensor=True)],
   "masked_fill(x, mask, value): x with value (a number or 0-dim tensor) where the bool mask is True.")

# comparisons and logic: bool out, no gradient
op("eq", torch.eq, 2, [], "a == b.", **NONDIFF)
op("ne", torch.ne, 2, [], "a != b.", **NONDIFF)
op("lt", torch.lt, 2, [], "a < b.", **NONDIFF)
op("le", torch.le, 2, [], "a <= b.", **NONDIFF)
op("gt", torch.gt, 2, [], "a > b.", **NONDIFF)
op("ge", torch.ge, 2, [], "a >= b.", **NONDIFF)
op("isnan", torch.isnan, 1, [], "True where x is NaN.", **NONDIFF)
op("isfinite", torch.isfinite, 1, [], "True where x is neither infinite nor NaN.", **NONDIFF)
op("isinf", torch.isinf, 1, [], "True where x is +inf or -inf.", **NONDIFF)
op("logical_and", torch.logical_and, 2, [], "a and b, elementwise on truth values (nonzero is True).", **NONDIFF)
op("logical_or", torch.logical_or, 2, [], "a or b, elementwise on truth values.", **NONDIFF)
op("logical_xor", torch.logical_xor, 2, [], "a xor b, elementwise on truth values.", **NONDIFF)
op("logical_not", torch.logical_not, 1, [], "not x, elementwise on truth values.", **NONDIFF)
op("bitwise_and", torch.bitwise_and, 2, [], "a & b: logical on bools, bitwise on integers.", **NONDIFF)
op("bitwise_or", torch.bitwise_or, 2, [], "a | b: logical on bools, bitwise on integers.", **NONDIFF)
op("bitwise_xor", torch.bitwise_xor, 2, [], "a ^ b: logical on bools, bitwise on integers.", **NONDIFF)
op("bitwise_not", torch.bitwise_not, 1, [], "~x: logical on bools, bitwise on integers.", **NONDIFF)
op("all", torch.all, 1, [DIMS, KEEPDIM], "True if every element (over dim) is nonzero.", **NONDIFF)
op("any", torch.any, 1, [DIMS, KEEPDIM], "True if any element (over dim) is nonzero.", **NONDIFF)

# reductions: dim is an int or a list of ints; keepdim keeps reduced dims as size 1
op("sum", torch.sum, 1, [DIMS, KEEPDIM, DTYPE], "Sum of all elements, or over dim.")
op("mean", torch.mean, 1, [DIMS, KEEPDIM, DTYPE], "Mean of all elements, or over dim.")
op("prod", torch.prod, 1, [attr("dim", int | None, None), KEEPDIM, DTYPE], "Product of all elements, or over dim.")
op("amax", torch.amax, 1, [attr("dim", Ints, []), KEEPDIM], "Largest value over dim (ties share the gradient).")
op("amin", torch.amin, 1, [attr("dim", Ints, []), KEEPDIM], "Smallest value over dim (ties share the gradient).")
op("max", torch.max, 1, [attr("dim", int | None, None), KEEPDIM],
   "The largest element; with dim, the tuple (values, indices) as in torch: max(x, dim=1)[0].")
op("min", torch.min, 1, [attr("dim", int | None, None), KEEPDIM],
   "The smallest element; with dim, the tuple (values, indices) as in torch: min(x, dim=1)[0].")
op("median", torch.median, 1, [attr("dim", int | None, None), KEEPDIM],
   "The lower median; with dim, the tuple (values, indices).")
op("var", torch.var, 1, [DIMS, attr("unbiased", bool | None, None), KEEPDIM, attr("correction", Scalar | None, None,
   kw=True)], "Variance (Bessel-corrected unless unbiased=False or correction says otherwise).")
op("std", torch.std, 1, [DIMS, attr("unbiased", bool | None, None), KEEPDIM, attr("correction", Scalar | None, None,
   kw=True)], "Standard deviation (Bessel-corrected unless unbiased=False or correction says otherwise).")
op("norm", torch.norm, 1, [attr("p", Scalar | Literal["fro", "nuc"], "fro"), DIMS, KEEPDIM, DTYPE],
   "The p-norm of all elements or over dim ('fro' by default, 'nuc' for matrices).")
op("logsumexp", torch.logsumexp, 1, [attr("dim", Ints), KEEPDIM], "log(sum(exp(x))) over dim, computed stably.")
op("cumsum", torch.cumsum, 1, [DIM, DTYPE], "Running sum along dim.")
op("cumprod", torch.cumprod, 1, [DIM, DTYPE], "Running product along dim.")
op("argmax", torch.argmax, 1, [attr("dim", int | None, None), KEEPDIM],
   "Index of the largest element (flattened, or along dim).", **NONDIFF)
op("argmin", torch.argmin, 1, [attr("dim", int | None, None), KEEPDIM],
   "Index of the smallest element (flattened, or along dim).", **NONDIFF)
op("sort", torch.sort, 1, [attr("dim", int, -1), attr("descending", bool, False), attr("stable", bool, False,
   kw=True)], "The tuple (sorted values, indices) along dim.")
op("topk", torch.topk, 1, [attr("k", int), attr("dim", int, -1), attr("largest", bool, True),
   attr("sorted", bool, True)], "The tuple (k largest values, indices) along dim.")

# softmax family
op("softmax", torch.softmax, 1, [DIM, DTYPE], "exp(x) / sum(exp(x)) along dim.")
op("log_softmax", torch.log_softmax, 1, [DIM, DTYPE], "log(softmax(x)) along dim, computed stably.")

# linear algebra
op("matmul", torch.matmul, 2, [], "a @ b: matrix product with batching and broadcasting.")
op("mm", torch.mm, 2, [], "The product of two matrices.")
op("bmm", torch.bmm, 2, [], "Batched matrix product of (b, n, m) and (b, m, p).")
op("mv", torch.mv, 2, [], "Matrix times vector.")
op("dot", torch.dot, 2, [], "The dot product of two vectors.")
op("outer", torch.outer, 2, [], "The outer product of two vectors.")
op("einsum", torch.einsum, 1, [attr("equation", str)], "einsum('ij,jk->ik', a, b): Einstein summation.",
   signature=("equation", "operands"), variadic="spread")
op("tensordot", torch.tensordot, 2, [attr("dims", int | list[int] | list[list[int]], 2)],
   "Contract the last dims of a with the first of b (or the listed dims).")
op("trace", torch.trace, 1, [], "The sum of a matrix's diagonal.")
op("diag", torch.diag, 1, [attr("diagonal", int, 0)], "A vector's diagonal matrix, or a matrix's diagonal.")
op("diagonal", torch.diagonal, 1, [attr("offset", int, 0), attr("dim1", int, 0), attr("dim2", int, 1)],
   "The diagonal of dims dim1 and dim2, as the last dim.")
op("tril", torch.tril, 1, [attr("diagonal", int, 0)], "The lower triangle; the rest zero.")
op("triu", torch.triu, 1, [attr("diagonal", int, 0)], "The upper triangle; the rest zero.")
op("det", torch.det, 1, [], "The determinant of a square matrix (or a batch).")
op("logdet", torch.logdet, 1, [], "log(det(x)).")
op("slogdet", torch.slogdet, 1, [], "The tuple (sign, log|det|).")
op("inverse", torch.inverse, 1, [], "The inverse of a square matrix (or a batch).")
op("cross", torch.cross, 2, [attr("dim", int | None, None)], "The cross product of 3-vectors along dim.")
op("kron", torch.kron, 2, [], "The Kronecker product.")
op("cdist", torch.cdist, 2, [attr("p", Scalar, 2.0)], "The p-norm distance between each pair of rows.")

# shape and indexing
op("reshape", torch.reshape, 1, [attr("shape", Shape, gather=True)],
   "The same elements in a new shape; one dim may be -1.")
op("view", A.view, 1, [attr("shape", Shape, gather=True)], "x.view(shape): reshape without copying.")
op("flatten", torch.flatten, 1, [attr("start_dim", int, 0), attr("end_dim", int, -1)],
   "Dims start_dim..end_dim merged into one.")
op("unflatten", torch.unflatten, 1, [DIM, attr("sizes", Shape)], "Dim dim split into sizes.")
op("squeeze", torch.squeeze, 1, [DIMS], "Size-1 dims removed (all, or those in dim).")
op("unsqueeze", torch.unsqueeze, 1, [DIM], "A size-1 dim inserted at dim.")
op("transpose", torch.transpose, 1, [attr("dim0", int), attr("dim1", int)], "Swap two dimensions.")
op("permute", torch.permute, 1, [attr("dims", Shape, gather=True)], "The dims in a new order.")
op("movedim", torch.movedim, 1, [attr("source", Ints), attr("destination", Ints)], "Dims moved to new positions.")
op("t", torch.t, 1, [], "The transpose of a matrix (x.T); vectors unchanged.")
op("expand", A.expand, 1, [attr("size", Shape, gather=True)], "x.expand(size): size-1 dims repeated, -1 keeps.")
op("broadcast_to", torch.broadcast_to, 1, [attr("size", Shape)], "The input broadcast to size.")
op("repeat", A.repeat, 1, [attr("repeats", Shape, gather=True)], "x.repeat(repeats): tiled along each dim.")
op("tile", torch.tile, 1, [attr("dims", Shape, gather=True)], "Tiled along each dim.")
# A tensor of repeats sizes the output by its values: the shape pass leaves it unknown unless output_size says.
op("repeat_interleave", torch.repeat_interleave, 1, [attr("repeats", int, tensor=True), attr("dim", int | None, None),
   attr("output_size", int | None, None, kw=True)],
   "Each element repeated repeats times (an int, or a tensor of one count each), flattened or along dim.",
   size=A.repeat_interleave_size)
op("flip", torch.flip, 1, [attr("dims", Shape, gather=True)], "Reversed along dims.")
op("roll", torch.roll, 1, [attr("shifts", Ints), attr("dims", Dims, None)], "Rolled by shifts along dims.")
op("cat", torch.cat, 1, [attr("dim", int, 0)], "cat([a, b], dim=0): joined along an existing dim.",
   variadic="list")
op("stack", torch.stack, 1, [attr("dim", int, 0)], "stack([a, b], dim=0): joined along a new dim.",
   variadic="list")
op("split", torch.split, 1, [attr("split_size_or_sections", Ints), attr("dim", int, 0)],
   "The tuple of pieces of that size (or those sizes) along dim: split(x, 2)[0].")
op("chunk", torch.chunk, 1, [attr("chunks", int), attr("dim", int, 0)],
   "The tuple of up to chunks equal pieces along dim: chunk(x, 2)[1].")
op("unbind", torch.unbind, 1, [attr("dim", int, 0)], "The tuple of slices along dim, that dim removed.")
op("narrow", torch.narrow, 1, [DIM, attr("start", int, tensor=True), attr("length", int)],
   "length entries along dim from start (an int or a 0-dim int tensor).")
op("select", torch.select, 1, [DIM, attr("index", int)], "The slice at index along dim, that dim removed.")
op("index_select", torch.index_select, 2, [DIM], "index_select(x, dim, index): the entries at index along dim.",
   signature=("input", "dim", "index"))
op("gather", torch.gather, 2, [DIM], "gather(x, dim, index): out[i][j] = x[index[i][j]][j] for dim 0, and so on.",
   signature=("input", "dim", "index"))
op("take_along_dim", torch.take_along_dim, 2, [attr("dim", int | None, None)],
   "take_along_dim(x, indices, dim): gather with broadcasting.")
op("scatter", torch.scatter, 3, [DIM], "scatter(x, dim, index, src): x with src written at index along dim.",
   signature=("input", "dim", "index", "src"))
op("scatter_add", torch.scatter_add, 3, [DIM], "scatter_add(x, dim, index, src): x with src added at index.",
   signature=("input", "dim", "index", "src"))
# The output's size depends on the mask's values: the shape pass leaves it unknown.
op("masked_select", torch.masked_select, 2, [], "masked_select(x, mask): the entries where mask is True, as 1-D.",
   size=A.masked_select_size)
op("pad", F.pad, 1, [attr("pad", Shape), attr("mode", Literal["constant", "reflect", "replicate", "circular"],
   "constant"), attr("value", float | int | None, None)], "Padded: pad lists (before, after) pairs, last dim first.")

# nn functional (no inplace=)
op("linear", F.linear, 2, [], "linear(x, weight, bias=None): x @ weight.T + bias.",
   signature=("input", "weight", "bias"), optional=1)
op("bilinear", F.bilinear, 3, [], "bilinear(x1, x2, weight, bias=None): x1^T A x2 + b per output feature.",
   signature=("input1", "input2", "weight", "bias"), optional=1)
op("conv1d", F.conv1d, 2, [attr("stride", Ints, 1), attr("padding", Padding, 0), attr("dilation", Ints, 1),
   attr("groups", int, 1)], "1-D convolution (cross-correlation) of (N, C, L) with (out, C / groups, k).",
   signature=("input", "weight", "bias", "stride", "padding", "dilation", "groups"), optional=1)
op("conv2d", F.conv2d, 2, [attr("stride", Ints, 1), attr("padding", Padding, 0), attr("dilation", Ints, 1),
   attr("groups", int, 1)], "2-D convolution (cross-correlation) of (N, C, H, W) with (out, C / groups, kh, kw).",
   signature=("input", "weight", "bias", "stride", "padding", "dilation", "groups"), optional=1)
op("max_pool1d", F.max_pool1d, 1, [attr("kernel_size", Ints), attr("stride", Ints | None, None),
   attr("padding", Ints, 0), attr("dilation", Ints, 1), attr("ceil_mode", bool, False),
   attr("return_indices", bool, False)], "1-D max pooling (a tuple with indices if return_indices).")
op("max_pool2d", F.max_pool2d, 1, [attr("kernel_size", Ints), attr("stride", Ints | None, None),
   attr("padding", Ints, 0), attr("dilation", Ints, 1), attr("ceil_mode", bool, False),
   attr("return_indices", bool, False)], "2-D max pooling (a tuple with indices if return_indices).")
op("avg_pool1d", F.avg_pool1d, 1, [attr("kernel_size", Ints), attr("stride", Ints | None, None),
   attr("padding", Ints, 0), attr("ceil_mode", bool, False), attr("count_include_pad", bool, True)],
   "1-D average pooling.")
op("avg_pool2d", F.avg_pool2d, 1, [attr("kernel_size", Ints), attr("stride", Ints | None, None),
   attr("padding", Ints, 0), attr("ceil_mode", bool, False), attr("count_include_pad", bool, True),
   attr("divisor_override", int | None, None)], "2-D average pooling.")
op("adaptive_avg_pool2d", F.adaptive_avg_pool2d, 1, [attr("output_size", int | list[int | None])],
   "2-D average pooling to a given output size (None keeps that dim's input size).")
op("layer_norm", F.layer_norm, 1, [attr("normalized_shape", Shape), attr("eps", float, 1e-5)],
   "layer_norm(x, normalized_shape, weight=None, bias=None): normalised over the last dims.",
   signature=("input", "normalized_shape", "weight", "bias", "eps"), optional=2)
op("group_norm", F.group_norm, 1, [attr("num_groups", int), attr("eps", float, 1e-5)],
   "group_norm(x, num_groups, weight=None, bias=None): normalised per group of channels.",
   signature=("input", "num_groups", "weight", "bias", "eps"), optional=2)
# Judgement call: with training=True torch normalises by the batch's statistics and updates
# running_mean/running_var in place. Those are often session leaves, and a computed variable is
# evaluated again on every read and backward, so an update would land an unknown number of times,
# behind autograd's back. The update goes to copies (op_adapters.batch_norm): value and gradient
# are torch's (training mode never reads the running statistics), and no leaf changes. Without
# running statistics (None) training=True is torch's own stateless form.
op("batch_norm", A.batch_norm, 1, [attr("training", bool, False), attr("momentum", Scalar, 0.1),
   attr("eps", float, 1e-5)], "batch_norm(x, running_mean, running_var, weight=None, bias=None, training=False):"
   " normalised per channel, by the running statistics, or with training=True by the batch's.",
   signature=("input", "running_mean", "running_var", "weight", "bias", "training", "momentum", "eps"), optional=4)
# Deterministic: the mask comes from a generator seeded with `seed` (see op_adapters.dropout), so a
# computed variable gives the same value on every evaluation.
op("dropout", A.dropout, 1, [attr("p", Scalar, 0.5), attr("training", bool, True), attr("seed", int, 0, kw=True)],
   "Zero each element with probability p, scale the rest by 1 / (1 - p); the mask is fixed by seed.")
op("embedding", F.embedding, 2, [attr("padding_idx", int | None, None),
   attr("scale_grad_by_freq", bool, False, kw=True)], "embedding(indices, weight): the rows of weight at indices.")
op("one_hot", F.one_hot, 1, [attr("num_classes", int, -1)],
   "int64 one-hot vectors of class indices (num_classes=-1: max + 1).", size=A.one_hot_size, **NONDIFF)
op("normalize", F.normalize, 1, [attr("p", Scalar, 2.0), attr("dim", int, 1), attr("eps", float, 1e-12)],
   "x / max(||x||_p, eps) along dim.")
op("scaled_dot_product_attention", F.scaled_dot_product_attention, 3, [attr("is_causal", bool, False, kw=True),
   attr("scale", float | None, None, kw=True)], "softmax(q @ k^T * scale + mask) @ v (no dropout).",
   signature=("query", "key", "value", "attn_mask"), optional=1)
op("cosine_similarity", F.cosine_similarity, 2, [attr("dim", int, 1), attr("eps", float, 1e-8)],
   "a . b / max(||a|| ||b||, eps) along dim.")
op("pairwise_distance", F.pairwise_distance, 2, [attr("p", Scalar, 2.0), attr("eps", float, 1e-6),
   attr("keepdim", bool, False)], "||a - b + eps||_p along the last dim.")

# losses: reduction is "mean" (default), "sum" or "none"; the deprecated size_average/reduce are left out
op("mse_loss", F.mse_loss, 2, [REDUCTION], "mse_loss(input, target): mean squared error.")
op("l1_loss", F.l1_loss, 2, [REDUCTION], "l1_loss(input, target): mean absolute error.")
op("smooth_l1_loss", F.smooth_l1_loss, 2, [REDUCTION, attr("beta", Scalar, 1.0, kw=True)],
   "Squared error below beta, absolute error above.")
op("huber_loss", F.huber_loss, 2, [attr("reduction", Reduction, "mean"), attr("delta", Scalar, 1.0)],
   "Squared error below delta, delta-scaled absolute error above.")
op("cross_entropy", F.cross_entropy, 2, [attr("ignore_index", int, -100, kw=True), REDUCTION,
   attr("label_smoothing", Scalar, 0.0, kw=True)],
   "cross_entropy(logits, target, weight=None): target class indices or class probabilities.",
   signature=("input", "target", "weight"), optional=1)
op("nll_loss", F.nll_loss, 2, [attr("ignore_index", int, -100, kw=True), REDUCTION],
   "nll_loss(log_probs, target, weight=None): negative log likelihood of class indices.",
   signature=("input", "target", "weight"), optional=1)
op("binary_cross_entropy", F.binary_cross_entropy, 2, [REDUCTION],
   "binary_cross_entropy(probs, target, weight=None).", signature=("input", "target", "weight"), optional=1)
# pos_weight follows weight here (torch has it last, keyword in practice): give weight (1.0 is neutral) to use it.
op("binary_cross_entropy_with_logits", F.binary_cross_entropy_with_logits, 2, [REDUCTION],
   "binary_cross_entropy_with_logits(logits, target, weight=None, pos_weight=None), computed stably.",
   signature=("input", "target", "weight", "pos_weight"), optional=2)
op("kl_div", F.kl_div, 2, [attr("reduction", Literal["mean", "sum", "none", "batchmean"], "mean", kw=True),
   attr("log_target", bool, False, kw=True)], "kl_div(log_q, p): p * (log p - log_q), reduced ('batchmean': sum / N).")
op("gaussian_nll_loss", F.gaussian_nll_loss, 3, [attr("full", bool, False), attr("eps", float, 1e-6),
   attr("reduction", Reduction, "mean")], "gaussian_nll_loss(input, target, var).")
op("poisson_nll_loss", F.poisson_nll_loss, 2, [attr("log_input", bool, True), attr("full", bool, False),
   attr("eps", float, 1e-8, kw=True), REDUCTION], "poisson_nll_loss(input, target).")
op("margin_ranking_loss", F.margin_ranking_loss, 3, [attr("margin", Scalar, 0.0), REDUCTION],
   "margin_ranking_loss(a, b, y): max(0, -y * (a - b) + margin).")
op("triplet_margin_loss", F.triplet_margin_loss, 3, [attr("margin", Scalar, 1.0), attr("p", Scalar, 2.0),
   attr("eps", float, 1e-6), attr("swap", bool, False), REDUCTION],
   "triplet_margin_loss(anchor, positive, negative).")

# fmt: on
