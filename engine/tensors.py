"""Tensors in JSON, both ways: nested lists, flat ``{dtype, shape, data}`` and ``{dtype, shape, b64}``.

JSON has no literal for NaN or the infinities, so lists carry them as the strings
"NaN", "Infinity" and "-Infinity", in and out.
"""

from __future__ import annotations

import binascii
import math
from typing import Any, Literal

import numpy as np
import torch

try:  # SIMD base64, ~10x faster both ways than the standard library's; same API and errors
    import pybase64 as b64
except ImportError:  # pragma: no cover - a machine without the optional wheel
    import base64 as b64  # type: ignore[no-redef]

from engine.errors import InvalidTensor, LimitExceeded

# The dtype names, once: the schemas' Literals and the table below both come from these.
DTypeName = Literal["float16", "bfloat16", "float32", "float64", "int32", "int64", "bool"]
FloatDTypeName = Literal["float16", "bfloat16", "float32", "float64"]

DTYPES: dict[str, torch.dtype] = {
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
    "float32": torch.float32,
    "float64": torch.float64,
    "int32": torch.int32,
    "int64": torch.int64,
    "bool": torch.bool,
}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}
NON_FINITE_IN = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def dtype_of(name: str) -> torch.dtype:
    try:
        return DTYPES[name]
    except (KeyError, TypeError):
        raise InvalidTensor(f"unknown dtype {name!r}; expected one of {', '.join(DTYPES)}") from None


def dtype_name(dtype: torch.dtype) -> str:
    return DTYPE_NAMES.get(dtype, str(dtype).removeprefix("torch."))


# torch and numpy count a tensor's elements and bytes in int64: a shape whose sizes, zeros aside,
# multiply to this many 8-byte elements has no tensor, even an empty one like (2**63, 0).
LARGEST_SIZES = 2**60


def check_shape(shape: Any, *, max_elements: int | None = None, max_dims: int | None = None) -> list[int]:
    """``shape`` as a list, once it is one a tensor can have within the limits; the errors name it."""
    if not isinstance(shape, (list, tuple)) or not all(type(d) is int and d >= 0 for d in shape):
        raise InvalidTensor(f"shape must be a list of non-negative integers, got {shape!r}")
    shape = list(shape)
    if max_dims is not None and len(shape) > max_dims:
        raise LimitExceeded(f"shape {shape} has {len(shape)} dimensions; the limit is {max_dims} per tensor")
    n = math.prod(shape)
    if max_elements is not None and n > max_elements:
        raise LimitExceeded(f"shape {shape} has {n} elements, over the limit of {max_elements} elements per tensor")
    if math.prod(d for d in shape if d) >= LARGEST_SIZES:
        raise InvalidTensor(f"shape {shape} is larger than any tensor can be (its sizes multiply past 2**60)")
    return shape


def _non_finite(value: Any) -> Any:
    """Replace the JSON spellings of NaN and the infinities by floats, anywhere in a nested list."""
    if isinstance(value, str):
        if value not in NON_FINITE_IN:
            raise InvalidTensor(
                f"unexpected string {value!r} in tensor data; only 'NaN', 'Infinity', '-Infinity' are allowed"
            )
        return NON_FINITE_IN[value]
    if isinstance(value, list):
        return [_non_finite(v) for v in value]
    return value


def _has_strings(value: Any) -> bool:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            return True
        if isinstance(v, list):
            stack.extend(v)
    return False


# From this many top-level items, a list meant as a floating tensor is decoded through numpy (10x
# faster than torch.tensor on Python floats, the same values); whatever numpy does not read as a plain
# numeric array (strings, None, ragged lists, huge ints) takes the torch path and its exact errors.
# Integer targets always take the torch path, which refuses overflow where a cast would wrap.
NUMPY_FROM = 64
# From this many elements, ``encode(..., arrays=True)`` answers a numpy array for orjson to write
# (OPT_SERIALIZE_NUMPY): the same JSON text as ``tolist()``, without a Python float per element.
ARRAYS_FROM = 1024
SMALL = 64
EXACT_ARRAYS = frozenset({torch.int32, torch.int64, torch.bool})  # floats: only when all finite


def _from_list(value: Any, dtype: torch.dtype) -> torch.Tensor:
    if dtype.is_floating_point and isinstance(value, list) and len(value) >= NUMPY_FROM:
        try:
            array = np.array(value)
        except (ValueError, TypeError, OverflowError):
            array = None  # ragged or odd: torch says why below
        if array is not None and array.dtype.kind in "biuf":
            return torch.from_numpy(array).to(dtype)
    if _has_strings(value):
        value = _non_finite(value)
    try:
        return torch.tensor(value, dtype=dtype)
    except (TypeError, ValueError, RuntimeError, OverflowError) as e:
        raise InvalidTensor(f"tensor data is not a rectangular array of numbers: {e}") from None


def decode(value: Any, *, dtype: torch.dtype, max_elements: int | None = None) -> torch.Tensor:
    """A CPU tensor from any of the three JSON forms; ``dtype`` applies unless the form names its own."""
    if isinstance(value, dict):
        unknown = set(value) - {"dtype", "shape", "data", "b64"}
        if unknown:
            raise InvalidTensor(f"unknown tensor field(s) {sorted(unknown)}; expected dtype, shape and data or b64")
        if ("data" in value) == ("b64" in value):
            raise InvalidTensor("a tensor object needs exactly one of 'data' (flat list) or 'b64'")
        if "dtype" in value:
            dtype = dtype_of(value["dtype"])
        shape = check_shape(value.get("shape"), max_elements=max_elements)
        n = math.prod(shape)
        if "b64" in value:
            try:
                raw = b64.b64decode(value["b64"], validate=True)
            except (binascii.Error, TypeError, ValueError):
                raise InvalidTensor("'b64' is not valid base64") from None
            itemsize = torch.empty((), dtype=dtype).element_size()
            if len(raw) != n * itemsize:
                raise InvalidTensor(
                    f"'b64' holds {len(raw)} bytes; shape {shape} of {dtype_name(dtype)} needs {n * itemsize}"
                )
            if n == 0:
                return torch.empty(shape, dtype=dtype)
            return torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)
        data = value["data"]
        if not isinstance(data, list) or any(isinstance(v, list) for v in data):
            raise InvalidTensor("'data' must be a flat list of numbers")
        if len(data) != n:
            raise InvalidTensor(f"'data' has {len(data)} values; shape {shape} needs {n}")
        return _from_list(data, dtype).reshape(shape)
    if not isinstance(value, (int, float, str, list)) or value is None:
        raise InvalidTensor(
            f"a tensor is a number, a nested list or an object with dtype/shape/data; got {type(value).__name__}"
        )
    t = _from_list(value, dtype)
    if max_elements is not None and t.numel() > max_elements:
        raise LimitExceeded(f"tensor of {t.numel()} elements is over the limit of {max_elements} elements per tensor")
    return t


def _to_json_numbers(value: Any) -> Any:
    if isinstance(value, list):
        return [_to_json_numbers(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def b64_bytes(t: torch.Tensor) -> bytes:
    """The base64 of the tensor's little-endian bytes, row-major, as bytes (a renderer that splices it
    into JSON as it is needs no ``str`` of it)."""
    return b64.b64encode(_memory(t.detach()))


def _memory(t: torch.Tensor) -> memoryview:
    """The tensor's bytes in place (a CPU, contiguous view; copied only when it is not one already).

    Torch counts a one-element tensor as contiguous whatever its stride (``x[0:1, 2]``, a diagonal,
    a broadcast scalar), and reshaping keeps that stride, which a byte view refuses: the elements
    are taken with stride 1 from where they start, which for a contiguous tensor is all of them."""
    t = t.detach().contiguous().cpu()
    if t.numel() == 0:
        return memoryview(b"")
    return t.as_strided((t.numel(),), (1,)).view(torch.uint8).numpy().data


def encode(t: torch.Tensor, encoding: str = "list", *, arrays: bool = False) -> Any:
    """JSON for a tensor: a number or nested list, or with ``encoding='b64'`` the base64 object.

    With ``arrays``, a large finite tensor comes back as a float64 or integer numpy array that
    orjson writes with ``OPT_SERIALIZE_NUMPY``: the same text as the nested list, much faster.
    """
    t = t.detach()
    if encoding == "b64":
        return {
            "dtype": dtype_name(t.dtype),
            "shape": list(t.shape),
            "b64": b64_bytes(t).decode("ascii"),
        }
    t = t.cpu()
    if arrays and t.dim() > 0 and t.numel() >= ARRAYS_FROM:
        if t.dtype in EXACT_ARRAYS:
            return t.contiguous().numpy()
        if t.is_floating_point() and bool(torch.isfinite(t).all()):
            return t.to(torch.float64).contiguous().numpy()
    value = t.tolist()
    # a small tensor is checked in Python (a torch reduction costs ~15 us even on 4 elements)
    if t.is_floating_point() and (t.numel() <= SMALL or not bool(torch.isfinite(t).all())):
        value = _to_json_numbers(value)
    return value
