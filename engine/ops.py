"""The op table: every operation the service knows, one row of data each.

A row is ``op(name, fn, arity, attrs, doc)``:

- ``name``   the op's name in graphs, expressions and ``/v1/ops``; PyTorch's own name.
- ``fn``     the torch callable, called as ``fn(*tensor_inputs, **attrs)``; a small adapter
             only where torch's call shape differs. Torch does every derivative.
- ``arity``  how many tensor inputs; with ``variadic`` the least number of them.
- ``attrs``  the non-tensor keyword arguments, in torch's positional order, each
             ``attr(name, type, default, gather=False)``; a pydantic model is built from
             them, so validation and the JSON schema come from the same row. ``gather``
             collects trailing positional literals into one list (``x.reshape(2, -1)``).
- ``doc``    one line for ``/v1/ops``.

Options: ``variadic="list"`` passes any number of tensor inputs as one list (``cat``),
``variadic="spread"`` passes extra ones positionally (``index``); ``differentiable=False``
marks outputs that carry no gradient (comparisons, ``detach``); ``context=True`` passes
the evaluation context (device, default dtype) as ``ctx`` to ops that make tensors from
nothing (``const``).

Attributes not given by the client are not passed, so torch's own defaults apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
from pydantic import BaseModel, ConfigDict, create_model

from engine.tensors import decode, dtype_of

REQUIRED: Any = ...
CPU = torch.device("cpu")

Dims = int | list[int] | None
Shape = list[int]
Scalar = float | int
Literal = float | int | bool | str | None | list[Any]


@dataclass(frozen=True)
class Attr:
    name: str
    type: Any
    default: Any = REQUIRED
    gather: bool = False


@dataclass(frozen=True)
class EvalContext:
    """What ops that make tensors from nothing need to know."""

    device: torch.device = CPU
    dtype: torch.dtype = torch.float32


@dataclass(frozen=True)
class OpSpec:
    name: str
    fn: Callable[..., Any]
    arity: int
    attrs: tuple[Attr, ...]
    doc: str
    differentiable: bool = True
    context: bool = False
    variadic: str | None = None
    model: type[BaseModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields: dict[str, Any] = {a.name: (a.type, a.default) for a in self.attrs}
        config = ConfigDict(extra="forbid", strict=True, title=f"{self.name} attributes")
        object.__setattr__(self, "model", create_model(f"{self.name}_attrs", __config__=config, **fields))

    @property
    def attr_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attrs)

    def call(self, inputs: list[torch.Tensor], attrs: dict[str, Any], ctx: EvalContext) -> Any:
        args: list[Any] = [inputs] if self.variadic == "list" else list(inputs)
        if self.context:
            return self.fn(*args, ctx=ctx, **attrs)
        return self.fn(*args, **attrs)


def attr(name: str, type_: Any, default: Any = REQUIRED, *, gather: bool = False) -> Attr:
    return Attr(name, type_, default, gather)


OPS: dict[str, OpSpec] = {}


def op(name: str, fn: Callable[..., Any], arity: int, attrs: list[Attr], doc: str, **options: Any) -> None:
    if name in OPS:
        raise ValueError(f"op {name!r} registered twice")
    OPS[name] = OpSpec(name, fn, arity, tuple(attrs), doc, **options)


# --- adapters, only where torch's call shape differs from a row ----------------------------


def _const(*, ctx: EvalContext, value: Any, dtype: str | None = None) -> torch.Tensor:
    if dtype is not None:
        dt = dtype_of(dtype)
    elif isinstance(value, bool):
        dt = torch.bool
    elif isinstance(value, int):
        dt = torch.int64
    else:
        dt = ctx.dtype
    return decode(value, dtype=dt).to(ctx.device)


def _grad(y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # Judgement call: an output that does not depend on x (or no longer requires grad, as the
    # derivative of a linear function does) has derivative zero, where torch would raise.
    if not y.requires_grad:
        return torch.zeros_like(x)
    (g,) = torch.autograd.grad(y, x, create_graph=True, allow_unused=True, materialize_grads=True)
    return g


IndexItem = int | None | str | dict[str, Any]


def _index_key(index: list[Any], tensors: tuple[torch.Tensor, ...]) -> tuple[Any, ...]:
    key: list[Any] = []
    for item in index:
        if item == "...":
            key.append(Ellipsis)
        elif isinstance(item, dict) and "slice" in item:
            key.append(slice(*item["slice"]))
        elif isinstance(item, dict) and "tensor" in item:
            key.append(tensors[item["tensor"]])
        else:
            key.append(item)
    return tuple(key)


def _index(x: torch.Tensor, *tensors: torch.Tensor, index: list[Any]) -> torch.Tensor:
    return x[_index_key(index, tensors)]


DTypeName = str | None

# --- the table -------------------------------------------------------------------------------
# fmt: off

# constants and autograd
op("const", _const, 0, [attr("value", Literal), attr("dtype", DTypeName, None)],
   "A constant tensor: a number or nested list (session dtype for floats, unless dtype is given).", context=True)
op("identity", torch.clone, 1, [], "The input itself, as a new node that gradients flow through.")
op("detach", torch.detach, 1, [], "The input's value, cut from the graph: no gradient flows back.",
   differentiable=False)
op("grad", _grad, 2, [],
   "grad(y, x): the derivative of scalar y with respect to x, itself differentiable (create_graph).")
op("index", _index, 1, [attr("index", list[IndexItem])],
   "x[...]: items are ints, null (new axis), '...', {'slice': [start, stop, step]} or {'tensor': k}"
   " (the k-th extra input, a tensor index).", variadic="spread")

# arithmetic
op("add", torch.add, 2, [attr("alpha", Scalar, 1)], "a + alpha * b, broadcasting.")
op("sub", torch.sub, 2, [attr("alpha", Scalar, 1)], "a - alpha * b, broadcasting.")
op("mul", torch.mul, 2, [], "a * b, elementwise, broadcasting.")
op("div", torch.div, 2, [attr("rounding_mode", str | None, None)], "a / b, elementwise, broadcasting.")
op("pow", torch.pow, 2, [], "a ** b, elementwise, broadcasting.")
op("neg", torch.neg, 1, [], "-x.")

# elementwise math
op("exp", torch.exp, 1, [], "e ** x.")
op("log", torch.log, 1, [], "Natural logarithm.")
op("sin", torch.sin, 1, [], "Sine.")
op("cos", torch.cos, 1, [], "Cosine.")
op("tanh", torch.tanh, 1, [], "Hyperbolic tangent.")
op("sigmoid", torch.sigmoid, 1, [], "1 / (1 + exp(-x)).")
op("relu", torch.relu, 1, [], "max(x, 0).")

# reductions
op("sum", torch.sum, 1, [attr("dim", Dims, None), attr("keepdim", bool, False)],
   "Sum of all elements, or over dim (keepdim keeps reduced dims as size 1).")
op("mean", torch.mean, 1, [attr("dim", Dims, None), attr("keepdim", bool, False)],
   "Mean of all elements, or over dim.")

# linear algebra and shape
op("matmul", torch.matmul, 2, [], "a @ b: matrix product with batching and broadcasting.")
op("reshape", torch.reshape, 1, [attr("shape", Shape, gather=True)],
   "The same elements in a new shape; one dim may be -1.")
op("transpose", torch.transpose, 1, [attr("dim0", int), attr("dim1", int)], "Swap two dimensions.")

# fmt: on
