"""The engine's exceptions, one small tree.

    EngineError                  base; ``detail`` is the client-facing message
    ├── InvalidRequest           a malformed value in a call (bad name, bad option)
    │   ├── InvalidTensor        a tensor value that cannot be decoded (dtype, shape, data)
    │   ├── InvalidGraph         structure: ids, references, cycles, unknown op, arity, attributes
    │   │   └── ExpressionError  the expression language; carries line and column
    │   └── ComputeError         torch refused while running (shapes, dtypes, autograd)
    │       └── AnomalyDetected  anomaly mode found a NaN or Inf; names the node that made it
    ├── UnknownVariable          a name the session does not hold
    ├── DeviceUnavailable        a device this machine does not have
    ├── LimitExceeded            a size or count over a configured limit
    ├── TimeLimitExceeded        a call that ran over its time budget (engine/budget.py)
    └── Cancelled                a call whose client went away, stopped before changing anything

Every message names what it is about (the node and op, the variable, the limit), because
the service passes it straight to the client.
"""

from __future__ import annotations


class EngineError(Exception):
    """Base of every error the engine raises on purpose."""

    def __init__(self, detail: str, *, errors: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class InvalidRequest(EngineError):
    """A value in the call is wrong in itself."""


class InvalidTensor(InvalidRequest):
    """A tensor in JSON could not be decoded."""


class InvalidGraph(InvalidRequest):
    """The graph is malformed; the message names the node."""


class ExpressionError(InvalidGraph):
    """The expression text is not in the language; the message names line and column."""

    def __init__(self, detail: str, line: int, column: int) -> None:
        super().__init__(
            f"line {line}, column {column}: {detail}",
            errors=[{"line": line, "column": column, "msg": detail}],
        )
        self.line = line
        self.column = column


class ComputeError(InvalidRequest):
    """Torch raised while running a node or differentiating; carries torch's reason."""


class AnomalyDetected(ComputeError):
    """Anomaly mode found a non-finite value; the message names the node (or backward function)."""


class UnknownVariable(EngineError):
    """The session has no variable of that name."""


class DeviceUnavailable(EngineError):
    """The requested device does not exist on this machine."""


class LimitExceeded(EngineError):
    """A configured limit would be broken; the message names it."""


class TimeLimitExceeded(EngineError):
    """The call ran over its time budget and was stopped before changing anything."""


class Cancelled(EngineError):
    """The client disconnected; the call stopped at the next check and changed nothing."""
