"""Devices by name: the ones this machine has, and what a client's device name resolves to."""

from __future__ import annotations

import re

import torch

from engine.errors import DeviceUnavailable, InvalidRequest

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
