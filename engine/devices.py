"""Devices and their workers: one worker per device owns that device's work.

A worker is a thread pool: CUDA devices get one thread each (one stream of work per GPU),
the CPU gets as many as configured. Sessions pin to one device; different sessions run in
parallel on the workers, and each session serialises its own calls with its lock.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import torch

from engine.errors import DeviceUnavailable, InvalidRequest

T = TypeVar("T")
_CUDA = re.compile(r"^cuda(?::(\d+))?$")


def available_devices() -> list[str]:
    return ["cpu"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]


def resolve_device(spec: str) -> torch.device:
    """``auto`` picks the first GPU if there is one; ``cuda`` means ``cuda:0``."""
    if spec == "cpu":
        return torch.device("cpu")
    if spec == "auto":
        return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    m = _CUDA.match(spec) if isinstance(spec, str) else None
    if m is None:
        raise InvalidRequest(f"unknown device {spec!r}; expected 'auto', 'cpu', 'cuda' or 'cuda:N'")
    index = int(m.group(1) or 0)
    if index >= torch.cuda.device_count():
        have = ", ".join(available_devices())
        raise DeviceUnavailable(f"device 'cuda:{index}' is not available on this server (available: {have})")
    return torch.device(f"cuda:{index}")


class Workers:
    """One thread pool per device, created on first use."""

    def __init__(self, cpu_threads: int = 2) -> None:
        self.cpu_threads = cpu_threads
        self._pools: dict[str, ThreadPoolExecutor] = {}

    def submit(self, device: torch.device, fn: Callable[[], T]) -> Future[T]:
        key = str(device)
        pool = self._pools.get(key)
        if pool is None:
            threads = self.cpu_threads if device.type == "cpu" else 1
            pool = self._pools.setdefault(key, ThreadPoolExecutor(threads, thread_name_prefix=f"ags-{key}"))
        return pool.submit(contextvars.copy_context().run, fn)  # the caller's context vars go with the work

    def shutdown(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools.clear()
