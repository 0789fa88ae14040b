"""The verb table: every row a route, one handler for all of them, FastAPI's errors kept."""

import pytest

from service.api.verbs import Caller, VerbRoute
from service.app import VERBS
from tests.service.conftest import Api, entries
from tests.service.test_observability import sample

ROWS = VERBS


def test_every_row_is_one_route_and_one_documented_operation(client):
    spec = client.get("/openapi.json").json()
    made = {(r.path, m) for r in client.app.routes if isinstance(r, VerbRoute) for m in r.methods}
    assert made == {(v.path, v.method) for v in ROWS} and len(made) == len(ROWS)
    for v in [v for v in ROWS if v.in_schema]:
        op = spec["paths"][v.path][v.method.lower()]
        assert op["summary"] == v.summary and op["description"] == v.doc
        security = {Caller.SESSION: [{"HTTPBearer": []}], Caller.API_KEY: [{"APIKeyHeader": []}, {}]}
        assert op.get("security") == security.get(v.caller)


def test_the_npy_codec_is_documented_on_the_json_operations(client):
    item = client.get("/openapi.json").json()["paths"]["/v1/sessions/{session_id}/variables/{name}"]
    assert set(item["put"]["requestBody"]["content"]) == {"application/json", "application/x-npy"}
    assert set(item["get"]["responses"]["200"]["content"]) == {"application/json", "application/x-npy"}
    assert {p["name"] for p in item["get"]["parameters"]} == {"session_id", "name", "encoding", "field"}


def test_a_bad_query_value_is_a_422_naming_the_parameter(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    r = api.call("GET", "/variables/x?encoding=xml")
    assert r.status_code == 422
    assert r.json()["detail"] == "query.encoding: Input should be 'list' or 'b64'"
    assert r.json()["errors"] == [
        {"loc": ["query", "encoding"], "msg": "Input should be 'list' or 'b64'", "type": "literal_error"}
    ]


BODIES = pytest.mark.parametrize(
    ("content", "content_type", "status", "detail"),
    [
        (b'{"variable": ', "application/json", 400, "the request body is not valid JSON"),
        (b"", "application/json", 422, "body: Field required"),
        (b'{"variable": "y"}', "text/plain", 422, "body: Input should be a valid dictionary or instance of Backward"),
        (b'{"variable": 3}', "application/json", 422, "variable: Input should be a valid string"),
        (b'{"variable": "y"}', "application/vnd.api+json", 200, None),
    ],
)


@BODIES
def test_bodies_are_read_as_fastapi_reads_them(api: Api, content, content_type, status, detail):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    r = api.call("POST", "/backward", content=content, headers={"content-type": content_type})
    assert r.status_code == status, r.text
    assert detail is None or r.json()["detail"] == detail
    assert api.ok("GET", "/variables/x")["grad"] == ([1.0, 1.0] if status == 200 else None)


@BODIES
def test_a_large_body_is_parsed_on_its_host_with_the_same_answers(app_client, content, content_type, status, detail):
    """From ``parse_on_host_bytes`` (by default every body), JSON is validated on the host, not on the event loop;
    past any body's size, by the route."""
    answers = []
    for api in (Api(app_client(parse_on_host_bytes=1 << 30)), Api(app_client())):
        api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
        api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
        r = api.call("POST", "/backward", content=content, headers={"content-type": content_type})
        answers.append((r.status_code, r.json(), api.ok("GET", "/variables/x")["grad"]))
    assert answers[0] == answers[1] and answers[1][0] == status


EVALUATE = {"expr": "y = (x * x).sum()", "inputs": {"x": {"data": [1.0, 2.0], "requires_grad": True}}}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/evaluate", {**EVALUATE, "backward": "y"}),
        ("/v1/evaluate", {**EVALUATE, "device": "cuda:7"}),
        ("/v1/evaluate", {**EVALUATE, "device": "tpu"}),
        ("/v1/evaluate", {**EVALUATE, "inputs": {"x": {"data": [1.0], "dtype": "float128"}}}),
        ("/v1/jacobian", {**EVALUATE, "output": "y", "wrt": ["x"]}),
        ("/v1/jacobian", {**EVALUATE, "output": "y", "wrt": ["nope"]}),
    ],
)
def test_a_sessionless_body_is_parsed_on_a_host_when_every_host_has_one_device(app_client, path, body):
    """Its body names its device, but with one device on every host there is only one place to go."""
    answers = []
    for client in (app_client(parse_on_host_bytes=1 << 30), app_client()):
        r = client.post(path, json=body)
        answers.append((r.status_code, r.json()))
    assert answers[0] == answers[1]
    assert sample(client, "ags_compute_total", route=path) == (
        1 if answers[1][0] == 200 and path == "/v1/evaluate" else 0
    )


def test_a_body_parsed_on_its_host_counts_its_compute_and_backward(app_client):
    api = Api(app_client())
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    assert api.ok("POST", "/compute", json={"expr": "y = (x * x).sum()", "backward": "y"})["grads"] == {"x": [2.0, 4.0]}
    assert sample(api.client, "ags_compute_total", route="/v1/sessions/{session_id}/compute") == 1
    assert sample(api.client, "ags_backward_total", route="/v1/sessions/{session_id}/compute") == 1
    bad = api.call("PUT", "/variables/z", json={"data": [1.0], "requires_grad": "maybe"})
    assert bad.status_code == 422 and bad.json()["detail"] == "requires_grad: Input should be a valid boolean"
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["x", "y"]


def test_query_and_body_errors_are_reported_together_query_first(api: Api):
    r = api.call("POST", "/backward?encoding=xml", json={"variable": 3})
    assert [e["loc"] for e in r.json()["errors"]] == [["query", "encoding"], ["body", "variable"]]


def test_the_token_is_checked_before_the_body(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})  # the server knows the token's hash now
    r = api.client.post(f"/v1/sessions/{api.id}/backward", content=b"{", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 404 and "for this token" in r.json()["detail"]
    r = api.client.post(f"/v1/sessions/{api.id}/backward", content=b"{")
    assert r.status_code == 401


def test_an_optional_body_may_be_empty_or_null(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "requires_grad": True})
    assert api.ok("POST", "/zero_grad") == {"zeroed": ["x"]}
    assert api.ok("POST", "/zero_grad", content=b"null", headers={"content-type": "application/json"}) == {
        "zeroed": ["x"]
    }


def test_successes_are_counted_by_the_row(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = x.sum()", "backward": "y"})
    api.ok("POST", "/backward", json={"variable": "y"})
    api.call("POST", "/backward", json={"variable": "nope"})
    text = api.client.get("/metrics").text
    assert 'ags_compute_total{route="/v1/sessions/{session_id}/compute"} 1.0' in text
    assert 'ags_backward_total{route="/v1/sessions/{session_id}/compute"} 1.0' in text
    assert 'ags_backward_total{route="/v1/sessions/{session_id}/backward"} 1.0' in text


def test_a_session_has_one_lock_which_a_rolled_back_write_keeps(app_client, tmp_path, monkeypatch):
    client = app_client(backend="inline", state_dir=str(tmp_path))
    api = Api(client)
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "requires_grad": True})
    entry = entries(client)[api.id]
    lock = entry.session.lock
    assert entry.lock is lock
    store = client.app.state.relay.backend.hosts[entry.id.split(".")[0]].store

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save", broken)
    r = api.call("PUT", "/variables/x", json={"data": [5.0]})
    assert r.status_code == 503 and "not applied" in r.json()["detail"]
    assert entry.session.lock is lock and lock.acquire(blocking=False)
    lock.release()
    monkeypatch.undo()
    assert api.ok("GET", "/variables/x")["data"] == [1.0]
