"""Leaves in and out: put (from data or an init), delete, and the session's listing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import torch

from engine.errors import EngineError, InvalidRequest, InvalidTensor, LimitExceeded, UnknownVariable
from engine.evaluation import listed, read
from engine.graph import check_name, reason
from engine.session import Broken, Session, Variable, nbytes
from engine.tensors import decode, dtype_name, dtype_of

SEEDS = range(0, 2**64)  # what torch.Generator.manual_seed takes


def _full(shape: list[int], dtype: torch.dtype, value: float | None, gen: torch.Generator | None) -> torch.Tensor:
    if value is None:
        raise InvalidRequest("init 'full' needs 'value'")
    return torch.full(shape, value, dtype=dtype)


InitName = Literal["zeros", "ones", "full", "rand", "randn"]

# init name -> maker(shape, dtype, value, generator), one per name of InitName (the schemas' Literal).
INITS: dict[str, Callable[[list[int], torch.dtype, Any, torch.Generator | None], torch.Tensor]] = {
    "zeros": lambda shape, dtype, value, gen: torch.zeros(shape, dtype=dtype),
    "ones": lambda shape, dtype, value, gen: torch.ones(shape, dtype=dtype),
    "full": _full,
    "rand": lambda shape, dtype, value, gen: torch.rand(shape, generator=gen, dtype=dtype),
    "randn": lambda shape, dtype, value, gen: torch.randn(shape, generator=gen, dtype=dtype),
}


def put(
    session: Session,
    name: str,
    data: Any = None,
    *,
    init: str | None = None,
    shape: Sequence[int] | None = None,
    value: float | None = None,
    seed: int | None = None,
    dtype: str | None = None,
    requires_grad: bool = False,
) -> tuple[Variable, bool]:
    """Create or replace leaf ``name`` from data (tensor or JSON) or an ``init``; True if new."""
    check_name(name)
    if (data is None) == (init is None):
        raise InvalidRequest("give exactly one of 'data' or 'init'")
    dt = dtype_of(dtype) if dtype is not None else None
    if init is None:
        tensor = make_from_data(session, data, dt)
    else:
        tensor = make_from_init(session, init, shape, value, seed, dt or session.dtype)
    return put_tensor(session, name, tensor, requires_grad=requires_grad)


def put_tensor(
    session: Session, name: str, tensor: torch.Tensor, *, requires_grad: bool = False
) -> tuple[Variable, bool]:
    check_name(name)
    if requires_grad and not (tensor.is_floating_point() or tensor.is_complex()):
        raise InvalidTensor(f"only floating-point tensors can require grad; {name!r} is {dtype_name(tensor.dtype)}")
    session.check_elements(tensor.numel())
    session.check_dims(tensor.dim())
    tensor = tensor.detach().to(session.device).requires_grad_(requires_grad)
    with session.lock:
        created = name not in session.leaves and name not in session.definitions
        session.check_room(int(created), f"leaf {name!r}")
        session.reads.forget()
        old = session.leaves.get(name)
        freed = 0 if old is None else nbytes(old) + (0 if old.grad is None else nbytes(old.grad))
        after, limit = session.nbytes() - freed + nbytes(tensor), session.limits.max_session_bytes
        if limit is not None and after > limit:
            raise LimitExceeded(f"session would hold {after} bytes; the limit is {limit} bytes per session")
        session.definitions.pop(name, None)
        session.leaves[name] = tensor
        session.changed(name)
        return Variable.of(name, tensor, leaf=True), created


def make_from_data(session: Session, data: Any, dtype: torch.dtype | None) -> torch.Tensor:
    if isinstance(data, torch.Tensor):
        return data if dtype is None else data.to(dtype)
    t = decode(data, dtype=dtype or session.dtype, max_elements=session.limits.max_tensor_elements)
    return t if dtype is None else t.to(dtype)


def make_from_init(
    session: Session, init: str, shape: Any, value: Any, seed: int | None, dtype: torch.dtype
) -> torch.Tensor:
    maker = INITS.get(init)
    if maker is None:
        raise InvalidRequest(f"unknown init {init!r}; expected one of {', '.join(INITS)}")
    if not isinstance(shape, (list, tuple)) or not all(
        isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape
    ):
        raise InvalidRequest(f"init {init!r} needs 'shape', a list of non-negative integers")
    if seed is not None and seed not in SEEDS:
        raise InvalidRequest(f"'seed' must be an integer from 0 to 2**64 - 1, got {seed}")
    session.check_dims(len(shape))
    n = 1
    for d in shape:
        n *= d
    session.check_elements(n)
    gen = torch.Generator().manual_seed(seed) if seed is not None else None
    try:
        return maker(list(shape), dtype, value, gen)
    except (RuntimeError, TypeError) as e:
        raise InvalidTensor(f"init {init!r}: {reason(e)}") from None


def delete(session: Session, name: str) -> None:
    with session.lock:
        if session.leaves.pop(name, None) is None and session.definitions.pop(name, None) is None:
            raise UnknownVariable(f"no variable {name!r} in this session")
        session.reads.forget()
        session.changed(name)


def get(session: Session, name: str) -> Variable:
    """A variable with its value and grad; a computed one follows the current leaves."""
    return read(session, name)


def list_variables(session: Session) -> list[Variable | Broken]:
    """Every variable; a computed one as the shape pass over the current leaves sees it (nothing is
    evaluated that the meta device can size: a listing of large variables allocates nothing)."""
    with session.lock:
        listing: list[Variable | Broken] = []
        for name in session.names():
            try:
                listing.append(read(session, name) if name in session.leaves else listed(session, name))
            except EngineError as e:
                listing.append(Broken(name, e.detail))
        return listing
