"""Python client for autograd-service: PyTorch's autograd, run on the server, driven from here.

    from autograd_client import Client
    with Client("http://localhost:8000").session() as s:
        x = s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
        y = x.sum()              # computed on the server
        y.backward(); y.backward()
        x.grad                   # [[2.0, 2.0], [2.0, 2.0]]
        s.zero_grad()

Needs httpx only: no torch, and numpy only if you ask for numpy arrays.
"""

from autograd_client.client import AsyncClient, Client
from autograd_client.errors import (
    AuthError,
    AutogradError,
    ConnectionFailed,
    DeviceUnavailable,
    InvalidRequest,
    NotFound,
    PayloadTooLarge,
    ServerError,
    TooManySessions,
)
from autograd_client.progress import TrainProgress
from autograd_client.protocol import Evaluation
from autograd_client.retry import NO_RETRY, Retry
from autograd_client.session import AsyncSession, Session
from autograd_client.variable import AsyncVariable, Variable

__all__ = [
    "NO_RETRY",
    "AsyncClient",
    "AsyncSession",
    "AsyncVariable",
    "AuthError",
    "AutogradError",
    "Client",
    "ConnectionFailed",
    "DeviceUnavailable",
    "Evaluation",
    "InvalidRequest",
    "NotFound",
    "PayloadTooLarge",
    "Retry",
    "ServerError",
    "Session",
    "TooManySessions",
    "TrainProgress",
    "Variable",
]
