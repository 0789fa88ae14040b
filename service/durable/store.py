"""The state folder: for each session a base file and a log of what each change wrote since.

``sessions/<id>.safetensors`` is the whole session (service/durable/state.py); ``sessions/<id>.log``
holds one record per change after it: an 8-byte length, then a safetensors blob of only the
tensors that call changed, with the session's JSON (and the names of tensors it dropped) in its
header. A call that runs backward on an MLP writes its gradients, not its data and weights
again. A tensor counts as unchanged when the session still holds the very storage written last
time at the same version (torch bumps a tensor's version on every in-place change; optimizer
steps are marked by the engine, ``Session.stepped``, as a fused kernel may not bump it); the
store keeps those tensors referenced, so no new tensor can take an old one's place unnoticed.

When the log has grown to ``LOG_RATIO`` times the base, the next write is a new base (written to a
temporary file, renamed over the old one) and the log starts again; a clean shutdown compacts
every session too. Reading merges base and log; a torn last record (a crash mid-append) is
skipped, as it was never acknowledged. ``durability``: ``always`` fsyncs each write before it
returns; ``os`` writes before it returns and fsyncs what changed about once a second on a
background thread (Redis's ``appendfsync everysec``): a host killed at any point loses nothing
written, a machine that loses power loses at most about a second.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import struct
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from service.durable import tensor_file
from service.durable.state import header_of

log = logging.getLogger("autograd.state")
LENGTH = struct.Struct("<Q")
MIN_LOG_BYTES = 1 << 20  # a log this small is never worth a new base
LOG_RATIO = 4  # a new base once the log holds this many times the base's bytes (bench.durable_writes)


@dataclass
class Written:
    """What the files of one session hold: the tensors last written, and the sizes of base and log."""

    tensors: dict[str, torch.Tensor] = field(default_factory=dict)
    base_bytes: int = 0
    log_bytes: int = 0


def _same(a: torch.Tensor, b: torch.Tensor) -> bool:
    return (
        a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
        and a._version == b._version
        and a.shape == b.shape
        and a.stride() == b.stride()
        and a.storage_offset() == b.storage_offset()
        and a.dtype == b.dtype
        and a.device == b.device
    )


def _cpu(tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {k: v.cpu().contiguous() for k, v in tensors.items()}


class StateStore:
    def __init__(self, root: str | os.PathLike[str], durability: str = "always") -> None:
        self.root = Path(root)
        self.dir = self.root / "sessions"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fsync_each = durability == "always"
        self.written: dict[str, Written] = {}
        self._dirty: set[Path] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        if not self.fsync_each:
            threading.Thread(target=self._flusher, name="ags-fsync", daemon=True).start()

    def path(self, session_id: str) -> Path:
        return self.dir / f"{session_id}.safetensors"

    def log_path(self, session_id: str) -> Path:
        return self.dir / f"{session_id}.log"

    # --- writing ----------------------------------------------------------------------------------

    def save(
        self, session_id: str, tensors: dict[str, torch.Tensor], header: dict[str, str], stepped: Collection[str] = ()
    ) -> int:
        """Write the session: a record of what changed, or a new base. Returns the bytes written."""
        known = self.written.pop(session_id, None)  # put back only once the write succeeded
        if known is None or known.log_bytes >= max(LOG_RATIO * known.base_bytes, MIN_LOG_BYTES):
            size = self._replace(self.path(session_id), _cpu(tensors), header)
            self.log_path(session_id).unlink(missing_ok=True)
            self.written[session_id] = Written(dict(tensors), size)
            return size
        changed = {
            k: v
            for k, v in tensors.items()
            if k not in known.tensors
            or (not k.startswith("const/") and not _same(v, known.tensors[k]))  # constants are named by content
            or k.startswith("optim/")
            or (k.startswith("leaf/") and k[5:] in stepped)
        }
        dropped = [k for k in known.tensors if k not in tensors]
        size = self._append(
            self.log_path(session_id), known.log_bytes, _cpu(changed), {**header, "drop": json.dumps(dropped)}
        )
        known.tensors = dict(tensors)
        known.log_bytes += size
        self.written[session_id] = known
        return size

    def _replace(self, path: Path, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> int:
        """A new file in place of ``path``, whole or not at all; returns its size."""
        tmp = self.dir / f".{path.name}.{secrets.token_hex(4)}.tmp"
        head, size = tensor_file.header(tensors, metadata)
        try:
            with open(tmp, "wb") as f:
                tensor_file.write(f, head, tensors)
                if self.fsync_each:
                    f.flush()
                    os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._synced(path, new_name=True)
        return size

    def _append(self, path: Path, size: int, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> int:
        """A record at ``size`` (its length, then a safetensors blob); a failed append is cut off again,
        so no torn record stays. Returns the bytes appended."""
        new = size == 0
        head, length = tensor_file.header(tensors, metadata)
        with open(path, "r+b" if path.exists() else "wb") as f:
            try:
                f.seek(size)
                f.write(LENGTH.pack(length))
                tensor_file.write(f, head, tensors)
                f.truncate()
                if self.fsync_each:
                    f.flush()
                    os.fsync(f.fileno())
            except BaseException:
                f.truncate(size)
                raise
        self._synced(path, new_name=new)
        return LENGTH.size + length

    def _synced(self, path: Path, new_name: bool) -> None:
        if self.fsync_each:
            if new_name:
                self._sync_dir()
        else:
            with self._lock:
                self._dirty.add(path)

    def close(self) -> None:
        """Compact, fsync, and stop the background flusher."""
        self.compact()
        self._closed.set()

    def compact(self) -> None:
        """Every session with a log gets a new base (a clean shutdown leaves one file per session)."""
        for session_id in list(self.written):
            if self.log_path(session_id).exists():
                self._replace(self.path(session_id), *self.merged(session_id))
                self.log_path(session_id).unlink(missing_ok=True)
        self.written.clear()
        self.flush()

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
        while not self._closed.wait(1.0):
            try:
                self.flush()
            except OSError as e:
                log.error("could not fsync the state folder", extra={"error": repr(e)})

    # --- reading and the rest -----------------------------------------------------------------------

    def read(self, session_id: str) -> bytes:
        """The session as one file: its base with every whole record of its log applied."""
        if not self.log_path(session_id).exists():
            return self.path(session_id).read_bytes()
        return st_save(*self.merged(session_id))

    def merged(self, session_id: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
        """The session's tensors and header: its base with every whole record of its log applied."""
        raw = self.path(session_id).read_bytes()
        tensors, header = st_load(raw), header_of(raw)
        try:
            records = self.log_path(session_id).read_bytes()
        except FileNotFoundError:
            return tensors, header
        at = 0
        while at + LENGTH.size <= len(records):
            (n,) = LENGTH.unpack_from(records, at)
            record = records[at + LENGTH.size : at + LENGTH.size + n]
            try:
                if len(record) < n:
                    raise ValueError("cut short")
                changed, meta = st_load(record), header_of(record)
                dropped = json.loads(meta.pop("drop", "[]"))
            except (SafetensorError, ValueError, KeyError) as e:
                log.warning(
                    "skipped a torn record at the end of a session log", extra={"session": session_id, "error": repr(e)}
                )
                break
            for k in dropped:
                tensors.pop(k, None)
            tensors.update(changed)
            header = meta
            at += LENGTH.size + n
        return tensors, header

    def delete(self, session_id: str) -> None:
        self.written.pop(session_id, None)
        self.log_path(session_id).unlink(missing_ok=True)
        try:
            self.path(session_id).unlink()
        except FileNotFoundError:
            return
        self._sync_dir()

    def forget(self, session_id: str) -> None:
        """The next write of this session is a new base (its tensors were read back from the files)."""
        self.written.pop(session_id, None)

    def quarantine(self, session_id: str, reason: str) -> Path:
        """Move a file that cannot be restored out of the way, keeping it for a person to look at."""
        folder = self.root / "quarantine"
        folder.mkdir(exist_ok=True)
        stamp = int(time.time())
        target = folder / f"{session_id}.{stamp}.safetensors"
        os.replace(self.path(session_id), target)
        if self.log_path(session_id).exists():
            os.replace(self.log_path(session_id), folder / f"{session_id}.{stamp}.log")
        self.written.pop(session_id, None)
        self._sync_dir()
        log.error("quarantined a session file", extra={"session": session_id, "path": str(target), "error": reason})
        return target

    def load_all(self, prefix: str = "") -> list[tuple[str, bytes]]:
        """Every session whose id starts with ``prefix``, merged (stale temporary files are removed)."""
        for stale in self.dir.glob(f".{prefix}*.tmp"):
            stale.unlink(missing_ok=True)
        found = []
        for p in sorted(self.dir.glob(f"{prefix}*.safetensors")):
            try:
                found.append((p.stem, self.read(p.stem)))
            except (OSError, SafetensorError, ValueError) as e:
                found.append((p.stem, f"unreadable: {e!r}".encode()))
        return found

    def _sync_dir(self) -> None:
        fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
