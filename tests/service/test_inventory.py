"""The route table, the OpenAPI document, docs/api.md and the problem types held together: a route or a
problem type added in one place fails here until the others follow (both clients' maps of the problem
table are held to it by tests/client/test_problem_types.py)."""

from __future__ import annotations

import re
import subprocess
import sys

from fastapi.routing import APIRoute

from autograd_client import errors
from service.app import VERBS
from service.core.config import Settings, table
from service.core.problems import PROBLEMS
from tests.conftest import ROOT

METHODS = {"get", "put", "post", "delete", "patch"}


def shape(path: str) -> str:
    """A path with its parameters unnamed: docs/api.md writes ``{id}`` where the routes say ``{session_id}``."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def operations(spec: dict) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if m in METHODS}


def test_every_route_is_one_openapi_operation_and_every_operation_a_route(client):
    routes = {
        (m, r.path) for r in client.app.routes if isinstance(r, APIRoute) and r.include_in_schema for m in r.methods
    }
    assert routes == operations(client.get("/openapi.json").json())


def test_every_route_is_a_row_of_the_route_table_and_every_row_a_route(client):
    routes = [(m, r.path) for r in client.app.routes if isinstance(r, APIRoute) for m in r.methods]
    assert sorted(routes) == sorted((v.method, v.path) for v in VERBS)
    others = [r.path for r in client.app.routes if not isinstance(r, APIRoute)]
    assert others == ["/openapi.json"], "a route made outside the table (FastAPI's own OpenAPI route aside)"


def documented_in_api_md() -> set[tuple[str, str]]:
    """The routes docs/api.md's tables list: ``| `METHOD /path` |`` rows, and the functional table's rows,
    each of which is a route under both prefixes its header names."""
    text = (ROOT / "docs/api.md").read_text()
    written = {(m, shape(p)) for m, p in re.findall(r"^\| `(GET|PUT|POST|DELETE) (/[^`?\s]*)", text, re.M)}
    functional = text.split("| path (`POST`, under `/v1/sessions/{id}/` or `/v1/`)", 1)[1].split("\n\n", 1)[0]
    for name in re.findall(r"^\| `(\w+)` \|", functional, re.M):
        written |= {("POST", f"/v1/sessions/{{}}/{name}"), ("POST", f"/v1/{name}")}
    return written


def test_docs_api_names_every_operation_and_no_other(client):
    served = {(m, shape(p)) for m, p in operations(client.get("/openapi.json").json())}
    undocumented_routes = {(m, shape(r.path)) for r in client.app.routes for m in getattr(r, "methods", None) or ()}
    written = documented_in_api_md()
    assert served - written == set(), "operations docs/api.md does not list"
    assert written - served - undocumented_routes == set(), "docs/api.md lists routes the server does not have"


def test_each_documented_problem_status_lists_exactly_the_table_s_types_of_that_status(client):
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for code, response in op.get("responses", {}).items():
                content = response.get("content", {}).get("application/problem+json")
                if content is None:
                    continue
                kinds = content["schema"]["properties"]["type"]["enum"]
                expected = [k for k, row in PROBLEMS.items() if row.status in (int(code), None)]
                assert kinds == expected, (method, path, code)


def test_every_problem_type_the_document_lists_has_its_own_class_in_the_python_client(client):
    spec = client.get("/openapi.json").json()
    listed = {
        (int(code), kind)
        for ops in spec["paths"].values()
        for op in ops.values()
        for code, response in op.get("responses", {}).items()
        if (content := response.get("content", {}).get("application/problem+json")) is not None
        for kind in content["schema"]["properties"]["type"]["enum"]
    }
    for status, kind in listed:
        if PROBLEMS[kind].status is not None:
            assert errors.class_of(status, kind) is errors.BY_TYPE[kind], kind


def test_docs_settings_is_the_settings_table_and_names_every_setting():
    text = (ROOT / "docs/settings.md").read_text()
    assert text.endswith(table()), "docs/settings.md has drifted: python -m service --settings makes its table"
    assert [f"AGS_{name.upper()}" for name in Settings.model_fields] == re.findall(r"^\| `(AGS_\w+)`", text, re.M)


def test_the_server_prints_its_settings_table_and_exits():
    done = subprocess.run([sys.executable, "-m", "service", "--settings"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == table()
