"""safetensors files written straight from the tensors' memory, and read straight into it.

The library's ``save`` builds a whole file as one ``bytes`` first. For a training step of the MLP
in bench/train.py (8 MB of leaves, gradients and Adam moments, written with every acknowledged
step) that allocation and copy cost more than the step itself. Here only the header is built; each
tensor's bytes go to the file from its own memory. The layout is the format's: an 8-byte length,
the JSON header (``__metadata__`` and each tensor's dtype, shape and byte range) padded with spaces
to 8 bytes, then the data in the header's order. Reading is the mirror: the header is checked
against the file's size before anything it claims is allocated, then each tensor is read into a
tensor of its own (no mapping of the file, no second copy), one at a time, as restore asks.
"""

from __future__ import annotations

import io
import json
import math
import struct
from dataclasses import dataclass
from typing import BinaryIO

import orjson
import torch

CODES = {
    torch.float64: "F64",
    torch.float32: "F32",
    torch.float16: "F16",
    torch.bfloat16: "BF16",
    torch.int64: "I64",
    torch.int32: "I32",
    torch.int16: "I16",
    torch.int8: "I8",
    torch.uint8: "U8",
    torch.bool: "BOOL",
}


def header(tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> tuple[bytes, int]:
    """The file's head (length and JSON) for CPU, contiguous ``tensors``, and the file's whole size."""
    entries: dict[str, object] = {"__metadata__": metadata} if metadata else {}
    offset = 0
    for name, t in tensors.items():
        end = offset + t.numel() * t.element_size()
        entries[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, end]}
        offset = end
    text = orjson.dumps(entries)
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text, 8 + len(text) + offset


def write(f: BinaryIO, head: bytes, tensors: dict[str, torch.Tensor]) -> None:
    """The file at ``f``'s position: ``head`` (from ``header`` of the same tensors), then their bytes."""
    for part in parts(head, tensors):
        f.write(part)


def parts(head: bytes, tensors: dict[str, torch.Tensor]) -> list[memoryview]:
    """``head`` and each tensor's bytes in place, in the file's order (CPU, contiguous tensors)."""
    out = [memoryview(head)]
    for t in tensors.values():
        if t.numel():
            flat = t.reshape(-1)
            if flat.stride(0) != 1:  # one element broadcast (stride 0) counts as contiguous
                flat = flat.as_strided((1,), (1,))
            out.append(flat.view(torch.uint8).numpy().data)
    return out


DTYPES = {code: dtype for dtype, code in CODES.items()}


@dataclass(frozen=True)
class Entry:
    """One tensor of a file: where its bytes are (from the start of the data) and what they make."""

    dtype: torch.dtype
    shape: tuple[int, ...]
    start: int
    end: int

    @property
    def nbytes(self) -> int:
        return self.end - self.start


def read_header(f: io.BufferedIOBase, limit: int) -> tuple[dict[str, str], dict[str, Entry], int]:
    """The file's metadata and tensor entries at ``f``'s position, and the data's offset from it.

    Everything is checked against the ``limit`` bytes the file may span, so a damaged header is
    a ``ValueError`` here, never an allocation of what it claims."""
    raw = f.read(8)
    if len(raw) < 8:
        raise ValueError("cut short before its header")
    (n,) = struct.unpack("<Q", raw)
    if n > limit - 8:
        raise ValueError(f"a header of {n} bytes in {limit}")
    text = f.read(n)
    if len(text) < n:
        raise ValueError("cut short in its header")
    parsed = json.loads(text)
    if not isinstance(parsed, dict):
        raise ValueError("its header is not an object")
    metadata = parsed.pop("__metadata__", {}) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise ValueError("its metadata is not an object of strings")
    entries = {}
    for name, e in parsed.items():
        dtype = DTYPES.get(str(e.get("dtype"))) if isinstance(e, dict) else None
        shape, offsets = (e.get("shape"), e.get("data_offsets")) if isinstance(e, dict) else (None, None)
        if (
            dtype is None
            or not isinstance(shape, list)
            or not all(isinstance(d, int) and d >= 0 for d in shape)
            or not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets))
        ):
            raise ValueError(f"a malformed entry {name!r}")
        start, end = offsets
        if not 0 <= start <= end <= limit - 8 - n or end - start != math.prod(shape) * _size(dtype):
            raise ValueError(f"entry {name!r} does not fit its file")
        entries[name] = Entry(dtype, tuple(shape), start, end)
    return metadata, entries, 8 + n


def read_tensor(f: io.BufferedIOBase, at: int, entry: Entry) -> torch.Tensor:
    """One tensor read from the file straight into its own memory (``at``: where the data starts)."""
    t = torch.empty(entry.shape, dtype=entry.dtype)
    if entry.nbytes:
        f.seek(at + entry.start)
        view = t.reshape(-1).view(torch.uint8).numpy()
        if f.readinto(view.data) != entry.nbytes:
            raise ValueError("cut short in its data")
    return t


def _size(dtype: torch.dtype) -> int:
    return torch.empty((), dtype=dtype).element_size()
