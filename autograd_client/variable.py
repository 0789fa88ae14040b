"""Remote variables: a name in a session, with PyTorch's operators, methods and autograd calls.

Methods such as ``x.exp()`` or ``x.sum(dim=0)`` are not written here: ``__getattr__`` finds
them in the server's op table. Python operators need real dunder methods: one is made for each
operator Python has, and the op it means is looked up in the server's operator table
(``GET /v1/ops``, ``operators``: ``&`` is ``bitwise_and``, as in torch). An operator or op the
server lacks answers NotImplemented, as Python expects (``==`` then falls back to identity).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from autograd_client import protocol
from autograd_client.calls import Plan
from autograd_client.graph import Handle

# Python's operator methods, by stem: binary ones also get a reflected form (__radd__).
BINARY = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor")
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
UNARY = ("neg", "invert", "abs")
# Ops whose names the variable uses for itself (``x.grad`` is the gradient, not the grad op).
NOT_METHODS = frozenset({"grad", "data", "backward", "name", "shape", "dtype", "device"})


class VariableBase(Handle):
    """Everything a variable does, for both clients; each call returns what the session's driver returns
    (a value for ``Session``, an awaitable for ``AsyncSession``)."""

    __hash__ = object.__hash__

    @property
    def name(self) -> str:
        return self._name

    def _known(self, key: str) -> Any:
        if self._expr is not None:
            raise RuntimeError(f"{self._name!r} is not computed yet; await it first")
        return self._meta.get(key)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self._known("shape") or ())

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def dtype(self) -> str:
        return self._known("dtype")

    @property
    def device(self) -> str:
        return self._known("device")

    @property
    def requires_grad(self) -> bool:
        return bool(self._known("requires_grad"))

    @property
    def is_leaf(self) -> bool:
        return bool(self._known("is_leaf"))

    @property
    def grad_fn(self) -> str | None:
        return self._known("grad_fn")

    def __repr__(self) -> str:
        if self._expr is not None:
            return f"{type(self).__name__}(name={self._name!r}, pending={self._expr.op!r})"
        grad_fn = f", grad_fn={self.grad_fn!r}" if self.grad_fn else ""
        return (
            f"{type(self).__name__}(name={self._name!r}, shape={self.shape}, dtype={self.dtype!r}, "
            f"requires_grad={self.requires_grad}{grad_fn})"
        )

    # --- talking to the server -------------------------------------------------------------------

    def _run(self, plan: Plan[Any]) -> Any:
        return self._session._run(plan)

    def backward(self, gradient: Any = None, inputs: Any = None) -> Any:
        """Accumulate this variable's gradient into the leaves it reaches, like ``tensor.backward``."""
        return self._run(protocol.backward(self._session, self, gradient, inputs))

    def read_data(self, as_numpy: bool | None = None) -> Any:
        """The current value: nested lists, or a numpy array (client ``arrays='numpy'`` or ``as_numpy``)."""
        return self._run(protocol.read(self._session, self, "data", as_numpy))

    def read_grad(self, as_numpy: bool | None = None) -> Any:
        """The accumulated gradient of a leaf (None before any backward reaches it)."""
        return self._run(protocol.read(self._session, self, "grad", as_numpy))

    def tolist(self) -> Any:
        return self.read_data(as_numpy=False)

    def numpy(self) -> Any:
        return self.read_data(as_numpy=True)

    def delete(self) -> Any:
        return self._run(protocol.delete_variable(self._session, self))

    # --- ops -------------------------------------------------------------------------------------

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name in NOT_METHODS:
            raise AttributeError(name)
        info = self._session._ops_table.get(name)
        if info is None or not info.is_method:
            raise AttributeError(f"{type(self).__name__} has no attribute or op {name!r} (GET /v1/ops lists ops)")
        return functools.partial(self._session._apply, name, self)

    def __dir__(self) -> list[str]:
        ops = [n for n, info in self._session._ops_table.items() if info.is_method and n not in NOT_METHODS]
        return sorted({*super().__dir__(), *ops})

    def _operator(self, stem: str, *args: Any) -> Any:
        table = self._session._ops_table
        op = table.operators.get(stem)
        if op is None or op not in table:
            return NotImplemented
        try:
            return self._session._apply(op, *args)
        except TypeError:
            return NotImplemented

    def __getitem__(self, key: Any) -> Any:
        return self._session._index(self, key)

    def __pos__(self) -> VariableBase:
        return self

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of a 0-d variable")
        return self.shape[0]

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __bool__(self) -> bool:
        raise TypeError("the truth value of a remote variable needs its data: use bool(await x.item())")


def _binary(stem: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    def forward(self: VariableBase, other: Any) -> Any:
        return self._operator(stem, self, other)

    def reflected(self: VariableBase, other: Any) -> Any:
        return self._operator(stem, other, self)

    return forward, reflected


def _unary(stem: str) -> Callable[..., Any]:
    def apply(self: VariableBase) -> Any:
        return self._operator(stem, self)

    return apply


for _stem in BINARY:
    _forward, _reflected = _binary(_stem)
    setattr(VariableBase, f"__{_stem}__", _forward)
    setattr(VariableBase, f"__r{_stem}__", _reflected)
for _stem in COMPARISONS:
    setattr(VariableBase, f"__{_stem}__", _binary(_stem)[0])
for _stem in UNARY:
    setattr(VariableBase, f"__{_stem}__", _unary(_stem))


def only_element(value: Any, name: str) -> Any:
    """The one number in a nested list, like ``tensor.item()``."""
    while isinstance(value, list):
        if len(value) != 1:
            raise ValueError(f"item() needs a variable with exactly one element; {name!r} has more or none")
        value = value[0]
    return value


class Variable(VariableBase):
    """A variable of a blocking ``Session``: made on the server as soon as it is written."""

    @property
    def data(self) -> Any:
        return self.read_data()

    @property
    def grad(self) -> Any:
        return self.read_grad()

    def item(self) -> Any:
        return only_element(self.read_data(as_numpy=False), self._name)

    def __bool__(self) -> bool:
        return bool(self.item())

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())


class AsyncVariable(VariableBase):
    """A variable of an ``AsyncSession``: ops wait locally and go to the server, as one graph, when awaited.

    ``await x`` computes it; ``await x.backward()``, ``await x.read_grad()`` and the like compute it first.
    """

    def __await__(self) -> Any:
        return self._session._run(protocol.materialize(self._session, self)).__await__()

    @property
    def data(self) -> Any:
        raise TypeError("in async code use 'await x.read_data()'")

    @property
    def grad(self) -> Any:
        raise TypeError("in async code use 'await x.read_grad()'")

    async def item(self) -> Any:
        return only_element(await self.read_data(as_numpy=False), self._name)
