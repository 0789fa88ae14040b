"""What the training tests compare with: torch's own loop fitting a line, in float64."""

from __future__ import annotations

import torch

XS = [0.0, 1.0, 2.0, 3.0, 4.0]
TS = [1.0, 3.0, 5.0, 7.0, 9.0]
ADAM = {"type": "adam", "lr": 0.1}
OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}


def torch_line(config: dict, steps: int) -> tuple[list[float], float, float]:
    """The loop people write: zero_grad, forward, backward, step; the loss before each update, then w and b."""
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    x, t = torch.tensor(XS, dtype=torch.float64), torch.tensor(TS, dtype=torch.float64)
    opt = OPTIMIZERS[config["type"]]([b, w], **{k: v for k, v in config.items() if k != "type"})  # leaves by name
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = ((w * x + b - t) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, w.item(), b.item()
