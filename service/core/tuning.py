"""Process-wide settings of torch, for the server and for every host process."""

from __future__ import annotations

import contextlib

import torch

from engine import cache
from service.core.config import Settings


def tune(settings: Settings) -> None:
    """Process-wide settings: torch's thread pools sized to the machine, the graph cache's bound."""
    threads, interop = settings.torch_threads, settings.torch_interop_threads
    if threads > 0 and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    if interop > 0 and torch.get_num_interop_threads() != interop:
        with contextlib.suppress(RuntimeError):  # set once per process, before any inter-op work
            torch.set_num_interop_threads(interop)
    cache.configure(settings.graph_cache_size)
