"""The ``.npy`` format both ways, for the binary fast path (``application/x-npy``).

Reading: the header is read by ``numpy.lib.format`` (a literal parse, never a pickle: object and
structured dtypes are refused); the data is taken in place from the body, which the route reads into
one mutable buffer, so a 4 MB upload becomes a tensor with no further copy. Big-endian data is
converted; Fortran order is made C order. The dtypes are the contract's: float16, float32, float64,
int32, int64 and bool (bfloat16 has no .npy spelling: use ``{dtype, shape, b64}``).

Writing: a version 1.0 header, padded to 64 bytes as numpy writes it, then the tensor's bytes.
"""

from __future__ import annotations

import io
import math

import numpy as np
import numpy.lib.format as npformat
import torch
from starlette.responses import Response

from engine import InvalidTensor, check_shape, dtype_name
from service.hosts.admission import guard

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


READERS = {(1, 0): npformat.read_array_header_1_0, (2, 0): npformat.read_array_header_2_0}


def _header(buf: bytes | bytearray) -> tuple[np.dtype, bool, tuple[int, ...], int]:
    """dtype, Fortran order, shape and where the data starts, read by ``numpy.lib.format`` (whose
    header parse is a literal parse, never a pickle, and refuses headers over ``MAX_HEADER``)."""
    head = io.BytesIO(bytes(buf[: MAX_HEADER + 12]))
    try:
        version = npformat.read_magic(head)
    except ValueError:
        raise _bad("it does not start with the .npy magic string '\\x93NUMPY'") from None
    if version not in READERS:
        raise _bad(
            f"format version {version[0]}.{version[1]} is not read (1.0 and 2.0 are; numpy writes 3.0 only"
            " for structured dtypes, which are not tensors)"
        )
    try:
        shape, fortran, dt = READERS[version](head, max_header_size=MAX_HEADER)
    except ValueError as e:
        raise _bad(f"its header is not a Python literal dict of 'descr', 'fortran_order' and 'shape' ({e})") from None
    return dt, fortran, shape, head.tell()


def read(buf: bytes | bytearray, *, max_elements: int | None = None, max_dims: int | None = None) -> torch.Tensor:
    """A CPU tensor from an ``.npy`` file's bytes; shares ``buf``'s memory when it is a bytearray."""
    dt, fortran, header_shape, offset = _header(buf)
    try:  # the header is any Python literal: its shape is checked as a JSON tensor's is
        shape = tuple(check_shape(header_shape, max_elements=max_elements, max_dims=max_dims))
    except InvalidTensor as e:
        raise _bad(f"its header's {e.detail}") from None
    if dt.names is not None:
        raise _bad("structured (record) dtypes are not tensors; save a plain array")
    if dt.hasobject or dt.kind not in "fib":
        kind = "object arrays (pickles) are never read" if dt.hasobject else f"dtype {dt.str!r} is not supported"
        raise InvalidTensor(f"{kind}; .npy bodies may hold {NAMES}")
    torch_dtype = SUPPORTED.get((dt.kind, dt.itemsize))
    if torch_dtype is None:
        raise InvalidTensor(f"dtype {dt.str!r} ({dt.name}) is not supported; .npy bodies may hold {NAMES}")
    n = math.prod(shape)
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
    """An ``.npy`` file of a tensor, its header and data joined once (the host sends it as it is)."""

    media_type = MEDIA_TYPE

    def __init__(self, tensor: torch.Tensor, headers: dict[str, str] | None = None) -> None:
        t = tensor.detach().cpu().contiguous()
        head = header_for(t.dtype, tuple(t.shape))
        guard.require(2 * t.numel() * t.element_size(), "the .npy answer")
        data = t.numpy().data.cast("B") if t.numel() else b""
        super().__init__(b"".join((head, data)), 200, headers, self.media_type)


def write(tensor: torch.Tensor) -> bytes:
    """The whole ``.npy`` file as bytes (tests and clients; the route streams ``NpyResponse``)."""
    t = tensor.detach().cpu().contiguous()
    return header_for(t.dtype, tuple(t.shape)) + (t.numpy().tobytes() if t.numel() else b"")
