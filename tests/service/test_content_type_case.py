"""A media type's name is case-insensitive (RFC 9110 8.3.1): every route that takes a JSON body takes it
as ``Application/JSON; charset=UTF-8``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from service.api.verbs import VerbRoute
from service.app import create_app
from service.core.config import Settings

CONTENT_TYPE = "Application/JSON; charset=UTF-8"
SUM = {"expr": "h = sin(x) * x", "output": "h", "wrt": ["x"]}
INPUTS = {"inputs": {"x": {"data": [1.0, 2.0]}}}
SESSION = "/v1/sessions/{session_id}"
SGD = {"type": "sgd", "lr": 0.1}
# a valid body for each route that takes JSON, in a session with leaf x (2x2) and y = x.sum(), backward run
BODIES: dict[tuple[str, str], dict] = {
    ("POST", "/v1/sessions"): {"device": "cpu"},
    ("POST", f"{SESSION}/compute"): {"expr": "z = (x * x).sum()"},
    ("POST", f"{SESSION}/backward"): {"variable": "y"},
    ("POST", f"{SESSION}/grad"): {"inputs": ["x"], "outputs": ["y"]},
    ("POST", f"{SESSION}/zero_grad"): {"variables": ["x"]},
    ("POST", f"{SESSION}/step"): {"optimizer": SGD},
    ("POST", f"{SESSION}/train"): {"loss": "y", "optimizer": SGD, "steps": 2},
    ("PUT", f"{SESSION}/variables/{{name}}"): {"data": [1.0, 2.0]},
    ("POST", "/v1/evaluate"): {"expr": "y = (x * x).sum()", **INPUTS},
    ("POST", "/v1/jacobian"): {**SUM, **INPUTS},
    ("POST", f"{SESSION}/jacobian"): SUM,
    ("POST", "/v1/hessian"): {**SUM, "expr": "h = (x ** 3).sum()", **INPUTS},
    ("POST", f"{SESSION}/hessian"): {**SUM, "expr": "h = (x ** 3).sum()"},
    ("POST", "/v1/vjp"): {**SUM, **INPUTS, "cotangent": [1.0, 0.0]},
    ("POST", f"{SESSION}/vjp"): {**SUM, "cotangent": [[1.0, 0.0], [0.0, 0.0]]},
    ("POST", "/v1/jvp"): {"expr": SUM["expr"], "output": "h", **INPUTS, "tangents": {"x": [1.0, 0.0]}},
    ("POST", f"{SESSION}/jvp"): {"expr": SUM["expr"], "output": "h", "tangents": {"x": [[1.0, 0.0], [0.0, 0.0]]}},
    ("POST", "/v1/value_and_grad"): {**SUM, "expr": "y = (x * x).sum()", "output": "y", **INPUTS},
    ("POST", f"{SESSION}/value_and_grad"): {**SUM, "expr": "y = (x * x).sum()", "output": "y"},
    ("POST", f"{SESSION}/gradcheck"): {"output": "y"},
    ("POST", f"{SESSION}/viewers"): {"expires_in_s": 60},
}


def json_routes() -> list[tuple[str, str]]:
    """Every (method, path) of the app whose route reads a JSON body."""
    found = []
    for route in create_app(Settings()).routes:
        if isinstance(route, VerbRoute) and route.verb.body is not None:
            found.append((route.verb.method, route.path))
        elif isinstance(route, APIRoute) and not isinstance(route, VerbRoute) and route.body_field is not None:
            found += [(method, route.path) for method in route.methods]
    return found


ROUTES = json_routes()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as c:
        yield c


def test_every_route_with_a_json_body_has_a_case():
    assert sorted(ROUTES) == sorted(BODIES)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_a_json_body_is_accepted_whatever_the_case_of_its_media_type(client, method, path):
    made = client.post("/v1/sessions", json={"device": "cpu", "dtype": "float64"}).json()
    auth = {"Authorization": f"Bearer {made['token']}"}
    base = f"/v1/sessions/{made['id']}"
    x = {"data": [[1.0, 2.0], [3.0, 4.0]], "requires_grad": True}
    assert client.put(f"{base}/variables/x", json=x, headers=auth).status_code == 201
    assert client.post(f"{base}/compute", json={"expr": "y = x.sum()", "backward": "y"}, headers=auth).is_success
    url = path.replace("{session_id}", made["id"]).replace("{name}", "v")
    body = json.dumps(BODIES[method, path]).encode()
    r = client.request(method, url, content=body, headers={**auth, "Content-Type": CONTENT_TYPE})
    assert r.status_code < 300, r.text
