"""Durable sessions: one safetensors file per session under ``AGS_STATE_DIR``.

Each file holds the session's tensors and, in its header metadata, the session as JSON
(engine/snapshot.py) plus what the registry needs (token hash, ttl, times, and the markers of
the idempotent calls that changed it, so "applied" and "recorded" are one write). A write goes
to a temporary file that is fsynced and renamed over the old one, then the folder is fsynced:
a crash leaves the old file or the new one, never a torn one. Nothing is pickled.

A file is refused before it is written when its JSON header would pass ``MAX_HEADER_BYTES``
(safetensors refuses to read back headers over 100 MB). A file that cannot be read back on
restore is moved to ``quarantine/`` beside ``sessions/``, with a log line; the others load.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from engine import EngineError, InvalidRequest, LimitExceeded, Limits, Session, resolve_device, snapshot

log = logging.getLogger("autograd.state")

MAX_HEADER_BYTES = 64 << 20  # safetensors reads headers up to 100 MB; stay well below


def session_bytes(session: Session, extra: dict[str, Any]) -> bytes:
    """The session as one safetensors file: tensors, and the JSON meta in the header."""
    tensors, meta = snapshot.dump(session)
    header = {"ags": json.dumps({"session": meta, **extra}), "device": str(session.device)}
    size = len(header["ags"])
    if size > MAX_HEADER_BYTES:
        raise LimitExceeded(
            f"the session's definitions and records take {size} bytes of JSON; a state file holds at most "
            f"{MAX_HEADER_BYTES}: delete computed variables"
        )
    return st_save(tensors, metadata=header)


def session_from_bytes(raw: bytes, limits: Limits) -> tuple[Session, dict[str, Any]]:
    """The inverse of ``session_bytes``; a device this machine lacks falls back to the CPU.

    Every way a file can be wrong, however unexpected, is an ``InvalidRequest`` naming it.
    """
    try:
        tensors = st_load(raw)
        header = _header(raw)
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


def _header(raw: bytes) -> dict[str, str]:
    n = int.from_bytes(raw[:8], "little")
    meta = json.loads(raw[8 : 8 + n]).get("__metadata__", {})
    if not isinstance(meta, dict):
        raise ValueError("metadata is not an object")
    return meta


class StateStore:
    """The session files of one folder. ``durability``: ``always`` fsyncs each file and the folder
    before the write returns; ``os`` writes before it returns and fsyncs what changed about once a
    second on a background thread (Redis's ``appendfsync everysec``): a host killed at any point
    loses nothing written, a machine that loses power loses at most about a second."""

    def __init__(self, root: str | os.PathLike[str], durability: str = "always") -> None:
        self.root = Path(root)
        self.dir = self.root / "sessions"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fsync_each = durability == "always"
        self._dirty: set[Path] = set()
        self._lock = threading.Lock()
        if not self.fsync_each:
            threading.Thread(target=self._flusher, name="ags-fsync", daemon=True).start()

    def path(self, session_id: str) -> Path:
        return self.dir / f"{session_id}.safetensors"

    def save(self, session_id: str, raw: bytes) -> None:
        tmp = self.dir / f".{session_id}.{secrets.token_hex(4)}.tmp"
        try:
            with open(tmp, "wb") as f:
                f.write(raw)
                if self.fsync_each:
                    f.flush()
                    os.fsync(f.fileno())
            os.replace(tmp, self.path(session_id))
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if self.fsync_each:
            self._sync_dir()
        else:
            with self._lock:
                self._dirty.add(self.path(session_id))

    def flush(self) -> None:
        """fsync every file written since the last flush, and the folder."""
        with self._lock:
            dirty, self._dirty = self._dirty, set()
        for path in dirty:
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        if dirty:
            self._sync_dir()

    def _flusher(self) -> None:
        while True:
            time.sleep(1.0)
            try:
                self.flush()
            except OSError as e:
                log.error("could not fsync the state folder", extra={"error": repr(e)})

    def delete(self, session_id: str) -> None:
        try:
            self.path(session_id).unlink()
        except FileNotFoundError:
            return
        self._sync_dir()

    def read(self, session_id: str) -> bytes:
        return self.path(session_id).read_bytes()

    def quarantine(self, session_id: str, reason: str) -> Path:
        """Move a file that cannot be restored out of the way, keeping it for a person to look at."""
        folder = self.root / "quarantine"
        folder.mkdir(exist_ok=True)
        target = folder / f"{session_id}.{int(time.time())}.safetensors"
        os.replace(self.path(session_id), target)
        self._sync_dir()
        log.error("quarantined a session file", extra={"session": session_id, "path": str(target), "error": reason})
        return target

    def load_all(self, prefix: str = "") -> list[tuple[str, bytes]]:
        for stale in self.dir.glob(f".{prefix}*.tmp"):
            stale.unlink(missing_ok=True)
        return [(p.stem, p.read_bytes()) for p in sorted(self.dir.glob(f"{prefix}*.safetensors"))]

    def _sync_dir(self) -> None:
        fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
