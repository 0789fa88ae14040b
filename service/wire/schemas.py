"""Request bodies. Tensor values stay plain JSON here: the engine's codec decodes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from engine import OPTIMIZERS, DTypeName, FloatDTypeName, InitName, JsonGraph

TENSOR_SCHEMA = {
    "description": "A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), "
    "{dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.",
    "anyOf": [
        {"type": "number"},
        {"type": "boolean"},
        {"type": "string", "enum": ["NaN", "Infinity", "-Infinity"]},
        {"type": "array", "items": {}},
        {
            "type": "object",
            "properties": {
                "dtype": {"type": "string"},
                "shape": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                "data": {"type": "array", "items": {}},
                "b64": {"type": "string"},
            },
            "required": ["shape"],
        },
    ],
}
TensorValue = Annotated[Any, WithJsonSchema(TENSOR_SCHEMA)]
DType = DTypeName
FloatDType = FloatDTypeName
Encoding = Literal["list", "b64"]
GradMode = Literal["grad", "no_grad"]
GradsChoice = Annotated[
    Literal["all", "none"] | list[str],
    Field(
        description="which gradients the answer carries: 'all' reached leaves (the default), 'none', "
        "or a list of leaf names (each must be a leaf with requires_grad); the gradients accumulate all the same"
    ),
]


# JSON-graph forms of the expression examples below, for OpenAPI (docs/api.md describes the format).
SEED_GRAPH: dict[str, Any] = {"nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}], "outputs": ["y"]}
SQUARES_GRAPH: dict[str, Any] = {
    "nodes": [{"id": "x2", "op": "mul", "inputs": ["x", "x"]}, {"id": "y", "op": "sum", "inputs": ["x2"]}],
    "outputs": ["y"],
}
SIN_W_GRAPH: dict[str, Any] = {
    "nodes": [{"id": "s", "op": "sin", "inputs": ["x"]}, {"id": "h", "op": "mul", "inputs": ["s", "w"]}],
    "outputs": ["h"],
}
CUBES_GRAPH: dict[str, Any] = {
    "nodes": [
        {"id": "three", "op": "const", "attrs": {"value": 3.0}},
        {"id": "c", "op": "pow", "inputs": ["x", "three"]},
        {"id": "y", "op": "sum", "inputs": ["c"], "attrs": {"dim": 0}},
    ],
    "outputs": ["y"],
}


class Body(BaseModel):
    """Strict: ``"true"`` is not a bool and ``"1e-3"`` is not a number; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", strict=True)


class CreateSession(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"device": "cpu", "dtype": "float32"}]})
    device: str = Field("auto", description="'auto', 'cpu', 'cuda' or 'cuda:N'", examples=["cpu"])
    dtype: FloatDType = Field("float32", description="dtype for numbers given without one")
    ttl_seconds: int | None = Field(None, description="idle seconds before the session is dropped")


class PutVariable(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"data": [[1, 1], [1, 1]], "requires_grad": True}]},
    )
    data: TensorValue = None
    init: InitName | None = None
    shape: list[int] | None = None
    value: float | None = Field(None, description="the fill value for init 'full'")
    seed: int | None = Field(None, ge=0, lt=2**64, description="random seed for init 'rand' and 'randn'")
    dtype: DType | None = None
    requires_grad: bool = False


class GraphSource(Body):
    expr: str | None = Field(None, description="the expression language: 'a = cos(x); y = sum(a * w)'")
    graph: JsonGraph | None = Field(None, description="{nodes: [{id, op, inputs, attrs}], outputs: [ids]}")

    @model_validator(mode="after")
    def _one_source(self) -> GraphSource:
        if (self.expr is None) == (self.graph is None):
            raise ValueError("give exactly one of 'expr' or 'graph'")
        return self


class Compute(GraphSource):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"expr": "y = x.sum()", "backward": "y"}, {"graph": SEED_GRAPH, "backward": "y"}]
        },
    )
    backward: str | None = Field(None, description="an output to run backward from, in the same call")
    retain_grad: list[str] = Field(
        default_factory=list, description="outputs whose .grad is kept and accumulated by backward, as retain_grad()"
    )
    grad_mode: GradMode = Field("grad", description="'no_grad': values with no graph (requires_grad false)")
    anomaly: bool = Field(False, description="fail (422) naming the node that makes the first NaN or Inf")
    grads: GradsChoice = "all"


class Backward(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"variable": "y"}]})
    variable: str
    gradient: TensorValue = None
    inputs: list[str] | None = None
    anomaly: bool = Field(False, description="fail (422) naming the backward function that returns NaN")
    grads: GradsChoice = "all"


class Grad(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"outputs": ["y"], "inputs": ["x"]}]})
    outputs: list[str]
    inputs: list[str]
    grad_outputs: list[TensorValue] | None = None
    create_graph: bool = False
    allow_unused: bool | None = Field(
        None, description="null for inputs the outputs do not use (default: materialize_grads); else a 422 naming them"
    )
    materialize_grads: bool = Field(False, description="zeros instead of null for unused inputs")


class ZeroGrad(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"variables": ["x"]}]})
    variables: list[str] | None = None
    set_to_none: bool = False


class Input(Body):
    data: TensorValue
    dtype: DType | None = None
    requires_grad: bool = False


class Stateless(GraphSource):
    inputs: dict[str, Input] = Field(default_factory=dict, description="the leaves, by name")
    device: str = "cpu"
    dtype: FloatDType = "float32"


class Evaluate(Stateless):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "expr": "y = (x * x).sum()",
                    "inputs": {"x": {"data": [1, 2, 3], "requires_grad": True}},
                    "backward": "y",
                },
                {"graph": SQUARES_GRAPH, "inputs": {"x": {"data": [1, 2, 3], "requires_grad": True}}, "backward": "y"},
            ]
        },
    )
    backward: str | None = None
    grad_mode: GradMode = Field("grad", description="'no_grad': values with no graph (requires_grad false)")


# --- functional derivatives, optimizer steps and debugging aids --------------------------------


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


class SessionFunction(Body):
    """In a session, ``output`` names a variable, or an output of the body's own expr or graph."""

    expr: str | None = Field(None, description="optional: an expression to differentiate, defining nothing")
    graph: JsonGraph | None = Field(None, description="optional: a JSON graph instead of expr")
    output: str = Field(description="the variable (or graph output) to differentiate")

    @model_validator(mode="after")
    def _at_most_one_source(self) -> SessionFunction:
        if self.expr is not None and self.graph is not None:
            raise ValueError("give at most one of 'expr' or 'graph'")
        return self


WRT = "leaves to differentiate with respect to"
X = {"x": {"data": [1.0, 2.0, 3.0]}}
XW = {"x": {"data": [1.0, 2.0, 3.0]}, "w": {"data": [0.5, -1.0, 2.0]}}


class Jacobian(SessionFunction):
    model_config = _examples(
        {"output": "h", "wrt": ["x", "w"]},
        {"expr": "h = sin(x) * w", "output": "h", "wrt": ["x"], "mode": "fwd"},
        {"graph": SIN_W_GRAPH, "output": "h", "wrt": ["x"]},
    )
    wrt: list[str] = Field(min_length=1, description=WRT)
    mode: Literal["rev", "fwd"] = Field("rev", description="'rev': torch.func.jacrev, 'fwd': torch.func.jacfwd")


class Hessian(SessionFunction):
    model_config = _examples({"output": "y", "wrt": ["x", "w"]}, {"graph": CUBES_GRAPH, "output": "y", "wrt": ["x"]})
    wrt: list[str] = Field(min_length=1, description=WRT)


class Vjp(SessionFunction):
    model_config = _examples(
        {"output": "h", "wrt": ["x"], "cotangent": [1.0, 0.0, 0.0]},
        {"graph": SIN_W_GRAPH, "output": "h", "wrt": ["x"], "cotangent": [1.0, 0.0, 0.0]},
    )
    wrt: list[str] = Field(min_length=1, description=WRT)
    cotangent: TensorValue = Field(description="a tensor of the output's shape")


class Jvp(SessionFunction):
    model_config = _examples(
        {"output": "h", "tangents": {"x": [1.0, 0.0, 0.0]}},
        {"graph": SIN_W_GRAPH, "output": "h", "tangents": {"x": [1.0, 0.0, 0.0]}},
    )
    tangents: dict[str, TensorValue] = Field(min_length=1, description="{leaf: tensor of the leaf's shape}")


class ValueAndGrad(SessionFunction):
    model_config = _examples({"output": "y", "wrt": ["x", "w"]}, {"graph": CUBES_GRAPH, "output": "y", "wrt": ["x"]})
    wrt: list[str] = Field(min_length=1, description=WRT)


class StatelessJacobian(Stateless, Jacobian):
    model_config = _examples(
        {"expr": "h = sin(x) * w", "inputs": XW, "output": "h", "wrt": ["x", "w"]},
        {"graph": SIN_W_GRAPH, "inputs": XW, "output": "h", "wrt": ["x", "w"]},
    )


class StatelessHessian(Stateless, Hessian):
    model_config = _examples(
        {"expr": "y = (x ** 3).sum()", "inputs": X, "output": "y", "wrt": ["x"]},
        {"graph": CUBES_GRAPH, "inputs": X, "output": "y", "wrt": ["x"]},
    )


class StatelessVjp(Stateless, Vjp):
    model_config = _examples(
        {"expr": "h = x * x", "inputs": X, "output": "h", "wrt": ["x"], "cotangent": [1, 1, 1]},
        {"graph": SIN_W_GRAPH, "inputs": XW, "output": "h", "wrt": ["x"], "cotangent": [1, 1, 1]},
    )


class StatelessJvp(Stateless, Jvp):
    model_config = _examples(
        {"expr": "h = x * x", "inputs": X, "output": "h", "tangents": {"x": [1, 0, 0]}},
        {"graph": SIN_W_GRAPH, "inputs": XW, "output": "h", "tangents": {"x": [1, 0, 0]}},
    )


class StatelessValueAndGrad(Stateless, ValueAndGrad):
    model_config = _examples(
        {"expr": "y = (x * x).sum()", "inputs": X, "output": "y", "wrt": ["x"]},
        {"graph": SQUARES_GRAPH, "inputs": X, "output": "y", "wrt": ["x"]},
    )


OPTIMIZER_SCHEMA = {
    "description": "torch.optim's name for the optimizer as 'type', and its keyword arguments (torch's defaults)",
    "oneOf": [spec.model.model_json_schema() for spec in OPTIMIZERS.values()],
}


class Step(Body):
    model_config = _examples(
        {"optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9}, "zero_grad": True},
        {"optimizer": {"type": "adam", "lr": 0.01}, "variables": ["w", "b"]},
    )
    optimizer: Annotated[dict[str, Any], WithJsonSchema(OPTIMIZER_SCHEMA)]
    variables: list[str] | None = Field(None, description="leaves to step; all leaves with requires_grad by default")
    zero_grad: bool = Field(False, description="zero the stepped leaves' gradients after the step")


class Gradcheck(Body):
    model_config = _examples({"output": "y"}, {"output": "y", "wrt": ["x"], "eps": 1e-6, "atol": 1e-5})
    output: str = Field(description="the variable whose gradients are checked")
    wrt: list[str] | None = Field(None, description="leaves to check; those with requires_grad by default")
    eps: float = Field(1e-6, gt=0, description="finite-difference step")
    atol: float = Field(1e-5, ge=0)
    rtol: float = Field(1e-3, ge=0)


MAX_TRAIN_STEPS = 1_000_000


class Train(Body):
    model_config = _examples(
        {"loss": "loss", "optimizer": {"type": "adam", "lr": 0.01}, "steps": 100, "log_every": 10},
        {"loss": "loss", "optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9}, "variables": ["w", "b"]},
    )
    loss: str = Field(description="the computed variable to minimise, a scalar")
    optimizer: Annotated[dict[str, Any], WithJsonSchema(OPTIMIZER_SCHEMA)]
    steps: int = Field(1, ge=1, le=MAX_TRAIN_STEPS, description="optimizer steps in this call")
    variables: list[str] | None = Field(None, description="leaves to step; all leaves with requires_grad by default")
    zero_grad: bool = Field(
        True, description="drop the stepped leaves' grads before each backward, as optimizer.zero_grad() does"
    )
    log_every: int = Field(1, ge=1, description="answer (or stream) the loss every this many steps, and the last")
