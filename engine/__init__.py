"""The autograd engine: torch tensors, the graph IR, the op table and sessions. No HTTP here."""

from engine.devices import Workers, available_devices, resolve_device
from engine.errors import EngineError
from engine.expr import parse_expression
from engine.graph import Graph, graph_from_json
from engine.ops import OPERATORS, OPS
from engine.session import Broken, Limits, Session, Variable

__all__ = [
    "OPERATORS",
    "OPS",
    "Broken",
    "EngineError",
    "Graph",
    "Limits",
    "Session",
    "Variable",
    "Workers",
    "available_devices",
    "graph_from_json",
    "parse_expression",
    "resolve_device",
]
