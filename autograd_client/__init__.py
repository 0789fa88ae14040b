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

__version__ = "0.1.0"  # the distribution's version (autograd_client/pyproject.toml reads it here)

from autograd_client.client import AsyncClient, Client
from autograd_client.errors import (
    AnomalyDetected,
    AuthError,
    AutogradError,
    BadRequest,
    BodyTooLarge,
    CallRefused,
    ClientClosedRequest,
    ComputationFailed,
    ComputeTimeLimitExceeded,
    Conflict,
    ConnectionFailed,
    DeviceUnavailable,
    Forbidden,
    Gone,
    HostUnavailable,
    IdempotencyKeyReused,
    IdempotentAnswerGone,
    InvalidExpression,
    InvalidGraph,
    InvalidRequest,
    InvalidTensor,
    LimitExceeded,
    MalformedJson,
    MethodNotAllowed,
    NestedTooDeeply,
    NotFound,
    PayloadTooLarge,
    ReadOnly,
    ServerError,
    SessionQuarantined,
    StateNotWritten,
    TooManyIdempotencyKeys,
    TooManyRequests,
    TooManySessions,
    TooManyWatchers,
    UnknownSession,
    UnknownVariable,
    UnknownViewer,
)
from autograd_client.progress import TrainProgress
from autograd_client.protocol import Evaluation
from autograd_client.retry import NO_RETRY, Retry
from autograd_client.session import AsyncSession, Session
from autograd_client.variable import AsyncVariable, Variable
from autograd_client.watch import LiveEvent

__all__ = [
    "NO_RETRY",
    "AnomalyDetected",
    "AsyncClient",
    "AsyncSession",
    "AsyncVariable",
    "AuthError",
    "AutogradError",
    "BadRequest",
    "BodyTooLarge",
    "CallRefused",
    "Client",
    "ClientClosedRequest",
    "ComputationFailed",
    "ComputeTimeLimitExceeded",
    "Conflict",
    "ConnectionFailed",
    "DeviceUnavailable",
    "Evaluation",
    "Forbidden",
    "Gone",
    "HostUnavailable",
    "IdempotencyKeyReused",
    "IdempotentAnswerGone",
    "InvalidExpression",
    "InvalidGraph",
    "InvalidRequest",
    "InvalidTensor",
    "LimitExceeded",
    "LiveEvent",
    "MalformedJson",
    "MethodNotAllowed",
    "NestedTooDeeply",
    "NotFound",
    "PayloadTooLarge",
    "ReadOnly",
    "Retry",
    "ServerError",
    "Session",
    "SessionQuarantined",
    "StateNotWritten",
    "TooManyIdempotencyKeys",
    "TooManyRequests",
    "TooManySessions",
    "TooManyWatchers",
    "TrainProgress",
    "UnknownSession",
    "UnknownVariable",
    "UnknownViewer",
    "Variable",
    "__version__",
]
