"""Request bodies. Tensor values stay plain JSON here: the engine's codec decodes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

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
DType = Literal["float16", "bfloat16", "float32", "float64", "int32", "int64", "bool"]
FloatDType = Literal["float16", "bfloat16", "float32", "float64"]
Encoding = Literal["list", "b64"]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CreateSession(Body):
    device: str = Field("auto", description="'auto', 'cpu', 'cuda' or 'cuda:N'", examples=["cpu"])
    dtype: FloatDType = Field("float32", description="dtype for numbers given without one")
    ttl_seconds: int | None = Field(None, description="idle seconds before the session is dropped")


class PutVariable(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"data": [[1, 1], [1, 1]], "requires_grad": True}]},
    )
    data: TensorValue = None
    init: Literal["zeros", "ones", "full", "rand", "randn"] | None = None
    shape: list[int] | None = None
    value: float | None = Field(None, description="the fill value for init 'full'")
    seed: int | None = Field(None, description="random seed for init 'rand' and 'randn'")
    dtype: DType | None = None
    requires_grad: bool = False


class GraphSource(Body):
    expr: str | None = Field(None, description="the expression language: 'a = cos(x); y = sum(a * w)'")
    graph: dict[str, Any] | None = Field(None, description="{nodes: [{id, op, inputs, attrs}], outputs: [ids]}")

    @model_validator(mode="after")
    def _one_source(self) -> GraphSource:
        if (self.expr is None) == (self.graph is None):
            raise ValueError("give exactly one of 'expr' or 'graph'")
        return self


class Compute(GraphSource):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"expr": "y = x.sum()", "backward": "y"}]}
    )
    backward: str | None = Field(None, description="an output to run backward from, in the same call")


class Backward(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"variable": "y"}]})
    variable: str
    gradient: TensorValue = None
    inputs: list[str] | None = None


class Grad(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"outputs": ["y"], "inputs": ["x"]}]})
    outputs: list[str]
    inputs: list[str]
    grad_outputs: list[TensorValue] | None = None
    create_graph: bool = False


class ZeroGrad(Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"variables": ["x"]}]})
    variables: list[str] | None = None
    set_to_none: bool = False


class Input(Body):
    data: TensorValue
    dtype: DType | None = None
    requires_grad: bool = False


class Evaluate(GraphSource):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "expr": "y = (x * x).sum()",
                    "inputs": {"x": {"data": [1, 2, 3], "requires_grad": True}},
                    "backward": "y",
                }
            ]
        },
    )
    inputs: dict[str, Input] = Field(default_factory=dict)
    backward: str | None = None
    device: str = "cpu"
    dtype: FloatDType = "float32"
