"""What /docs and /redoc show for answers: real examples rather than samples made up from the schema,
binary answers as binary, and the operations in the order a user meets them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from service.app import create_app
from service.core.config import Settings
from service.wire import answers

SPEC = create_app(Settings()).openapi()
OK = [
    (f"{method.upper()} {path} {status} {media}", content.get("schema", {}), content)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    for status, response in op["responses"].items()
    if status.startswith("2")
    for media, content in response.get("content", {}).items()
]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return SPEC["components"]["schemas"][ref.split("/")[-1]] if ref else schema


def made_up(schema: dict[str, Any], covered: bool, seen: frozenset[str] = frozenset()) -> list[str]:
    """Where Swagger UI would invent keys (``additionalProp1``): an object of free keys with no example
    on it or on anything above it."""
    ref = schema.get("$ref", "")
    if ref in seen:
        return []
    node = resolve(schema)
    covered = covered or "example" in node or bool(node.get("examples"))
    free = node.get("additionalProperties", False)
    found = [] if covered or free in (False, None) else [node.get("title", ref or "an object")]
    children = [*node.get("properties", {}).values(), *(node.get(k) for k in ("items", "additionalProperties"))]
    children += [s for k in ("anyOf", "oneOf", "allOf") for s in node.get(k, [])]
    for child in children:
        if isinstance(child, dict):
            found += made_up(child, covered, seen | {ref})
    return found


@pytest.mark.parametrize(("where", "schema", "content"), OK, ids=[w for w, _, _ in OK])
def test_no_answer_is_shown_with_made_up_keys(where, schema, content):
    covered = "example" in content or bool(content.get("examples"))
    assert not made_up(schema, covered), where


def test_every_json_answer_has_a_schema_with_a_real_example():
    bare = [w for w, schema, _ in OK if " application/json" in w and not resolve(schema).get("examples")]
    assert not bare


MODELS = [m for m in vars(answers).values() if isinstance(m, type) and issubclass(m, BaseModel) and m is not BaseModel]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_each_answer_example_is_valid_for_its_model(model):
    for example in model.model_json_schema().get("examples", []):
        model.model_validate(example)


def test_export_answers_a_safetensors_file_not_json():
    ok = SPEC["paths"]["/v1/sessions/{session_id}/export"]["get"]["responses"]["200"]
    assert ok["content"] == {"application/octet-stream": {}}
    assert "safetensors" in ok["description"]


def test_metrics_answer_plain_text_only():
    ok = SPEC["paths"]["/metrics"]["get"]["responses"]["200"]
    assert set(ok["content"]) == {"text/plain"}


def test_operations_come_in_the_order_a_user_meets_them():
    order = [f"{m.upper()} {p}" for p, item in SPEC["paths"].items() for m in item]
    s = "/v1/sessions/{session_id}"
    assert order[:15] == [
        "POST /v1/sessions",
        f"GET {s}",
        f"DELETE {s}",
        f"GET {s}/export",
        "POST /v1/sessions/import",
        f"PUT {s}/variables/{{name}}",
        f"GET {s}/variables/{{name}}",
        f"DELETE {s}/variables/{{name}}",
        f"GET {s}/variables",
        f"POST {s}/compute",
        f"POST {s}/backward",
        f"POST {s}/grad",
        f"POST {s}/zero_grad",
        f"POST {s}/step",
        f"POST {s}/train",
    ]
    transforms = [i for i, o in enumerate(order) if o.rsplit("/", 1)[-1] in ("jacobian", "hessian", "vjp", "jvp")]
    meta = [order.index(o) for o in ("GET /v1/ops", "GET /v1/info", "GET /healthz", "GET /readyz", "GET /metrics")]
    assert min(transforms) > order.index(f"POST {s}/train") and max(transforms) < min(meta)
    assert meta == list(range(len(order) - 5, len(order)))
    assert [t["name"] for t in SPEC["tags"]][:3] == ["sessions", "variables", "autograd"]
