"""The shape of one op-table row (``OpSpec``) and what it knows how to do with itself.

engine/ops.py holds the rows; this module holds the machinery they share: the attribute
model built from a row (validation and JSON schema), torch's parameter order for binding
positional arguments, and the call that hands tensors and attributes to torch.

An attribute marked ``tensor=True`` is one where torch takes a tensor as well as a number
(``clamp``'s ``min``, ``masked_fill``'s ``value``): its value is a literal, or ``{"tensor": k}``,
the k-th of the node's inputs after its own tensor inputs (as in ``index``). A graph's inputs stay
positional, so a tensor reaches any such attribute, whichever others are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch
from pydantic import BaseModel, ConfigDict, create_model, with_config
from typing_extensions import TypedDict

from engine.errors import LimitExceeded
from engine.tensors import dtype_of

REQUIRED: Any = ...
CPU = torch.device("cpu")
TensorKinds = ("tensor", "optional", "variadic")


@with_config(ConfigDict(extra="forbid", strict=True))
class TensorItem(TypedDict):
    tensor: int


@dataclass(frozen=True)
class Attr:
    name: str
    type: Any
    default: Any = REQUIRED
    gather: bool = False
    kw: bool = False
    tensor: bool = False


@dataclass(frozen=True)
class EvalContext:
    """What ops that make tensors from nothing need to know, and the element limit that ops whose size
    depends on their data (``OpSpec.size``) are held to before they run."""

    device: torch.device = CPU
    dtype: torch.dtype = torch.float32
    max_elements: int | None = None


@dataclass(frozen=True)
class Param:
    """One parameter of torch's signature: a tensor input or an attribute, and how it is passed."""

    name: str
    kind: str  # "tensor" | "optional" | "variadic" (tensor inputs) | "attr" | "kw" (attributes)


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
    optional: int = 0
    signature: tuple[str, ...] = ()
    method_self: int = 0
    tuples: bool = False
    scalars: tuple[int, ...] = ()
    size: Callable[..., int] | None = None  # elements of the output, from the real inputs (below)
    model: type[BaseModel] = field(init=False, repr=False, compare=False)
    params: tuple[Param, ...] = field(init=False, repr=False, compare=False)
    tensor_attrs: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields: dict[str, Any] = {a.name: (a.type | TensorItem if a.tensor else a.type, a.default) for a in self.attrs}
        object.__setattr__(self, "tensor_attrs", tuple(a.name for a in self.attrs if a.tensor))
        if self.tensor_attrs and self.variadic:
            raise ValueError(f"op {self.name!r}: a variadic op cannot take tensors in its attributes")
        config = ConfigDict(extra="forbid", strict=True, title=f"{self.name} attributes")
        object.__setattr__(self, "model", create_model(f"{self.name}_attrs", __config__=config, **fields))
        object.__setattr__(self, "params", self._params())

    def _params(self) -> tuple[Param, ...]:
        by_name = {a.name: a for a in self.attrs}
        if self.signature:
            tensors = [n for n in self.signature if n not in by_name]
            positional = list(self.signature)
        else:
            tensors = [f"#{k}" for k in range(self.arity + self.optional)]
            if self.variadic == "list":
                tensors = ["#tensors"]
            elif self.variadic == "spread":
                tensors = [*tensors, "#tensors"]
            positional = tensors + [a.name for a in self.attrs if not a.kw]
        fixed = len(tensors) - (1 if self.variadic else 0)
        if not self.variadic and fixed != self.arity + self.optional:
            raise ValueError(f"op {self.name!r}: the signature names {fixed} tensors for arity {self.arity}")

        def kind(name: str) -> str:
            if name in by_name:
                return "attr"
            k = tensors.index(name)
            return "variadic" if self.variadic and k == fixed else "optional" if k >= self.arity else "tensor"

        params = [Param(n, kind(n)) for n in positional]
        params += [Param(a.name, "kw") for a in self.attrs if a.name not in positional]
        last_tensor = max((i for i, p in enumerate(params) if p.kind in TensorKinds), default=-1)
        for p in params[: max(last_tensor, 0)]:
            if p.kind == "attr" and by_name[p.name].default is not REQUIRED:
                raise ValueError(f"op {self.name!r}: attribute {p.name!r} before a tensor must be required")
        return tuple(params)

    @property
    def max_inputs(self) -> int | None:
        """The most tensor inputs a node may have; None when any number may follow."""
        return None if self.variadic else self.arity + self.optional + len(self.tensor_attrs)

    def refs(self, attrs: Mapping[str, Any]) -> dict[str, int]:
        """The attributes given as ``{"tensor": k}``, with their k."""
        return {n: attrs[n]["tensor"] for n in self.tensor_attrs if isinstance(attrs.get(n), dict)}

    def call(self, inputs: list[Any], attrs: dict[str, Any], ctx: EvalContext) -> Any:
        inputs, attrs = self._resolved(inputs, attrs)
        if self.size is not None and ctx.max_elements is not None:
            n = self.size(*inputs, **attrs)
            if n > ctx.max_elements:
                raise LimitExceeded(
                    f"its output would have {n} elements (from its inputs' values); the limit is {ctx.max_elements}"
                    " elements per tensor"
                )
        if isinstance(attrs.get("dtype"), str):
            attrs["dtype"] = dtype_of(attrs["dtype"])
        args = self._positional(list(inputs), attrs)
        if self.context:
            return self.fn(*args, ctx=ctx, **attrs)
        return self.fn(*args, **attrs)

    def _resolved(self, inputs: list[Any], attrs: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
        """The tensor inputs, and the attributes with any ``{"tensor": k}`` replaced by that input."""
        attrs = dict(attrs)
        if self.tensor_attrs:
            refs = self.refs(attrs)
            if refs:
                cut = len(inputs) - len(refs)
                attrs.update({n: inputs[cut + k] for n, k in refs.items()})
                inputs = inputs[:cut]
        return inputs, attrs

    def _positional(self, inputs: list[Any], attrs: dict[str, Any]) -> list[Any]:
        """The positional arguments; with a signature, named tensors go in ``attrs`` as keywords."""
        if not self.signature:
            return [inputs] if self.variadic == "list" else inputs
        args: list[Any] = []
        for p in self.params:
            if not inputs:
                break
            if p.kind == "variadic":  # torch takes what precedes the tensors positionally (einsum)
                args = [attrs.pop(q.name) for q in self.params[: self.params.index(p)] if q.kind == "attr"]
                args.extend([inputs] if self.variadic == "list" else inputs)
                inputs = []
            elif p.kind in TensorKinds:
                attrs[p.name] = inputs.pop(0)
        return args


def attr(
    name: str, type_: Any, default: Any = REQUIRED, *, gather: bool = False, kw: bool = False, tensor: bool = False
) -> Attr:
    return Attr(name, type_, default, gather, kw, tensor)
