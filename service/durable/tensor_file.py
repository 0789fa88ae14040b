"""safetensors files written straight from the tensors' memory, and read back by safetensors.

The library's ``save`` builds a whole file as one ``bytes`` first. For a training step of the MLP
in bench/train.py (8 MB of leaves, gradients and Adam moments, written with every acknowledged
step) that allocation and copy cost more than the step itself. Here only the header is built; each
tensor's bytes go to the file from its own memory. The layout is the format's: an 8-byte length,
the JSON header (``__metadata__`` and each tensor's dtype, shape and byte range) padded with spaces
to 8 bytes, then the data in the header's order.
"""

from __future__ import annotations

import json
import struct
from typing import BinaryIO

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
    text = json.dumps(entries, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text, 8 + len(text) + offset


def write(f: BinaryIO, head: bytes, tensors: dict[str, torch.Tensor]) -> None:
    """The file at ``f``'s position: ``head`` (from ``header`` of the same tensors), then their bytes."""
    f.write(head)
    for t in tensors.values():
        if t.numel():
            flat = t.reshape(-1)
            if flat.stride(0) != 1:  # one element broadcast (stride 0) counts as contiguous
                flat = flat.as_strided((1,), (1,))
            f.write(flat.view(torch.uint8).numpy().data)
