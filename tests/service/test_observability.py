"""Metrics move by exact amounts after known calls; every answer carries a request id; logs are JSON lines
with that id and never a token or a body."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator

import pytest
import torch
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from service.app import create_app
from service.core.config import Settings
from service.middleware.logging import JSONFormatter, config

COMPUTE = "/v1/sessions/{session_id}/compute"
BACKWARD = "/v1/sessions/{session_id}/backward"
MARKER = 1234.5678  # a tensor value that must never reach a log line


def boom() -> None:
    raise RuntimeError("a bug")


@pytest.fixture
def app() -> FastAPI:
    app = create_app(Settings(max_body_bytes=1024))
    app.add_api_route("/boom", boom)
    return app


@pytest.fixture
def c(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Every record of the process, rendered by our formatter, while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def sample(c: TestClient, name: str, **labels: str) -> float:
    """One sample of /metrics; 0 when no series with these labels exists yet."""
    for family in text_string_to_metric_families(c.get("/metrics").text):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    return 0.0


def session(c: TestClient, token_holder: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    r = c.post("/v1/sessions", json={"device": "cpu"})
    assert r.status_code == 201, r.text
    auth = {"Authorization": f"Bearer {r.json()['token']}"}
    if token_holder is not None:
        token_holder["token"] = r.json()["token"]
    return f"/v1/sessions/{r.json()['id']}", auth


def test_backward_and_compute_counts_are_exact(c: TestClient) -> None:
    base, auth = session(c)
    c.put(f"{base}/variables/x", json={"data": [[1, 1], [1, 1]], "requires_grad": True}, headers=auth)
    assert c.post(f"{base}/compute", json={"expr": "y = sum(x)"}, headers=auth).status_code == 200
    for _ in range(3):
        assert c.post(f"{base}/backward", json={"variable": "y"}, headers=auth).status_code == 200
    r = c.post(f"{base}/compute", json={"expr": "z = sum(x * x)", "backward": "z"}, headers=auth)
    assert r.status_code == 200
    assert c.post(f"{base}/backward", json={"variable": "nope"}, headers=auth).status_code == 404
    assert c.post("/v1/evaluate", json={"expr": "y = x * 2", "inputs": {"x": {"data": [1.0]}}}).status_code == 200

    assert sample(c, "ags_compute_total", route=COMPUTE) == 2
    assert sample(c, "ags_compute_total", route="/v1/evaluate") == 1
    assert sample(c, "ags_backward_total", route=BACKWARD) == 3
    assert sample(c, "ags_backward_total", route=COMPUTE) == 1
    assert sample(c, "ags_backward_total", route="/v1/evaluate") == 0
    assert sample(c, "ags_http_requests_total", method="POST", route=BACKWARD, status="200") == 3
    assert sample(c, "ags_http_requests_total", method="POST", route=BACKWARD, status="404") == 1
    assert sample(c, "ags_http_request_duration_seconds_count", method="POST", route=BACKWARD) == 4
    assert sample(c, "ags_http_errors_total", type="/problems/unknown-variable", status="404") == 1


def test_every_served_route_is_counted_under_its_own_path(c: TestClient) -> None:
    """FastAPI's own /openapi.json is a plain Starlette route; it is counted as itself, not 'unmatched'."""
    for _ in range(2):
        assert c.get("/openapi.json").status_code == 200
    assert c.get("/docs").status_code == 200
    assert c.get("/no/such/path").status_code == 404

    assert sample(c, "ags_http_requests_total", method="GET", route="/openapi.json", status="200") == 2
    assert sample(c, "ags_http_requests_total", method="GET", route="/docs", status="200") == 1
    assert sample(c, "ags_http_requests_total", method="GET", route="unmatched", status="200") == 0
    assert sample(c, "ags_http_requests_total", method="GET", route="unmatched", status="404") == 1


def test_sessions_and_bytes_follow_the_relay(c: TestClient) -> None:
    base, auth = session(c)
    session(c)
    assert sample(c, "ags_sessions") == 2
    c.put(f"{base}/variables/x", json={"data": [[1, 1], [1, 1]], "requires_grad": True}, headers=auth)
    c.post(f"{base}/compute", json={"expr": "y = sum(x)", "backward": "y"}, headers=auth)
    assert sample(c, "ags_session_bytes", device="cpu") == 32  # 4 float32 in x, 4 in x.grad
    assert c.delete(base, headers=auth).status_code == 204
    assert sample(c, "ags_sessions") == 1
    assert sample(c, "ags_session_bytes", device="cpu") == 0


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device here")
def test_bytes_are_counted_per_device(c: TestClient) -> None:
    base, auth = session(c)
    r = c.post("/v1/sessions", json={"device": "cuda"})
    gpu, gpu_auth = f"/v1/sessions/{r.json()['id']}", {"Authorization": f"Bearer {r.json()['token']}"}
    c.put(f"{base}/variables/x", json={"data": [1.0, 2.0], "requires_grad": True}, headers=auth)
    c.put(
        f"{gpu}/variables/x",
        json={"data": [[1, 1], [1, 1]], "dtype": "float64", "requires_grad": True},
        headers=gpu_auth,
    )
    assert c.post(f"{gpu}/compute", json={"expr": "y = sum(x)", "backward": "y"}, headers=gpu_auth).status_code == 200
    assert sample(c, "ags_session_bytes", device="cuda:0") == 64  # 4 float64 in x, 4 in x.grad
    assert sample(c, "ags_session_bytes", device="cpu") == 8
    assert sample(c, "ags_backward_total", route=COMPUTE) == 1


def test_errors_are_counted_by_problem_type_and_status(c: TestClient) -> None:
    c.get("/v1/sessions/nope", headers={"Authorization": "Bearer x"})
    c.get("/v1/sessions/nope", headers={"Authorization": "Bearer x"})
    c.get("/v1/sessions/nope")
    c.post("/v1/evaluate", content=b"x" * 2048, headers={"Content-Type": "application/json"})
    c.get("/boom")
    assert sample(c, "ags_http_errors_total", type="/problems/unknown-session", status="404") == 2
    assert sample(c, "ags_http_errors_total", type="/problems/authentication-required", status="401") == 1
    assert sample(c, "ags_http_errors_total", type="/problems/request-body-too-large", status="413") == 1
    assert sample(c, "ags_http_errors_total", type="/problems/internal-server-error", status="500") == 1
    assert sample(c, "ags_http_requests_total", method="GET", route="/boom", status="500") == 1


def test_a_sane_request_id_is_echoed(c: TestClient) -> None:
    r = c.get("/healthz", headers={"X-Request-ID": "abc-123.def_4"})
    assert r.headers["X-Request-ID"] == "abc-123.def_4"


@pytest.mark.parametrize("sent", [None, "", "a" * 129, "has space", "new\u00e9line", "x;y"])
def test_a_missing_or_insane_request_id_is_replaced(c: TestClient, sent: str | None) -> None:
    headers = {} if sent is None else {"X-Request-ID": sent.encode()}
    made = c.get("/healthz", headers=headers).headers["X-Request-ID"]
    assert made != sent
    assert len(made) == 32 and all(ch in "0123456789abcdef" for ch in made)
    assert c.get("/healthz").headers["X-Request-ID"] != made


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/v1/sessions/nope", None, 401),
        ("GET", "/nowhere", None, 404),
        ("POST", "/v1/evaluate", b"{", 400),
        ("POST", "/v1/evaluate", b"x" * 2048, 413),
        ("GET", "/boom", None, 500),
    ],
)
def test_problem_answers_carry_the_request_id(
    c: TestClient, method: str, path: str, body: bytes | None, status: int
) -> None:
    headers = {"X-Request-ID": "rid-1", "Content-Type": "application/json"}
    r = c.request(method, path, content=body, headers=headers)
    assert (r.status_code, r.headers["content-type"]) == (status, "application/problem+json")
    assert r.headers["X-Request-ID"] == "rid-1"


def test_log_lines_are_json_with_the_request_id_and_no_secret(c: TestClient, log_lines: io.StringIO) -> None:
    holder: dict[str, str] = {}
    base, auth = session(c, holder)
    headers = {**auth, "X-Request-ID": "rid-put"}
    c.put(f"{base}/variables/x", json={"data": [MARKER, 2.0], "requires_grad": True}, headers=headers)
    c.get("/boom", headers={**auth, "X-Request-ID": "rid-boom"})

    lines = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    text = log_lines.getvalue()
    assert holder["token"] not in text and "Bearer" not in text and "uthorization" not in text
    assert str(MARKER) not in text
    put = [e for e in lines if e.get("request_id") == "rid-put"]
    assert [(e["logger"], e["method"], e["route"], e["status"]) for e in put] == [
        ("service.access", "PUT", "/v1/sessions/{session_id}/variables/{name}", 201)
    ]
    boom = [(e["logger"], e["level"], "exc" in e) for e in lines if e.get("request_id") == "rid-boom"]
    assert boom == [("service.error", "error", True), ("service.access", "info", False)]
    assert all(e.get("request_id") for e in lines if e["logger"].startswith("service."))


def test_the_logging_config_writes_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logging.config.dictConfig(config("warning"))
        logging.getLogger("uvicorn.error").warning("started %s", "here", extra={"color_message": "\x1b[1m"})
        logging.getLogger("service.access").info("dropped below warning")
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    entry = json.loads(out[0])
    assert (entry["level"], entry["logger"], entry["msg"]) == ("warning", "uvicorn.error", "started here")
    assert "color_message" not in entry and "request_id" not in entry
