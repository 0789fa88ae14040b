"""The ``.npy`` format both ways, for the binary fast path (``application/x-npy``).

Reading: the header is a Python literal, read with ``ast.literal_eval`` (never a pickle: object and
structured dtypes are refused); the data is taken in place from the body, which the route reads into
one mutable buffer, so a 4 MB upload becomes a tensor with no further copy. Big-endian data is
converted; Fortran order is made C order. The dtypes are the contract's: float16, float32, float64,
int32, int64 and bool (bfloat16 has no .npy spelling: use ``{dtype, shape, b64}``).

Writing: a version 1.0 header, padded to 64 bytes as numpy writes it, then the tensor's bytes,
sent as two chunks so that the tensor is never copied into a Python ``bytes``.
"""

from __future__ import annotations

import ast
import math
from typing import Any

import numpy as np
import torch
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from engine import InvalidTensor, LimitExceeded, dtype_name

MEDIA_TYPE = "application/x-npy"
MAGIC = b"\x93NUMPY"
MAX_HEADER = 16 << 10
# (kind, itemsize) of a little-endian numpy dtype -> torch dtype: the contract's dtypes only.
SUPPORTED: dict[tuple[str, int], torch.dtype] = {
    ("f", 2): torch.float16,
    ("f", 4): torch.float32,
    ("f", 8): torch.float64,
    ("i", 4): torch.int32,
    ("i", 8): torch.int64,
    ("b", 1): torch.bool,
}
NUMPY_OF: dict[torch.dtype, str] = {
    torch.float16: "<f2",
    torch.float32: "<f4",
    torch.float64: "<f8",
    torch.int32: "<i4",
    torch.int64: "<i8",
    torch.bool: "|b1",
}
NAMES = "float16, float32, float64, int32, int64 and bool"


def _bad(detail: str) -> InvalidTensor:
    return InvalidTensor(f"not a usable .npy body: {detail}")


def _header(buf: bytes | bytearray) -> tuple[dict[str, Any], int]:
    """The header dict and where the data starts."""
    if bytes(buf[:6]) != MAGIC or len(buf) < 10:
        raise _bad("it does not start with the .npy magic string '\\x93NUMPY'")
    major = buf[6]
    if major == 1:
        size, start = int.from_bytes(buf[8:10], "little"), 10
    elif major in (2, 3):
        size, start = int.from_bytes(buf[8:12], "little"), 12
    else:
        raise _bad(f"format version {major}.{buf[7]} is unknown (1.0, 2.0 and 3.0 are read)")
    if size > MAX_HEADER or start + size > len(buf):
        raise _bad(f"its header of {size} bytes is truncated or over {MAX_HEADER} bytes")
    try:
        text = bytes(buf[start : start + size]).decode("utf-8" if major == 3 else "latin-1")
        header = ast.literal_eval(text)
    except (ValueError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
        raise _bad("its header is not a Python literal dict") from None
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise _bad("its header must be a dict of exactly 'descr', 'fortran_order' and 'shape'")
    return header, start + size


def read(buf: bytes | bytearray, *, max_elements: int | None = None) -> torch.Tensor:
    """A CPU tensor from an ``.npy`` file's bytes; shares ``buf``'s memory when it is a bytearray."""
    header, offset = _header(buf)
    descr, fortran, shape = header["descr"], header["fortran_order"], header["shape"]
    if not isinstance(descr, str):
        raise _bad("structured (record) dtypes are not tensors; save a plain array")
    try:
        dt = np.dtype(descr)
    except TypeError:
        raise _bad(f"dtype {descr!r} is not a numpy dtype") from None
    if dt.hasobject or dt.kind not in "fib":
        kind = "object arrays (pickles) are never read" if dt.hasobject else f"dtype {dt.str!r} is not supported"
        raise InvalidTensor(f"{kind}; .npy bodies may hold {NAMES}")
    torch_dtype = SUPPORTED.get((dt.kind, dt.itemsize))
    if torch_dtype is None:
        raise InvalidTensor(f"dtype {dt.str!r} ({dt.name}) is not supported; .npy bodies may hold {NAMES}")
    if not isinstance(fortran, bool):
        raise _bad("'fortran_order' must be True or False")
    if not isinstance(shape, tuple) or not all(
        isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape
    ):
        raise _bad(f"'shape' must be a tuple of non-negative integers, got {shape!r}")
    n = math.prod(shape)
    if max_elements is not None and n > max_elements:
        raise LimitExceeded(f"tensor of {n} elements is over the limit of {max_elements} elements per tensor")
    if len(buf) - offset != n * dt.itemsize:
        raise _bad(
            f"shape {list(shape)} of {dt.name} needs {n * dt.itemsize} data bytes, the body has {len(buf) - offset}"
        )
    array = np.frombuffer(buf, dtype=dt, count=n, offset=offset)
    array = array.reshape(shape[::-1]).transpose() if fortran else array.reshape(shape)
    if dt.byteorder == ">" or fortran or not array.flags.aligned or not array.flags.writeable:
        array = np.ascontiguousarray(array, dtype=dt.newbyteorder("<"))
    return torch.from_numpy(array)


def header_for(dtype: torch.dtype, shape: tuple[int, ...]) -> bytes:
    """A version 1.0 header, padded with spaces so that the data starts on a 64-byte boundary."""
    descr = NUMPY_OF.get(dtype)
    if descr is None:
        raise InvalidTensor(
            f"{dtype_name(dtype)} has no .npy form; read it as JSON with ?encoding=b64 ({{dtype, shape, b64}})"
        )
    text = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {tuple(shape)!r}, }}"
    pad = -(len(MAGIC) + 4 + len(text) + 1) % 64
    text = text + " " * pad + "\n"
    return MAGIC + b"\x01\x00" + len(text).to_bytes(2, "little") + text.encode("latin-1")


class NpyResponse(Response):
    """An ``.npy`` file of a tensor: header and data sent as two chunks, the data straight from memory."""

    media_type = MEDIA_TYPE

    def __init__(self, tensor: torch.Tensor, headers: dict[str, str] | None = None) -> None:
        t = tensor.detach().cpu().contiguous()
        self.head = header_for(t.dtype, tuple(t.shape))
        self.data = t.numpy().data.cast("B") if t.numel() else memoryview(b"")
        self._keep = t
        super().__init__(None, 200, headers, self.media_type)
        self.headers["content-length"] = str(len(self.head) + self.data.nbytes)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (from a host process): the data as bytes, once."""
        state = dict(self.__dict__)
        state["data"] = self.data.tobytes()
        state.pop("_keep", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["data"] = memoryview(state["data"])
        self.__dict__.update(state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.body", "body": self.head, "more_body": True})
        await send({"type": "http.response.body", "body": self.data})


def write(tensor: torch.Tensor) -> bytes:
    """The whole ``.npy`` file as bytes (tests and clients; the route streams ``NpyResponse``)."""
    t = tensor.detach().cpu().contiguous()
    return header_for(t.dtype, tuple(t.shape)) + (t.numpy().tobytes() if t.numel() else b"")
