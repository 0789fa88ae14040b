"""Tensor values in JSON, both ways, with numpy when it is installed and plain lists when not.

Small tensors travel as nested lists (readable in any log); from ``threshold`` elements on
they travel as ``{dtype, shape, b64}`` with little-endian bytes, which is exact and about
half the size; a large numpy array is uploaded as an ``.npy`` file (``application/x-npy``).
JSON has no literal for NaN or the infinities: lists carry them as the strings "NaN",
"Infinity" and "-Infinity".
"""

from __future__ import annotations

import base64
import importlib
import io
import math
import struct
from typing import Any

# dtype name -> struct format character (little-endian); bfloat16 is the top half of a float32.
FORMATS = {"float16": "e", "float32": "f", "float64": "d", "int32": "i", "int64": "q", "bool": "?", "bfloat16": "H"}
NUMPY_NAMES = {"float16", "float32", "float64", "int32", "int64", "bool"}
NON_FINITE_IN = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def numpy_module() -> Any:
    """numpy, or None where it is not installed."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


def is_array(value: Any) -> bool:
    """True for a numpy array (or anything numpy-like), checked without importing numpy."""
    return hasattr(value, "__array__") and hasattr(value, "dtype") and hasattr(value, "shape")


def shape_of(value: Any) -> list[int]:
    """The shape of a number, a rectangular nested list or an array."""
    if is_array(value):
        return list(value.shape)
    shape: list[int] = []
    while isinstance(value, (list, tuple)):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return shape


def numel(shape: list[int] | tuple[int, ...]) -> int:
    return math.prod(shape)


def flatten(value: Any, shape: list[int]) -> list[Any]:
    """Row-major values of a nested list, checking that it is rectangular."""
    level = [value]
    for depth, size in enumerate(shape):
        nxt: list[Any] = []
        for item in level:
            if not isinstance(item, (list, tuple)) or len(item) != size:
                raise ValueError(f"tensor data is not rectangular: expected length {size} at depth {depth}")
            nxt.extend(item)
        level = nxt
    if any(isinstance(v, (list, tuple)) for v in level):
        raise ValueError("tensor data is not rectangular: lists nested deeper than the first element")
    return level


def nest(flat: list[Any], shape: list[int]) -> Any:
    """The nested list of a shape from its row-major values (a bare number for shape [])."""
    if not shape:
        return flat[0]
    if 0 in shape:
        return [] if shape[0] == 0 else [nest([], shape[1:]) for _ in range(shape[0])]
    for size in reversed(shape[1:]):
        flat = [flat[i : i + size] for i in range(0, len(flat), size)]
    return flat


def jsonable(value: Any) -> Any:
    """A number or nested list with its non-finite floats spelled as JSON strings."""
    return _map_nested(value, _to_json_number)


def _to_json_number(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return v


def _from_json_number(v: Any) -> Any:
    return NON_FINITE_IN[v] if isinstance(v, str) else v


def _map_nested(value: Any, fn: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_map_nested(v, fn) for v in value]
    return fn(value)


def _pack(flat: list[Any], dtype: str) -> bytes:
    fmt = FORMATS[dtype]
    if dtype == "bfloat16":
        flat = [_bfloat16_bits(float(v)) for v in flat]
    elif dtype.startswith("int"):
        flat = [int(v) for v in flat]
    elif dtype == "bool":
        flat = [bool(v) for v in flat]
    else:
        flat = [float(_from_json_number(v)) for v in flat]
    return struct.pack(f"<{len(flat)}{fmt}", *flat)


def _bfloat16_bits(v: float) -> int:
    """Round a float32 to bfloat16 the way torch does (to nearest, ties to even)."""
    (bits,) = struct.unpack("<I", struct.pack("<f", v))
    if math.isnan(v):
        return 0x7FC0
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF


def _unpack(raw: bytes, dtype: str) -> list[Any]:
    fmt = FORMATS[dtype]
    n = len(raw) // struct.calcsize(fmt)
    values = list(struct.unpack(f"<{n}{fmt}", raw))
    if dtype == "bfloat16":
        values = [struct.unpack("<f", struct.pack("<I", b << 16))[0] for b in values]
    return values


def encode(value: Any, *, dtype: str | None, default_dtype: str, threshold: int) -> Any:
    """JSON for a tensor the client sends: a list when small, ``{dtype, shape, b64}`` from ``threshold`` on.

    A numpy array keeps its own dtype (as ``torch.tensor(array)`` would); a list takes ``dtype``,
    or the session's default when packed as bytes.
    """
    if is_array(value):
        np = numpy_module()
        arr = np.asarray(value)
        name = dtype or str(arr.dtype)
        if name not in NUMPY_NAMES:
            raise TypeError(f"numpy dtype {arr.dtype} has no server dtype; convert it to one of {sorted(NUMPY_NAMES)}")
        arr = arr.astype(np.dtype(name).newbyteorder("<"), copy=False)
        if arr.size >= threshold:
            return {"dtype": name, "shape": list(arr.shape), "b64": base64.b64encode(arr.tobytes()).decode("ascii")}
        data = [_to_json_number(v) for v in arr.reshape(-1).tolist()]
        return {"dtype": name, "shape": list(arr.shape), "data": data}
    if hasattr(value, "tolist") and not isinstance(value, (list, tuple)):
        value = value.tolist()
    shape = shape_of(value)
    if numel(shape) < threshold:
        return jsonable(value)
    name = dtype or default_dtype
    raw = _pack(flatten(value, shape), name)
    return {"dtype": name, "shape": shape, "b64": base64.b64encode(raw).decode("ascii")}


def npy_bytes(array: Any, dtype: str | None) -> bytes | None:
    """An ``.npy`` file of the array (in ``dtype`` if given), or None for a dtype .npy cannot carry."""
    np = _require_numpy()
    arr = np.asarray(array)
    name = dtype or str(arr.dtype)
    if name not in NUMPY_NAMES:
        return None
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(arr, dtype=np.dtype(name).newbyteorder("<")), allow_pickle=False)
    return buffer.getvalue()


def decode(value: Any, *, dtype: str | None = None, as_numpy: bool = False) -> Any:
    """A tensor from any of the three JSON forms: nested lists, or a numpy array with ``as_numpy``."""
    if value is None:
        return None
    if isinstance(value, dict):
        dtype = value.get("dtype", dtype) or "float32"
        shape = list(value["shape"])
        if "b64" in value:
            raw = base64.b64decode(value["b64"])
            if as_numpy and dtype in NUMPY_NAMES:
                np = _require_numpy()
                return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).reshape(shape).copy()
            flat = _unpack(raw, dtype)
        else:
            flat = [_from_json_number(v) for v in value["data"]]
        return _numpy(nest(flat, shape), dtype) if as_numpy else nest(flat, shape)
    value = _map_nested(value, _from_json_number)
    return _numpy(value, dtype) if as_numpy else value


def _numpy(value: Any, dtype: str | None) -> Any:
    np = _require_numpy()
    return np.asarray(value, dtype=dtype if dtype in NUMPY_NAMES else None)


def _require_numpy() -> Any:
    np = numpy_module()
    if np is None:
        raise ImportError("numpy arrays were asked for but numpy is not installed; use lists or pip install numpy")
    return np
