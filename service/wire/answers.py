"""Answer bodies, as models for the OpenAPI document (and so for clients generated from it).

Routes build these answers as plain dicts rendered by orjson, for speed; these models only
describe them. The schemathesis suite checks that real answers match.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from service.wire.schemas import TensorValue


class VariableMeta(BaseModel):
    """A variable without its data; a computed one that cannot be evaluated now carries ``error``."""

    name: str
    shape: list[int] | None = None
    dtype: str | None = None
    device: str | None = None
    requires_grad: bool | None = None
    is_leaf: bool
    grad_fn: str | None = Field(None, description="torch's grad_fn class name, e.g. SumBackward0")
    error: str | None = None


class VariableOut(BaseModel):
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
    id: str
    token: str = Field(description="the bearer token for every route under the session; shown once")
    device: str
    dtype: str
    expires_at: str


class SessionInfo(BaseModel):
    id: str
    device: str
    dtype: str
    created_at: str
    expires_at: str
    bytes: int = Field(description="bytes held by leaves, gradients and optimizer state")
    variables: list[VariableMeta]


class VariableList(BaseModel):
    variables: list[VariableMeta]


class ComputeOut(BaseModel):
    variables: dict[str, VariableOut]
    grads: dict[str, TensorValue] | None = Field(None, description="present when 'backward' was given")


class GradsOut(BaseModel):
    grads: dict[str, TensorValue]


class ZeroGradOut(BaseModel):
    zeroed: list[str]


class EvaluateOut(BaseModel):
    outputs: dict[str, VariableOut]
    grads: dict[str, TensorValue]


class StepOut(BaseModel):
    variables: dict[str, VariableOut]


class OpOut(BaseModel):
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
    ops: list[OpOut]
    operators: dict[str, str]


class TrainOut(BaseModel):
    """Also the body of the stream's ``done`` event; a failure part-way is a problem with these fields."""

    steps: int = Field(description="steps applied")
    losses: list[float | str] = Field(description="the loss of each logged step, before that step's update")
    logged_steps: list[int] = Field(description="the step (from 1) each loss belongs to")
    durable_steps: int = Field(description="steps that will survive a restart: all of them with a state dir, else 0")


class TrainProgress(BaseModel):
    """The body of a ``progress`` event in the stream."""

    step: int
    loss: float | str
    elapsed_s: float
