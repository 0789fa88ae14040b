"""Answer bodies, as models for the OpenAPI document (and so for clients generated from it).

Routes build these answers as plain dicts rendered by orjson, for speed; these models only
describe them. The schemathesis suite checks that real answers match. Each model's example is a
real answer of the seed example (x = [[1, 1], [1, 1]], y = x.sum()), so that Swagger UI and ReDoc
show real shapes rather than samples made up from the schema (``additionalProp1``); a test
checks that each example is valid for its model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.wire.schemas import TensorValue


def example(value: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})


def examples_by_name() -> dict[str, Any]:
    """Each model's example as written, by its schema's name: for the answers' media types in OpenAPI,
    as pydantic sorts the keys of a schema's examples (and Swagger UI drops their nulls)."""
    return {
        name: model.model_config["json_schema_extra"]["examples"][0]  # type: ignore[index]
        for name, model in globals().items()
        if isinstance(model, type) and issubclass(model, BaseModel) and "json_schema_extra" in model.model_config
    }


ONES = [[1.0, 1.0], [1.0, 1.0]]
X_META = {
    "name": "x",
    "shape": [2, 2],
    "dtype": "float32",
    "device": "cpu",
    "requires_grad": True,
    "is_leaf": True,
    "grad_fn": None,
}
Y_META = {**X_META, "name": "y", "shape": [], "is_leaf": False, "grad_fn": "SumBackward0"}
X = {**X_META, "data": ONES, "grad": ONES}
Y = {**Y_META, "data": 4.0, "grad": None}
SESSION_ID = "cpu0.RbFVX98daVzXPWJc"


class VariableMeta(BaseModel):
    """A variable without its data; a computed one that cannot be evaluated now carries ``error``."""

    model_config = example(Y_META)

    name: str
    shape: list[int] | None = None
    dtype: str | None = None
    device: str | None = None
    requires_grad: bool | None = None
    is_leaf: bool
    grad_fn: str | None = Field(None, description="torch's grad_fn class name, e.g. SumBackward0")
    error: str | None = None


class VariableOut(BaseModel):
    model_config = example(X)

    name: str
    shape: list[int]
    dtype: str
    device: str
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    data: TensorValue
    grad: TensorValue | None = Field(description="null until a backward reaches the leaf")


class SessionCreated(BaseModel):
    model_config = example(
        {
            "id": SESSION_ID,
            "token": "kM2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq",
            "device": "cpu",
            "dtype": "float32",
            "expires_at": "2026-12-07T01:10:01.573498Z",
        }
    )

    id: str
    token: str = Field(description="the bearer token for every route under the session; shown once")
    device: str
    dtype: str
    expires_at: str


class SessionInfo(BaseModel):
    model_config = example(
        {
            "id": SESSION_ID,
            "device": "cpu",
            "dtype": "float32",
            "created_at": "2026-12-07T00:10:01.573498Z",
            "expires_at": "2026-12-07T01:10:01.596235Z",
            "bytes": 36,
            "variables": [X_META, Y_META],
        }
    )

    id: str
    device: str
    dtype: str
    created_at: str
    expires_at: str
    bytes: int = Field(description="bytes held by leaves, gradients and optimizer state")
    variables: list[VariableMeta]


class VariableList(BaseModel):
    model_config = example({"variables": [X_META, Y_META]})

    variables: list[VariableMeta]


class ComputeOut(BaseModel):
    model_config = example({"variables": {"y": Y}, "grads": {"x": ONES}})

    variables: dict[str, VariableOut]
    grads: dict[str, TensorValue] | None = Field(None, description="present when 'backward' was given")


class GradsOut(BaseModel):
    model_config = example({"grads": {"x": [[2.0, 2.0], [2.0, 2.0]]}})

    grads: dict[str, TensorValue]


class ZeroGradOut(BaseModel):
    model_config = example({"zeroed": ["x"]})

    zeroed: list[str]


class EvaluateOut(BaseModel):
    model_config = example({"outputs": {"y": {**Y, "data": 14.0}}, "grads": {"x": [2.0, 4.0, 6.0]}})

    outputs: dict[str, VariableOut]
    grads: dict[str, TensorValue]


class StepOut(BaseModel):
    model_config = example(
        {"variables": {"x": {**X, "data": [[0.9, 0.9], [0.9, 0.9]], "grad": [[0.0, 0.0], [0.0, 0.0]]}}}
    )

    variables: dict[str, VariableOut]


SUM_OP = {
    "name": "sum",
    "arity": 1,
    "optional": 0,
    "variadic": None,
    "params": [
        {"name": "#0", "kind": "tensor"},
        {"name": "dim", "kind": "attr"},
        {"name": "keepdim", "kind": "attr"},
        {"name": "dtype", "kind": "kw"},
    ],
    "gather": None,
    "attrs": {
        "title": "sum attributes",
        "type": "object",
        "properties": {
            "dim": {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}}, {"type": "null"}]},
            "keepdim": {"type": "boolean", "default": False},
        },
        "additionalProperties": False,
    },
    "differentiable": True,
    "doc": "Sum of all elements, or over dim.",
}


class OpOut(BaseModel):
    model_config = example(SUM_OP)

    name: str
    arity: int
    optional: int
    variadic: str | None
    params: list[dict[str, str]]
    gather: str | None
    attrs: dict[str, Any] = Field(description="the attributes' JSON schema")
    differentiable: bool
    doc: str


class OpsOut(BaseModel):
    model_config = example({"ops": [SUM_OP], "operators": {"add": "add", "truediv": "div", "matmul": "matmul"}})

    ops: list[OpOut]
    operators: dict[str, str]


class TrainOut(BaseModel):
    """Also the body of the stream's ``done`` event; a failure part-way is a problem with these fields."""

    model_config = example({"steps": 3, "losses": [4.0, 3.6, 3.2], "logged_steps": [1, 2, 3], "durable_steps": 3})

    steps: int = Field(description="steps applied")
    losses: list[float | str] = Field(description="the loss of each logged step, before that step's update")
    logged_steps: list[int] = Field(description="the step (from 1) each loss belongs to")
    durable_steps: int = Field(description="steps that will survive a restart: all of them with a state dir, else 0")


class TrainProgress(BaseModel):
    """The body of a ``progress`` event in the stream."""

    model_config = example({"step": 2, "loss": 3.6, "elapsed_s": 0.004})

    step: int
    loss: float | str
    elapsed_s: float


# --- functional derivatives (torch.func), of h = sin(x) * x or a scalar y at the seed's x ----------

D = 1.3817732334136963  # d/dx (sin(x) * x) at x = 1
SIN_1 = 0.8414709568023682


class JacobianOut(BaseModel):
    model_config = example(
        {
            "jacobian": {
                "x": [
                    [[[D, 0.0], [0.0, 0.0]], [[0.0, D], [0.0, 0.0]]],
                    [[[0.0, 0.0], [D, 0.0]], [[0.0, 0.0], [0.0, D]]],
                ]
            }
        }
    )

    jacobian: dict[str, TensorValue] = Field(description="{input: tensor of shape output.shape + input.shape}")


class HessianOut(BaseModel):
    model_config = example(
        {
            "hessian": {
                "x": {
                    "x": [
                        [[[6.0, 0.0], [0.0, 0.0]], [[0.0, 6.0], [0.0, 0.0]]],
                        [[[0.0, 0.0], [6.0, 0.0]], [[0.0, 0.0], [0.0, 6.0]]],
                    ]
                }
            }
        }
    )

    hessian: dict[str, dict[str, TensorValue]] = Field(description="{x: {x2: block of shape x.shape + x2.shape}}")


class VjpOut(BaseModel):
    model_config = example({"output": [[SIN_1, SIN_1], [SIN_1, SIN_1]], "vjp": {"x": [[D, 0.0], [0.0, 0.0]]}})

    output: TensorValue
    vjp: dict[str, TensorValue] = Field(description="{input: tensor of the input's shape}")


class JvpOut(BaseModel):
    model_config = example({"output": [[SIN_1, SIN_1], [SIN_1, SIN_1]], "jvp": [[D, 0.0], [0.0, 0.0]]})

    output: TensorValue
    jvp: TensorValue = Field(description="a tensor of the output's shape")


class ValueAndGradOut(BaseModel):
    model_config = example({"output": 4.0, "grads": {"x": [[2.0, 2.0], [2.0, 2.0]]}})

    output: TensorValue
    grads: dict[str, TensorValue]


# --- debugging aids and the server ----------------------------------------------------------------


class GradcheckOut(BaseModel):
    model_config = example({"ok": True})

    ok: bool
    detail: str | None = Field(None, description="torch's report, when the check failed")


class GraphNode(BaseModel):
    id: str
    name: str
    kind: str = Field(description="'output', 'op' (a grad_fn), 'leaf' or another node of torch's graph")
    shape: list[int] | None = None
    leaf: str | None = Field(None, description="the session leaf this node accumulates into")
    requires_grad_leaf: bool


class GraphEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    source: str = Field(alias="from")
    to: str


class GraphOut(BaseModel):
    model_config = example(
        {
            "variable": "y",
            "nodes": [
                {"id": "n0", "name": "y", "kind": "output", "shape": [], "leaf": None, "requires_grad_leaf": False},
                {
                    "id": "n1",
                    "name": "SumBackward0",
                    "kind": "op",
                    "shape": [],
                    "leaf": None,
                    "requires_grad_leaf": False,
                },
                {"id": "n2", "name": "x", "kind": "leaf", "shape": [2, 2], "leaf": "x", "requires_grad_leaf": True},
            ],
            "edges": [{"from": "n2", "to": "n1"}, {"from": "n1", "to": "n0"}],
        }
    )

    variable: str
    nodes: list[GraphNode]
    edges: list[GraphEdge] = Field(description="from an input towards the output")


class InfoOut(BaseModel):
    model_config = example(
        {
            "version": "0.1.0",
            "devices": ["cpu"],
            "dtypes": ["float16", "bfloat16", "float32", "float64", "int32", "int64", "bool"],
            "ops": 223,
            "sessions": 1,
            "limits": {"max_body_bytes": 67108864, "max_tensor_elements": 16777216, "max_compute_seconds": 60.0},
            "backend": "process",
            "durability": "os",
            "hosts": [
                {
                    "name": "cpu0",
                    "device": "cpu",
                    "up": True,
                    "pid": 4242,
                    "restarts": 0,
                    "kills": {},
                    "sessions": 1,
                    "bytes": 36,
                }
            ],
        }
    )

    version: str
    devices: list[str]
    dtypes: list[str]
    ops: int
    sessions: int
    limits: dict[str, float] = Field(description="every limit in force, by setting name (AGS_ + upper case)")
    backend: str
    durability: str
    hosts: list[dict[str, Any]] = Field(
        description="each host: name, device, up, pid, restarts, kills, sessions, bytes"
    )


class Health(BaseModel):
    model_config = example({"status": "ok"})

    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = example({"status": "ready"})

    status: Literal["ready", "starting"]
