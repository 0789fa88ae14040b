"""Request bodies. Tensor values stay plain JSON here: the engine's codec decodes them."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

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


# Each route that takes a graph shows one call in both forms, as OpenAPI's named examples (Swagger UI's
# and ReDoc's example picker): the expression, and the JSON graph it means (docs/api.md: the format).
# In a session they use the leaf x of the seed example, so that they run after PUT's own example.
SEED_GRAPH: dict[str, Any] = {"nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}], "outputs": ["y"]}
SQUARES_GRAPH: dict[str, Any] = {
    "nodes": [{"id": "x2", "op": "mul", "inputs": ["x", "x"]}, {"id": "y", "op": "sum", "inputs": ["x2"]}],
    "outputs": ["y"],
}
SIN_GRAPH: dict[str, Any] = {
    "nodes": [{"id": "s", "op": "sin", "inputs": ["x"]}, {"id": "h", "op": "mul", "inputs": ["s", "x"]}],
    "outputs": ["h"],
}
CUBES_GRAPH: dict[str, Any] = {
    "nodes": [
        {"id": "three", "op": "const", "attrs": {"value": 3.0}},
        {"id": "c", "op": "pow", "inputs": ["x", "three"]},
        {"id": "y", "op": "sum", "inputs": ["c"]},
    ],
    "outputs": ["y"],
}
SEED_X = "Needs the seed example's leaf `x`: `PUT …/variables/x` with that route's example first."
X = {"x": {"data": [1.0, 2.0, 3.0]}}


def named(what: str, expr: dict[str, Any], graph: dict[str, Any], needs: str | None = None) -> dict[str, Any]:
    """One call as an expression and as a JSON graph: OpenAPI's named examples of a request body."""
    note = {} if needs is None else {"description": needs}
    return {
        "expression": {"summary": f"expression: {what}", **note, "value": expr},
        "JSON graph": {"summary": f"JSON graph: {what}", **note, "value": graph},
    }


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


def _examples_of(examples: dict[str, Any]) -> ConfigDict:
    """The schema's own examples: the named ones' values (one source for both)."""
    return _examples(*(e["value"] for e in examples.values()))


class Body(BaseModel):
    """Strict: ``"true"`` is not a bool and ``"1e-3"`` is not a number; unknown fields are refused.
    ``named_examples``: the body's examples by name, for OpenAPI (service/api/verbs.py puts them there)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    named_examples: ClassVar[dict[str, Any]] = {}


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
    named_examples = named(
        "the seed, y = x.sum(), with backward",
        {"expr": "y = x.sum()", "backward": "y"},
        {"graph": SEED_GRAPH, "backward": "y"},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
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
    named_examples = named(
        "y = (x * x).sum(), x given",
        {"expr": "y = (x * x).sum()", "inputs": {"x": {"data": [1, 2, 3], "requires_grad": True}}, "backward": "y"},
        {"graph": SQUARES_GRAPH, "inputs": {"x": {"data": [1, 2, 3], "requires_grad": True}}, "backward": "y"},
    )
    model_config = _examples_of(named_examples)
    backward: str | None = None
    grad_mode: GradMode = Field("grad", description="'no_grad': values with no graph (requires_grad false)")


# --- functional derivatives, optimizer steps and debugging aids --------------------------------


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
TANGENT = [[1.0, 0.0], [0.0, 0.0]]  # x's shape in the seed example


class Jacobian(SessionFunction):
    named_examples = named(
        "h = sin(x) * x",
        {"expr": "h = sin(x) * x", "output": "h", "wrt": ["x"]},
        {"graph": SIN_GRAPH, "output": "h", "wrt": ["x"]},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
    wrt: list[str] = Field(min_length=1, description=WRT)
    mode: Literal["rev", "fwd"] = Field("rev", description="'rev': torch.func.jacrev, 'fwd': torch.func.jacfwd")


class Hessian(SessionFunction):
    named_examples = named(
        "y = (x ** 3).sum()",
        {"expr": "y = (x ** 3).sum()", "output": "y", "wrt": ["x"]},
        {"graph": CUBES_GRAPH, "output": "y", "wrt": ["x"]},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
    wrt: list[str] = Field(min_length=1, description=WRT)


class Vjp(SessionFunction):
    named_examples = named(
        "h = sin(x) * x",
        {"expr": "h = sin(x) * x", "output": "h", "wrt": ["x"], "cotangent": TANGENT},
        {"graph": SIN_GRAPH, "output": "h", "wrt": ["x"], "cotangent": TANGENT},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
    wrt: list[str] = Field(min_length=1, description=WRT)
    cotangent: TensorValue = Field(description="a tensor of the output's shape")


class Jvp(SessionFunction):
    named_examples = named(
        "h = sin(x) * x",
        {"expr": "h = sin(x) * x", "output": "h", "tangents": {"x": TANGENT}},
        {"graph": SIN_GRAPH, "output": "h", "tangents": {"x": TANGENT}},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
    tangents: dict[str, TensorValue] = Field(min_length=1, description="{leaf: tensor of the leaf's shape}")


class ValueAndGrad(SessionFunction):
    named_examples = named(
        "y = (x * x).sum()",
        {"expr": "y = (x * x).sum()", "output": "y", "wrt": ["x"]},
        {"graph": SQUARES_GRAPH, "output": "y", "wrt": ["x"]},
        SEED_X,
    )
    model_config = _examples_of(named_examples)
    wrt: list[str] = Field(min_length=1, description=WRT)


class StatelessJacobian(Stateless, Jacobian):
    named_examples = named(
        "h = sin(x) * x, x given",
        {"expr": "h = sin(x) * x", "inputs": X, "output": "h", "wrt": ["x"]},
        {"graph": SIN_GRAPH, "inputs": X, "output": "h", "wrt": ["x"]},
    )
    model_config = _examples_of(named_examples)


class StatelessHessian(Stateless, Hessian):
    named_examples = named(
        "y = (x ** 3).sum(), x given",
        {"expr": "y = (x ** 3).sum()", "inputs": X, "output": "y", "wrt": ["x"]},
        {"graph": CUBES_GRAPH, "inputs": X, "output": "y", "wrt": ["x"]},
    )
    model_config = _examples_of(named_examples)


class StatelessVjp(Stateless, Vjp):
    named_examples = named(
        "h = sin(x) * x, x given",
        {"expr": "h = sin(x) * x", "inputs": X, "output": "h", "wrt": ["x"], "cotangent": [1, 0, 0]},
        {"graph": SIN_GRAPH, "inputs": X, "output": "h", "wrt": ["x"], "cotangent": [1, 0, 0]},
    )
    model_config = _examples_of(named_examples)


class StatelessJvp(Stateless, Jvp):
    named_examples = named(
        "h = sin(x) * x, x given",
        {"expr": "h = sin(x) * x", "inputs": X, "output": "h", "tangents": {"x": [1, 0, 0]}},
        {"graph": SIN_GRAPH, "inputs": X, "output": "h", "tangents": {"x": [1, 0, 0]}},
    )
    model_config = _examples_of(named_examples)


class StatelessValueAndGrad(Stateless, ValueAndGrad):
    named_examples = named(
        "y = (x * x).sum(), x given",
        {"expr": "y = (x * x).sum()", "inputs": X, "output": "y", "wrt": ["x"]},
        {"graph": SQUARES_GRAPH, "inputs": X, "output": "y", "wrt": ["x"]},
    )
    model_config = _examples_of(named_examples)


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
