"""What this process may use of the machine: CPUs and memory, as a container or a scheduler limits them.

``os.cpu_count()`` and the physical memory are the machine's, not the process's. Under a CPU quota
(cgroup ``cpu.max``, or v1's ``cpu.cfs_quota_us``), a CPU affinity mask (``taskset``, a batch
scheduler) or a memory limit (``memory.max``, v1's ``memory.limit_in_bytes``), defaults taken from
the machine start too many hosts and cap each above the memory it can have, so the kernel's OOM
killer strikes before any 413. The settings' defaults (service/core/config.py) come from here. A
limit set on a cgroup binds its children too, so every folder from the process's own up is read.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")


def cpus(root: Path = CGROUP, table: str | None = None) -> int:
    """The CPUs this process may run on: its affinity, within its cgroups' quotas; at least 1."""
    try:
        allowed = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        allowed = os.cpu_count() or 1
    for folder in _folders(_unified(root), "", table):
        allowed = min(allowed, _quota(_read(folder / "cpu.max")))
    for folder in _folders(root / "cpu", "cpu", table):
        quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
        allowed = min(allowed, _quota(f"{quota} {period}" if quota and quota != "-1" else "max"))
    return max(1, allowed)


def memory(root: Path = CGROUP, table: str | None = None) -> int:
    """Bytes of memory this process may use: the machine's, within its cgroups' limits."""
    total: int = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    for folder in _folders(_unified(root), "", table):
        total = min(total, _bytes(_read(folder / "memory.max")))
    for folder in _folders(root / "memory", "memory", table):
        total = min(total, _bytes(_read(folder / "memory.limit_in_bytes")))
    return total


RESERVED = 1 << 30  # what the server, the host launcher and the page cache keep of the memory


def per_host(hosts: int) -> int:
    """Each of ``hosts`` host processes' share of this process's memory, past what they start with."""
    return max(256 << 20, (memory() - RESERVED) // max(1, hosts))


def _quota(text: str) -> int:
    """CPUs a ``cpu.max`` line allows ("quota period", rounded up); "max" or nothing: no limit."""
    parts = text.split()
    if not parts or parts[0] == "max":
        return 1 << 30
    return max(1, math.ceil(int(parts[0]) / (int(parts[1]) if len(parts) > 1 else 100_000)))


def _bytes(text: str) -> int:
    return 1 << 62 if not text or text == "max" else int(text)


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def _unified(root: Path) -> Path:
    """Where the v2 hierarchy is: the root itself, or ``unified`` beside v1's controllers (hybrid)."""
    return root if (root / "cgroup.controllers").exists() else root / "unified"


def _folders(base: Path, controller: str, table: str | None) -> list[Path]:
    """The process's folder for ``controller`` ("" for v2) under ``base``, and every folder above it."""
    if table is None:
        try:
            table = Path("/proc/self/cgroup").read_text()
        except OSError:
            return []
    own = None
    for line in table.splitlines():
        _, names, path = line.split(":", 2)
        if (controller == "" and names == "") or (controller and controller in names.split(",")):
            own = path
    if own is None or not base.is_dir():
        return []
    folder, found = base / own.lstrip("/"), []
    while True:
        if folder.is_dir():
            found.append(folder)
        if folder == base or base not in folder.parents:
            return found
        folder = folder.parent
