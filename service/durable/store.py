"""The state folder: for each session a base file and a log of what each change wrote since.

    sessions/<id>.safetensors   the whole session as of its base (service/durable/state.py); its
                                metadata names the base (``base``, a random id)
    sessions/<id>.log           one record per change since: ``AGS2``, the blob's length, the blob
                                (a safetensors file of only the tensors that change wrote, its
                                metadata the session's JSON, the tensors dropped and the base it
                                extends), and the blob's XXH3-64 checksum
    quarantine/<id>.*           files that could not be served, kept for a person, and why (.json)

A call that runs backward on an MLP writes its gradients, not its data and weights again. A tensor
counts as unchanged when the session still holds the very storage written last time at the same
version (torch bumps a tensor's version on every in-place change; optimizer steps are marked by the
engine, ``Session.stepped``, as a fused kernel may not bump it); the store keeps those tensors
referenced, so no new tensor can take an old one's place unnoticed. When the log has grown to
``LOG_RATIO`` times the base, the next write is a new base and the log starts again.

What a crash leaves, case by case:
- mid-append: a torn last record (it reaches past the end, or only zeros follow it). It was never
  acknowledged: skipped when read, cut off by the next append.
- a new base is written to a temporary file, fsynced, renamed over the old one, the folder fsynced,
  and only then the log unlinked. A crash in between leaves a log of the old base: its records name
  that base and are ignored (the new base holds all they wrote).
- a record that fails its checksum or cannot be read and is not the torn tail is corruption:
  ``Corrupt`` is raised, and the host quarantines the session. It is never served short.

``durability``: ``always`` fsyncs each append before it returns; ``os`` writes before it returns
and fsyncs about once a second on a background thread (Redis's ``appendfsync everysec``): a host
killed at any point loses nothing written, a machine that loses power at most about a second. A
new base is fsynced before it replaces the old one in both modes.

``load`` streams: the log's records are checked and their headers read first, then each tensor is
read once, from the last place that wrote it, straight into its memory. A session needs about its
own size to come back, whatever its log holds, and a caller can refuse that size first (``check``).
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import torch

from service.durable import log, tensor_file

logger = logging.getLogger("autograd.state")
MIN_LOG_BYTES = 1 << 20  # a log this small is never worth a new base
MAX_OPEN_LOGS = 256  # log files kept open between appends (the least recently written closed first)
LOG_RATIO = 4  # a new base once the log holds this many times the base's bytes (bench.durable_writes)


@dataclass
class Written:
    """What the files of one session hold: the tensors last written, its base, and the sizes."""

    base: str
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StateStore:
    def __init__(self, root: str | os.PathLike[str], durability: str = "always") -> None:
        self.root = Path(root)
        self.dir = self.root / "sessions"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.fsync_each = durability == "always"
        self.written: dict[str, Written] = {}
        self._logs: OrderedDict[str, int] = OrderedDict()  # open log files, by session: an append is one write
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
        self,
        session_id: str,
        tensors: dict[str, torch.Tensor],
        header: dict[str, str],
        stepped: Collection[str] = (),
        rebase: bool = False,
    ) -> int:
        """Write the session: a record of what changed, or a new base. Returns the bytes written."""
        known = self.written.pop(session_id, None)  # put back only once the write succeeded
        if rebase or known is None or known.log_bytes >= max(LOG_RATIO * known.base_bytes, MIN_LOG_BYTES):
            base = secrets.token_hex(8)
            size = self._replace(self.path(session_id), _cpu(tensors), {**header, "base": base})
            self._unlink_log(session_id)
            self.written[session_id] = Written(base, dict(tensors), size)
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
        meta = {**header, "base": known.base, "drop": orjson.dumps(dropped).decode()}
        size = self._append(session_id, known.log_bytes, _cpu(changed), meta)
        known.tensors = dict(tensors)
        known.log_bytes += size
        self.written[session_id] = known
        return size

    def _replace(self, path: Path, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> int:
        """A new file in place of ``path``, whole or not at all, on disk before it replaces the old
        one (a rename may reach the disk before the data it names); returns its size."""
        tmp = self.dir / f".{path.name}.{secrets.token_hex(4)}.tmp"
        head, size = tensor_file.header(tensors, metadata)
        try:
            with open(tmp, "wb") as f:
                tensor_file.write(f, head, tensors)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync(self.dir)
        return size

    def _append(self, session_id: str, size: int, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> int:
        """A record at ``size`` (service/durable/log.py); returns the bytes appended."""
        fd = self._logs.pop(session_id, None)
        new = fd is None and size == 0
        if fd is None:
            fd = os.open(self.log_path(session_id), os.O_WRONLY | os.O_CREAT, 0o644)
        self._logs[session_id] = fd
        while len(self._logs) > MAX_OPEN_LOGS:
            os.close(self._logs.popitem(last=False)[1])
        written = log.append(fd, size, tensors, metadata, self.fsync_each)
        if self.fsync_each:
            if new:
                _fsync(self.dir)
        else:
            with self._lock:
                self._dirty.add(self.log_path(session_id))
        return written

    def _unlink_log(self, session_id: str) -> None:
        fd = self._logs.pop(session_id, None)
        if fd is not None:
            os.close(fd)
        self.log_path(session_id).unlink(missing_ok=True)

    def close(self) -> None:
        """fsync what is left, close the logs, and stop the background flusher."""
        self.flush()
        while self._logs:
            os.close(self._logs.popitem()[1])
        self._closed.set()

    def flush(self) -> None:
        """fsync every file written since the last flush, and the folder."""
        with self._lock:
            dirty, self._dirty = self._dirty, set()
        for path in dirty:
            try:
                _fsync(path)
            except FileNotFoundError:
                continue
        if dirty:
            _fsync(self.dir)

    def _flusher(self) -> None:
        while not self._closed.wait(1.0):
            try:
                self.flush()
            except OSError as e:
                logger.error("could not fsync the state folder", extra={"error": repr(e)})

    # --- reading ----------------------------------------------------------------------------------

    def sessions(self, prefix: str = "") -> list[str]:
        """The ids of the sessions whose id starts with ``prefix`` (stale temporary files removed)."""
        for stale in self.dir.glob(f".{prefix}*.tmp"):
            stale.unlink(missing_ok=True)
        return sorted(p.stem for p in self.dir.glob(f"{prefix}*.safetensors"))

    def load(
        self, session_id: str, check: Callable[[int], None] | None = None
    ) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
        """The session's tensors and header: its base with every whole record of its log applied.

        ``check(nbytes)`` sees the bytes its tensors will take before any is read, and may refuse.
        Raises ``Corrupt`` for damage that is not a torn last record, and OSError or ValueError for
        a base that cannot be read."""
        base_path = self.path(session_id)
        with open(base_path, "rb") as f:
            header, entries, at = tensor_file.read_header(f, os.fstat(f.fileno()).st_size)
        sources = {name: log.Source(base_path, at, e) for name, e in entries.items()}
        header = log.replay(self.log_path(session_id), header, sources, session_id)
        header.pop("base", None)
        if check is not None:
            check(sum(s.entry.nbytes for s in sources.values()))
        tensors: dict[str, torch.Tensor] = {}
        files: dict[Path, io.BufferedIOBase] = {}
        try:
            for name, s in sources.items():
                if s.path not in files:
                    files[s.path] = open(s.path, "rb")  # noqa: SIM115 (closed below, one per file)
                tensors[name] = tensor_file.read_tensor(files[s.path], s.at, s.entry)
        finally:
            for opened in files.values():
                opened.close()
        return tensors, header

    # --- the rest ---------------------------------------------------------------------------------

    def delete(self, session_id: str) -> None:
        self.written.pop(session_id, None)
        self._unlink_log(session_id)
        try:
            self.path(session_id).unlink()
        except FileNotFoundError:
            return
        _fsync(self.dir)

    def forget(self, session_id: str) -> None:
        """The next write of this session is a new base (its tensors were read back from the files)."""
        self.written.pop(session_id, None)

    def quarantine(self, session_id: str, reason: str, token_hash: str = "") -> Path:
        """Move a session's files out of the way, keeping them and why for a person to look at."""
        folder = self.root / "quarantine"
        folder.mkdir(exist_ok=True)
        fd = self._logs.pop(session_id, None)
        if fd is not None:
            os.close(fd)
        stamp = int(time.time())
        target = folder / f"{session_id}.{stamp}.safetensors"
        for source, name in (
            (self.path(session_id), target.name),
            (self.log_path(session_id), f"{session_id}.{stamp}.log"),
        ):
            if source.exists():
                os.replace(source, folder / name)
        note = {"reason": reason, "token_hash": token_hash, "at": time.time()}
        (folder / f"{session_id}.json").write_text(json.dumps(note))
        self.written.pop(session_id, None)
        _fsync(self.dir)
        _fsync(folder)
        logger.error("quarantined a session", extra={"session": session_id, "path": str(target), "error": reason})
        return target

    def quarantined(self, session_id: str) -> dict[str, str] | None:
        """Why a session was quarantined (``reason``, ``token_hash``), or None if it was not."""
        try:
            note = json.loads((self.root / "quarantine" / f"{session_id}.json").read_text())
        except (OSError, ValueError):
            return None
        return note if isinstance(note, dict) else None
