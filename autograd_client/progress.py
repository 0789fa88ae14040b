"""Progress of a training loop that runs on the server, shown as its events stream in.

A tqdm bar when tqdm is installed (``pip install 'autograd-client[progress]'``), else a plain
text line about once a second and at the end, which reads well in logs too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO


@dataclass(frozen=True)
class TrainProgress:
    """One logged step of ``train``: its number (from 1), its loss, seconds since the loop began."""

    step: int
    loss: float
    elapsed_s: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TrainProgress:
        return cls(int(data["step"]), float(data["loss"]), float(data["elapsed_s"]))


class TextBar:
    """``step 40/100  loss 0.0123  1.2 s`` lines, at most one every ``every_s`` seconds, and the last."""

    def __init__(self, total: int, out: TextIO | None = None, every_s: float = 1.0) -> None:
        self.total = total
        self.out = out or sys.stderr
        self.every_s = every_s
        self.last: TrainProgress | None = None
        self.shown: TrainProgress | None = None
        self.shown_at = 0.0

    def __call__(self, p: TrainProgress) -> None:
        self.last = p
        now = time.monotonic()
        if p.step == self.total or now - self.shown_at >= self.every_s:
            self._show(p)
            self.shown_at = now

    def _show(self, p: TrainProgress) -> None:
        print(f"step {p.step}/{self.total}  loss {p.loss:.6g}  {p.elapsed_s:.1f} s", file=self.out, flush=True)
        self.shown = p

    def close(self) -> None:
        if self.last is not None and self.shown is not self.last:
            self._show(self.last)


class TqdmBar:
    def __init__(self, total: int, tqdm: Any) -> None:
        self.bar = tqdm(total=total, unit="step", desc="train")
        self.step = 0

    def __call__(self, p: TrainProgress) -> None:
        self.bar.set_postfix(loss=f"{p.loss:.6g}", refresh=False)
        self.bar.update(p.step - self.step)
        self.step = p.step

    def close(self) -> None:
        self.bar.close()


def bar(total: int, style: bool | str) -> TextBar | TqdmBar:
    """``style``: True for tqdm when installed (else text), ``"text"`` for text lines always."""
    if style is True:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return TextBar(total)
        return TqdmBar(total, tqdm)
    if style == "text":
        return TextBar(total)
    raise ValueError(f"progress must be True, False or 'text', not {style!r}")


def listener(
    total: int, style: bool | str, callback: Callable[[TrainProgress], None] | None
) -> tuple[Callable[[str, Any], None] | None, Callable[[], None]]:
    """The stream's event handler (None when nobody listens) and what to call when the stream ends."""
    shown = bar(total, style) if style else None
    if shown is None and callback is None:
        return None, lambda: None

    def on_event(name: str, data: Any) -> None:
        if name != "progress":
            return
        p = TrainProgress.from_json(data)
        if shown is not None:
            shown(p)
        if callback is not None:
            callback(p)

    return on_event, (shown.close if shown is not None else lambda: None)
