"""A session's log: one record per change since its base, each checked, each naming its base.

A record is ``AGS2``, the blob's length, the blob (a safetensors file of only the tensors the change
wrote; its metadata the session's JSON, the tensors dropped, and the base it extends) and the blob's
XXH3-64 checksum (a training step writes megabytes: CRC-32 at 2 GB/s cost it milliseconds).
``replay`` walks a log and notes, for each tensor, where its latest bytes are; nothing is read into
memory until the store asks for the final tensors.

What a record can be when read:
- whole, its checksum right, of this base: applied;
- whole, of another base: left out (a crash between a new base and the old log's unlink);
- torn: it claims to reach past the end, or only zeros follow it (a crash mid-append, a file
  extended whose data never reached the disk): the end of the log, never acknowledged;
- anything else, followed by more: ``Corrupt``. Records after it were acknowledged, so the session
  is not served short: its host quarantines it.

Logs written before records had checksums (a length, then the blob) are read as they were.
"""

from __future__ import annotations

import io
import json
import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import torch
import xxhash

from service.durable import tensor_file

log = logging.getLogger("autograd.state")
MAGIC = b"AGS2"
RECORD = struct.Struct("<4sQ")  # magic, blob length
CRC = struct.Struct("<Q")  # the blob's XXH3-64
LENGTH = struct.Struct("<Q")  # the record head of logs written before checksums
CHUNK = 1 << 20


class Corrupt(Exception):
    """A session's files are damaged beyond a torn last record: it must not be served."""


@dataclass(frozen=True)
class Source:
    """Where a tensor's latest bytes are: a file, the offset of its data section, its entry."""

    path: Path
    at: int
    entry: tensor_file.Entry


def append(fd: int, size: int, tensors: dict[str, torch.Tensor], metadata: dict[str, str], fsync: bool) -> int:
    """A record at ``size`` of the open log ``fd``, in one ``pwritev`` from the tensors' memory; a failed
    append is cut off again, so no torn record stays. Returns the bytes appended."""
    head, length = tensor_file.header(tensors, metadata)
    parts = tensor_file.parts(head, tensors)
    digest = xxhash.xxh3_64()
    for part in parts:
        digest.update(part)
    pending = [memoryview(RECORD.pack(MAGIC, length)), *parts, memoryview(CRC.pack(digest.intdigest()))]
    at = size
    try:
        while pending:
            n = os.pwritev(fd, pending[:1024], at)
            at += n
            while pending and n >= pending[0].nbytes:
                n -= pending.pop(0).nbytes
            if n:
                pending[0] = pending[0][n:]
        if fsync:
            os.fsync(fd)
    except BaseException:
        os.ftruncate(fd, size)
        raise
    return at - size


def replay(path: Path, header: dict[str, str], sources: dict[str, Source], session_id: str) -> dict[str, str]:
    """Apply the log at ``path`` to ``sources`` (the base's tensors); returns the latest header."""
    try:
        f = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return {k: v for k, v in header.items() if k != "base"}
    with f:
        end = os.fstat(f.fileno()).st_size
        if "base" not in header:
            return _unchecked(f, end, path, header, sources)
        base, at = header["base"], 0
        header = {k: v for k, v in header.items() if k != "base"}
        while at < end:
            try:
                meta, entries, data_at, length = _record(f, at, end)
            except ValueError as e:
                if _torn(f, at, end):
                    log.warning("skipped a torn record at the end of a session log", extra={"session": session_id})
                    break
                raise Corrupt(f"record at byte {at} of its log: {e}") from None
            if meta.pop("base", None) == base:
                for name in json.loads(meta.pop("drop", "[]")):
                    sources.pop(name, None)
                sources.update({n: Source(path, at + RECORD.size + data_at, e) for n, e in entries.items()})
                header = meta
            at += RECORD.size + length + CRC.size
    return header


def _unchecked(
    f: io.BufferedIOBase, end: int, path: Path, header: dict[str, str], sources: dict[str, Source]
) -> dict[str, str]:
    """A log of before checksums: every whole record applies, as it did then."""
    at = 0
    while at + LENGTH.size <= end:
        f.seek(at)
        (length,) = LENGTH.unpack(f.read(LENGTH.size))
        try:
            if at + LENGTH.size + length > end:
                raise ValueError("cut short")
            meta, entries, data_at = tensor_file.read_header(f, length)
        except ValueError:
            break  # a torn last record
        for name in json.loads(meta.pop("drop", "[]")):
            sources.pop(name, None)
        sources.update({n: Source(path, at + LENGTH.size + data_at, e) for n, e in entries.items()})
        header, at = meta, at + LENGTH.size + length
    return header


def _record(f: io.BufferedIOBase, at: int, end: int) -> tuple[dict[str, str], dict[str, tensor_file.Entry], int, int]:
    """The record at ``at``, its checksum verified: metadata, tensor entries, data offset, blob length."""
    f.seek(at)
    raw = f.read(RECORD.size)
    if len(raw) < RECORD.size:
        raise ValueError("cut short in its head")
    magic, length = RECORD.unpack(raw)
    if magic != MAGIC:
        raise ValueError("no record starts here")
    if at + RECORD.size + length + CRC.size > end:
        raise ValueError("it reaches past the end of the log")
    meta, entries, data_at = tensor_file.read_header(f, length)
    f.seek(at + RECORD.size)
    digest, left = xxhash.xxh3_64(), length
    while left:
        chunk = f.read(min(CHUNK, left))
        digest.update(chunk)
        left -= len(chunk)
    (expected,) = CRC.unpack(f.read(CRC.size))
    if digest.intdigest() != expected:
        raise ValueError("its checksum does not match")
    return meta, entries, data_at, length


def _torn(f: io.BufferedIOBase, at: int, end: int) -> bool:
    """Whether what starts at ``at`` can be a torn last append: it claims to reach past the end, or
    nothing but zeros follows (a file extended, its data never written)."""
    f.seek(at)
    raw = f.read(RECORD.size)
    if len(raw) < RECORD.size:
        return True
    magic, length = RECORD.unpack(raw)
    if magic == MAGIC and at + RECORD.size + length + CRC.size >= end:
        return True
    f.seek(at)
    while chunk := f.read(CHUNK):
        if chunk.strip(b"\0"):
            return False
    return True
