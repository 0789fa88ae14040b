"""The autograd engine: torch tensors, the graph IR, the op table and sessions. No HTTP here.

The front door: a ``Session`` is a store, and every verb is a function over one, re-exported here,
so that a caller imports ``engine`` and nothing deeper.
"""

from engine import budget, cache, errors, snapshot
from engine.anomaly import check_values
from engine.autograd import backward, grad, zero_grad
from engine.compute import compute, prepare
from engine.devices import available_devices, resolve_device
from engine.errors import DeviceUnavailable, EngineError, InvalidRequest, InvalidTensor, LimitExceeded, UnknownVariable
from engine.evaluation import evaluate
from engine.expr import parse_expression
from engine.functional import gradcheck, hessian, jacobian, jvp, value_and_grad, vjp
from engine.graph import Graph, JsonGraph, graph_from_json
from engine.introspect import graph_json, to_dot
from engine.leaves import INITS, InitName, delete, get, list_variables, put, put_tensor
from engine.ops import OPERATORS, OPS
from engine.optim import OPTIMIZERS, step
from engine.session import Broken, Limits, Session, Variable
from engine.tensors import (
    DTYPES,
    DTypeName,
    FloatDTypeName,
    b64_bytes,
    check_shape,
    decode,
    dtype_name,
    dtype_of,
    encode,
)
from engine.train import Progress, Trained, train

__all__ = [
    "DTYPES",
    "INITS",
    "OPERATORS",
    "OPS",
    "OPTIMIZERS",
    "Broken",
    "DTypeName",
    "DeviceUnavailable",
    "EngineError",
    "FloatDTypeName",
    "Graph",
    "InitName",
    "InvalidRequest",
    "InvalidTensor",
    "JsonGraph",
    "LimitExceeded",
    "Limits",
    "Progress",
    "Session",
    "Trained",
    "UnknownVariable",
    "Variable",
    "available_devices",
    "b64_bytes",
    "backward",
    "budget",
    "cache",
    "check_shape",
    "check_values",
    "compute",
    "decode",
    "delete",
    "dtype_name",
    "dtype_of",
    "encode",
    "errors",
    "evaluate",
    "get",
    "grad",
    "gradcheck",
    "graph_from_json",
    "graph_json",
    "hessian",
    "jacobian",
    "jvp",
    "list_variables",
    "parse_expression",
    "prepare",
    "put",
    "put_tensor",
    "resolve_device",
    "snapshot",
    "step",
    "to_dot",
    "train",
    "value_and_grad",
    "vjp",
    "zero_grad",
]
