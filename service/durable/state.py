"""A session as a safetensors file, both ways (the files themselves: service/durable/store.py).

The file holds the session's tensors and, in its header metadata, the session as JSON
(engine/snapshot.py) plus what its host needs (token hash, ttl, times, and the markers of the
idempotent calls that changed it, so "applied" and "recorded" are one write). Nothing is pickled.

A file is refused before it is written when its JSON header would pass ``MAX_HEADER_BYTES``
(safetensors refuses to read back headers over 100 MB).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from engine import EngineError, InvalidRequest, LimitExceeded, Limits, Session, resolve_device, snapshot

log = logging.getLogger("autograd.state")

MAX_HEADER_BYTES = 64 << 20  # safetensors reads headers up to 100 MB; stay well below


def session_parts(session: Session, extra: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The session's tensors (as it holds them) and the header metadata that goes with them."""
    tensors, meta = snapshot.dump(session)
    header = {"ags": json.dumps({"session": meta, **extra}), "device": str(session.device)}
    size = len(header["ags"])
    if size > MAX_HEADER_BYTES:
        raise LimitExceeded(
            f"the session's definitions and records take {size} bytes of JSON; a state file holds at most "
            f"{MAX_HEADER_BYTES}: delete computed variables"
        )
    return tensors, header


def session_bytes(session: Session, extra: dict[str, Any]) -> bytes:
    """The session as one safetensors file: tensors, and the JSON meta in the header."""
    tensors, header = session_parts(session, extra)
    return st_save({k: v.cpu().contiguous() for k, v in tensors.items()}, metadata=header)


def session_from_bytes(raw: bytes, limits: Limits) -> tuple[Session, dict[str, Any]]:
    """The inverse of ``session_bytes``; a device this machine lacks falls back to the CPU.

    Every way a file can be wrong, however unexpected, is an ``InvalidRequest`` naming it.
    """
    try:
        tensors = st_load(raw)
        header = header_of(raw)
        extra = json.loads(header["ags"])
        if not isinstance(extra, dict):
            raise TypeError("its 'ags' metadata is not an object")
    except (SafetensorError, ValueError, KeyError, TypeError) as e:
        raise InvalidRequest(f"not a session file: {e}") from None
    try:
        device = resolve_device(header.get("device", "cpu"))
    except EngineError:
        device = torch.device("cpu")
    try:
        session = snapshot.load(tensors, extra.pop("session", None), device, limits)
    except EngineError as e:
        raise InvalidRequest(f"not a valid session file: {e.detail}") from None
    except (RuntimeError, ValueError, TypeError, KeyError, AttributeError, IndexError) as e:
        raise InvalidRequest(f"not a valid session file: {type(e).__name__}: {e}") from None
    return session, extra


def header_of(raw: bytes) -> dict[str, str]:
    n = int.from_bytes(raw[:8], "little")
    meta = json.loads(raw[8 : 8 + n]).get("__metadata__", {})
    if not isinstance(meta, dict):
        raise ValueError("metadata is not an object")
    return meta
