"""Idempotency records: who used which key for what, and the answers kept, per caller.

The policy is written in service/middleware/idempotency.py. Here: ``Records`` holds, per caller, an ordered
map of key to ``Record`` (fingerprint, time, answer or why there is none), bounded in bytes and
keys, and with a folder one append-only log per caller (JSON lines, a torn last line skipped),
rewritten once it grows past twice what it holds. ``durability`` as the state folder's: ``always``
fsyncs each line before the answer, ``os`` leaves it to a flusher thread about once a second (never the
event loop), ``off`` never fsyncs.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("autograd.idempotency")

SESSION_CALLER = "session-"
VIEWER = "+"  # between a session caller's session id and its viewer's id: a viewer token's keys are its own


@dataclass
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers)


@dataclass
class Record:
    fingerprint: str
    at: float = field(default_factory=time.time)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    answer: Answer | None = None
    gone: str = ""  # why a finished record holds no answer


@dataclass
class Claim:
    """The running call that owns a key; ``applied`` once its change is durable."""

    caller: str
    key: str
    record: Record
    applied: bool = False

    def marker(self) -> dict[str, Any]:
        return {"caller": self.caller, "key": self.key, "fp": self.record.fingerprint, "at": self.record.at}


class Refused(Exception):
    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


class Replay(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__("replay")
        self.answer = answer


@dataclass
class Caller:
    records: OrderedDict[str, Record] = field(default_factory=OrderedDict)
    bytes: int = 0
    log_bytes: int = 0


class Records:
    """Every caller's records, in memory and (with a folder) in one log per caller."""

    def __init__(
        self, ttl: float, caller_bytes: int, caller_keys: int, folder: Path | None = None, durability: str = "always"
    ) -> None:
        self.ttl, self.max_bytes, self.max_keys = ttl, caller_bytes, caller_keys
        self.folder = folder
        self.durability = durability
        self.callers: dict[str, Caller] = {}
        self._dirty: set[Path] = set()
        self._lock = threading.Lock()
        self._flusher: threading.Thread | None = None
        self._closed = threading.Event()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    async def claim(self, caller: str, key: str, fingerprint: str) -> Claim:
        """Own ``key`` for a new call, or raise ``Replay`` / ``Refused`` for one seen before."""
        while True:
            c = self.callers.setdefault(caller, Caller())
            self._expire(c)
            record = c.records.get(key)
            if record is None:
                break
            if record.fingerprint != fingerprint:
                detail = "this Idempotency-Key was used with a different request; use a new key for a new request"
                raise Refused(422, "Idempotency key reused", detail)
            if not record.done.is_set():
                await record.done.wait()
                continue
            if record.answer is not None:
                raise Replay(record.answer)
            detail = (
                f"the call with this Idempotency-Key was applied once, but its answer is no longer kept "
                f"({record.gone}); it will not be applied again: read the current state instead"
            )
            raise Refused(409, "Idempotent answer gone", detail)
        if len(c.records) >= self.max_keys:
            raise Refused(
                429,
                "Too many idempotency keys",
                f"this caller used {len(c.records)} Idempotency-Keys within {self.ttl:g} s, its limit "
                "(idempotency_caller_keys); nothing was applied: retry later or without a key",
            )
        record = Record(fingerprint)
        c.records[key] = record
        return Claim(caller, key, record)

    async def finish(self, claim: Claim, answer: Answer | None, gone: str = "") -> None:
        """Keep a finished call's answer (``None``: not replayable, for the reason ``gone``)."""
        record, c = claim.record, self.callers.setdefault(claim.caller, Caller())
        if answer is not None and (answer.status >= 500 or answer.status == 429):
            if not claim.applied:  # nothing changed: a retry may run again
                self._drop(claim)
                return
            gone = f"it was answered {answer.status}"
            answer = None
        if answer is not None and answer.size() > self.max_bytes:
            gone = f"its {answer.size()} bytes are over the {self.max_bytes} kept per caller"
            answer = None
        record.answer, record.gone = answer, gone
        c.bytes += 0 if answer is None else answer.size()
        changed = [(claim.key, record), *self._evict(c)]
        try:
            await asyncio.to_thread(self._append, claim.caller, changed)
        except OSError as e:  # the change itself is durable with its marker; only the replay is at stake
            log.error("could not write an idempotency record", extra={"error": str(e)})
        record.done.set()

    def abandon(self, claim: Claim, *, cancelled: bool = False) -> None:
        """A call that ended without a complete answer: an error, or ``cancelled`` (its work may still run).

        Only a call known not to have applied anything is forgotten (a retry runs it again); a
        cancelled one may yet apply its change on a worker thread, so its key stays spent.
        """
        if claim.record.done.is_set():
            return
        if not claim.applied and not cancelled:
            self._drop(claim)
            return
        claim.record.gone = (
            "its answer was never completed" if claim.applied else "the call was cancelled and may have been applied"
        )
        claim.record.done.set()
        try:
            self._append(claim.caller, [(claim.key, claim.record)])
        except OSError as e:
            log.error("could not write an idempotency record", extra={"error": str(e)})

    def _drop(self, claim: Claim) -> None:
        c = self.callers.get(claim.caller)
        if c is not None and c.records.get(claim.key) is claim.record:
            del c.records[claim.key]
        claim.record.done.set()

    def _expire(self, c: Caller) -> None:
        cutoff = time.time() - self.ttl
        while c.records:
            key, oldest = next(iter(c.records.items()))
            if oldest.at >= cutoff or not oldest.done.is_set():
                break
            del c.records[key]
            c.bytes -= 0 if oldest.answer is None else oldest.answer.size()

    def _evict(self, c: Caller) -> list[tuple[str, Record]]:
        """Drop the oldest answers past the caller's budget; their fingerprints stay."""
        evicted = []
        for key, record in c.records.items():
            if c.bytes <= self.max_bytes:
                break
            if record.answer is not None:
                c.bytes -= record.answer.size()
                record.answer, record.gone = None, "dropped to stay within the caller's idempotency_caller_bytes"
                evicted.append((key, record))
        return evicted

    # --- durability -------------------------------------------------------------------------

    def load(self, markers: list[dict[str, Any]]) -> None:
        """Read every caller's log, then the markers of applied calls from the session files."""
        if self.folder is not None:
            for path in sorted(self.folder.glob("*.log")):
                c = self.callers.setdefault(path.stem, Caller(log_bytes=path.stat().st_size))
                for line in path.read_bytes().splitlines():
                    parsed = _parse(line)
                    if parsed is not None:
                        old = c.records.pop(parsed[0], None)
                        c.bytes -= 0 if old is None or old.answer is None else old.answer.size()
                        c.records[parsed[0]] = parsed[1]
                        c.bytes += 0 if parsed[1].answer is None else parsed[1].answer.size()
        for m in markers:
            c = self.callers.setdefault(m["caller"], Caller())
            if m["key"] not in c.records:
                record = Record(m["fp"], m["at"], gone="the server stopped before its answer was recorded")
                record.done.set()
                c.records[m["key"]] = record
        for c in self.callers.values():
            c.records = OrderedDict(sorted(c.records.items(), key=lambda kv: kv[1].at))
            self._expire(c)

    def sweep(self, live_sessions: set[str]) -> None:
        """Forget expired records, and the callers of sessions that are gone (their logs too)."""
        for name in list(self.callers):
            c = self.callers[name]
            self._expire(c)
            session = name.removeprefix(SESSION_CALLER).partition(VIEWER)[0]
            gone = name.startswith(SESSION_CALLER) and session not in live_sessions
            if gone or not c.records:
                del self.callers[name]
                if self.folder is not None and (gone or c.log_bytes):
                    (self.folder / f"{name}.log").unlink(missing_ok=True)

    def _append(self, caller: str, changed: list[tuple[str, Record]]) -> None:
        if self.folder is None:
            return
        c = self.callers.setdefault(caller, Caller())
        path = self.folder / f"{caller}.log"
        if c.log_bytes > 2 * (c.bytes + 256 * len(c.records)) + (1 << 20):  # ~256 bytes a line besides its body
            self._rewrite(path, c)
            return
        lines = b"".join(_line(key, r) for key, r in changed)
        with open(path, "ab") as f:
            f.write(lines)
            f.flush()
            if self.durability == "always":
                os.fsync(f.fileno())
        c.log_bytes += len(lines)
        if self.durability == "os":
            self._later(path)

    def _later(self, path: Path) -> None:
        """Have the flusher fsync ``path`` within about a second (started with the first such write)."""
        with self._lock:
            self._dirty.add(path)
            if self._flusher is None:
                self._flusher = threading.Thread(target=self._flush_every_second, name="ags-records-fsync", daemon=True)
                self._flusher.start()

    def _flush_every_second(self) -> None:
        while not self._closed.wait(1.0):
            self.flush()

    def flush(self) -> None:
        with self._lock:
            dirty, self._dirty = self._dirty, set()
        for path in dirty:
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            except OSError as e:
                log.error("could not fsync an idempotency log", extra={"error": repr(e)})
            finally:
                os.close(fd)

    def close(self) -> None:
        """Stop the flusher and fsync what it had left."""
        self._closed.set()
        if self._flusher is not None:
            self._flusher.join()
        self._flusher, self._closed = None, threading.Event()
        self.flush()

    def _rewrite(self, path: Path, c: Caller) -> None:
        data = b"".join(_line(key, r) for key, r in c.records.items() if r.done.is_set())
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        c.log_bytes = len(data)


def _line(key: str, r: Record) -> bytes:
    entry: dict[str, Any] = {"k": key, "fp": r.fingerprint, "at": r.at}
    if r.answer is None:
        entry["gone"] = r.gone
    else:
        entry["s"] = r.answer.status
        entry["h"] = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in r.answer.headers]
        entry["b"] = base64.b64encode(r.answer.body).decode("ascii")
    return json.dumps(entry, separators=(",", ":")).encode() + b"\n"


def _parse(line: bytes) -> tuple[str, Record] | None:
    """A log line; a torn last line (a crash mid-write) is skipped."""
    try:
        e = json.loads(line)
        record = Record(str(e["fp"]), float(e["at"]))
        if "gone" in e:
            record.gone = str(e["gone"])
        else:
            headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in e["h"]]
            record.answer = Answer(int(e["s"]), headers, base64.b64decode(e["b"]))
        record.done.set()
        return str(e["k"]), record
    except (ValueError, KeyError, TypeError):
        return None
