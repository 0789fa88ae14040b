"""schemathesis against the app's own OpenAPI: no 5xx anywhere, answers as documented.

Session routes are fuzzed inside a real session (its id and token filled in), so the
generated bodies reach the engine rather than stopping at authentication. The cases come
from schemathesis' Hypothesis strategies, driven here by plain pytest.
"""

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from service.app import create_app
from service.config import Settings

APP = create_app(Settings(max_sessions=100_000, max_tensor_elements=10_000))
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture(scope="module")
def session():
    with TestClient(APP) as client:  # runs the lifespan, so the app's state exists for the fuzzed calls
        made = client.post("/v1/sessions", json={"device": "cpu"}).json()
        auth = {"Authorization": f"Bearer {made['token']}"}
        base = f"/v1/sessions/{made['id']}"
        client.put(f"{base}/variables/x", json={"data": [1.0, 2.0], "requires_grad": True}, headers=auth)
        client.post(f"{base}/compute", json={"expr": "y = (x * x).sum()"}, headers=auth)
        yield made["id"], auth


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_server_errors_and_documented_answers(label, session):
    session_id, auth = session

    @given(case=OPERATIONS[label].as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        if "session_id" in (case.path_parameters or {}):
            case.path_parameters["session_id"] = session_id
            case.headers = {**(case.headers or {}), **auth}
        case.call_and_validate(checks=[not_a_server_error, content_type_conformance, response_schema_conformance])

    check()
