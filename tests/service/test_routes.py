"""Each route of the contract, its success and its failures, through the ASGI app."""

import base64
import struct

import pytest

from tests.service.conftest import Api, entries

ONES = [[1.0, 1.0], [1.0, 1.0]]


def problem(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_create_describe_and_delete_a_session(client):
    r = client.post("/v1/sessions", json={"device": "cpu", "dtype": "float64", "ttl_seconds": 60})
    assert r.status_code == 201
    body = r.json()
    assert body["device"] == "cpu" and body["dtype"] == "float64" and body["expires_at"].endswith("Z")
    auth = {"Authorization": f"Bearer {body['token']}"}
    client.put(f"/v1/sessions/{body['id']}/variables/x", json={"data": [1, 2]}, headers=auth)
    info = client.get(f"/v1/sessions/{body['id']}", headers=auth).json()
    assert info["variables"] == [
        {
            "name": "x",
            "shape": [2],
            "dtype": "float64",
            "device": "cpu",
            "requires_grad": False,
            "is_leaf": True,
            "grad_fn": None,
        }
    ]
    assert info["bytes"] == 16
    assert client.delete(f"/v1/sessions/{body['id']}", headers=auth).status_code == 204
    problem(client.get(f"/v1/sessions/{body['id']}", headers=auth), 404)


def test_create_session_with_no_body_uses_defaults(client):
    r = client.post("/v1/sessions")
    assert r.status_code == 201 and r.json()["dtype"] == "float32"


def test_seed_sequence_over_the_routes(api: Api):
    assert api.ok("PUT", "/variables/x", 201, json={"data": ONES, "requires_grad": True})["grad"] is None
    y = api.ok("POST", "/compute", json={"expr": "y = x.sum()"})["variables"]["y"]
    assert (y["data"], y["grad_fn"], y["is_leaf"]) == (4.0, "SumBackward0", False)
    for k in (1, 2, 3):
        assert api.ok("POST", "/backward", json={"variable": "y"})["grads"] == {"x": [[k, k], [k, k]]}
    assert api.ok("POST", "/zero_grad", json={"variables": ["x"]}) == {"zeroed": ["x"]}
    api.ok("POST", "/backward", json={"variable": "y"})
    assert api.ok("GET", "/variables/x")["grad"] == ONES


def test_put_answers_201_then_200_and_list_and_delete_variables(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    api.ok("PUT", "/variables/x", 200, json={"init": "zeros", "shape": [2]})
    api.ok("POST", "/compute", json={"expr": "y = x + 1"})
    names = [v["name"] for v in api.ok("GET", "/variables")["variables"]]
    assert names == ["x", "y"]
    api.ok("DELETE", "/variables/y", 204)
    problem(api.call("GET", "/variables/y"), 404)
    problem(api.call("DELETE", "/variables/y"), 404)


def test_a_computed_variable_whose_leaf_is_gone_is_listed_with_its_error(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    api.ok("POST", "/compute", json={"expr": "y = x * 2"})
    api.ok("DELETE", "/variables/x", 204)
    (listed,) = api.ok("GET", "/variables")["variables"]
    assert listed["name"] == "y" and "'x'" in listed["error"]
    problem(api.call("GET", "/variables/y"), 422)


def test_b64_answers_and_inputs(api: Api):
    raw = struct.pack("<2f", 0.5, 2.0)
    api.ok(
        "PUT",
        "/variables/a",
        201,
        json={"data": {"dtype": "float32", "shape": [2], "b64": base64.b64encode(raw).decode()}, "requires_grad": True},
    )
    out = api.ok("POST", "/compute", params={"encoding": "b64"}, json={"expr": "y = (a * a).sum()", "backward": "y"})
    assert struct.unpack("<f", base64.b64decode(out["variables"]["y"]["data"]["b64"])) == (4.25,)
    assert struct.unpack("<2f", base64.b64decode(out["grads"]["a"]["b64"])) == (1.0, 4.0)
    problem(api.call("GET", "/variables/a", params={"encoding": "hex"}), 422)


def test_grad_and_backward_with_gradient_and_inputs(api: Api):
    api.ok("PUT", "/variables/a", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("PUT", "/variables/b", 201, json={"data": [3.0, 4.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = a * b"})
    g = api.ok("POST", "/grad", json={"outputs": ["y"], "inputs": ["a"], "grad_outputs": [[1.0, 1.0]]})
    assert g == {"grads": {"a": [3.0, 4.0]}}
    out = api.ok("POST", "/backward", json={"variable": "y", "gradient": [1.0, 10.0], "inputs": ["b"]})
    assert out == {"grads": {"b": [1.0, 20.0]}}
    assert api.ok("GET", "/variables/a")["grad"] is None


def test_graph_form_compute_with_backward(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    graph = {
        "nodes": [
            {"id": "two", "op": "const", "attrs": {"value": 2.0}},
            {"id": "b", "op": "mul", "inputs": ["x", "two"]},
            {"id": "y", "op": "sum", "inputs": ["b"], "attrs": {"dim": [0], "keepdim": False}},
        ],
        "outputs": ["y"],
    }
    out = api.ok("POST", "/compute", json={"graph": graph, "backward": "y"})
    assert out["variables"]["y"]["data"] == 6.0 and out["grads"] == {"x": [2.0, 2.0]}


def test_stateless_evaluate_and_its_errors(client):
    body = {
        "expr": "y = (x * w).sum()",
        "backward": "y",
        "inputs": {"x": {"data": [1.0, 2.0], "requires_grad": True}, "w": {"data": [3.0, 5.0]}},
    }
    out = client.post("/v1/evaluate", json=body).json()
    assert out["outputs"]["y"]["data"] == 13.0 and out["grads"] == {"x": [3.0, 5.0]}
    problem(client.post("/v1/evaluate", json={"expr": "y = q + 1"}), 422)
    problem(client.post("/v1/evaluate", json={"expr": "y = 1", "graph": {}}), 422)


def test_catalogue_info_and_health(client):
    ops = {o["name"]: o for o in client.get("/v1/ops").json()["ops"]}
    assert ops["sum"]["arity"] == 1 and "dim" in ops["sum"]["attrs"]["properties"]
    info = client.get("/v1/info").json()
    assert info["devices"][0] == "cpu" and info["limits"]["max_sessions"] == 1000
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    assert "ags_sessions" in client.get("/metrics").text


# --- every status of the contract's Errors section ---------------------------------------------


def test_400_malformed_json(api: Api):
    r = api.call("POST", "/compute", content=b"{nope", headers={"content-type": "application/json"})
    problem(r, 400)


def test_401_without_a_token(api: Api):
    r = api.client.get(f"/v1/sessions/{api.id}/variables")
    assert problem(r, 401) and r.headers["www-authenticate"] == "Bearer"


def test_404_unknown_session_wrong_token_unknown_variable(api: Api, client):
    problem(client.get("/v1/sessions/nope", headers=api.auth), 404)
    problem(client.get(f"/v1/sessions/{api.id}", headers={"Authorization": "Bearer wrong"}), 404)
    problem(api.call("GET", "/variables/ghost"), 404)
    problem(client.get("/no/such/route"), 404)


def test_409_unavailable_device(client):
    assert "cuda:97" in problem(client.post("/v1/sessions", json={"device": "cuda:97"}), 409)["detail"]
    problem(client.post("/v1/sessions", json={"device": "tpu"}), 422)


def test_413_body_tensor_and_session_limits(app_client):
    client = app_client(max_body_bytes=1000, max_tensor_elements=10, max_session_bytes=64)
    api = Api(client)
    problem(api.call("PUT", "/variables/x", json={"data": [0.0] * 400}), 413)
    assert "10 elements" in problem(api.call("PUT", "/variables/x", json={"data": [0.0] * 11}), 413)["detail"]
    api.ok("PUT", "/variables/a", 201, json={"data": [0.0] * 10})  # 40 bytes
    assert "64 bytes" in problem(api.call("PUT", "/variables/b", json={"data": [0.0] * 10}), 413)["detail"]
    problem(api.call("PUT", "/variables/z", json={"init": "zeros", "shape": [11]}), 413)


@pytest.mark.parametrize(
    "body",
    [
        {"expr": "y = nosuchop(x)"},
        {"expr": "y = (x"},
        {
            "graph": {
                "nodes": [{"id": "a", "op": "neg", "inputs": ["b"]}, {"id": "b", "op": "neg", "inputs": ["a"]}],
                "outputs": ["a"],
            }
        },
        {"expr": "y = x + q"},
        {"expr": "y = x", "graph": {"nodes": [], "outputs": []}},
        {},
    ],
)
def test_422_invalid_compute_changes_nothing(api: Api, body):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    problem(api.call("POST", "/compute", json=body), 422)
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["x"]


def test_422_names_the_line_and_column_of_an_expression(api: Api):
    body = problem(api.call("POST", "/compute", json={"expr": "a = x\ny = x.__class__"}), 422)
    assert body["detail"].startswith("line 2, column 5") and body["errors"][0]["line"] == 2


def test_422_validation_errors_list_the_fields(api: Api):
    body = problem(api.call("PUT", "/variables/x", json={"data": [1], "requires_grad": "maybe"}), 422)
    assert body["errors"][0]["loc"] == ["body", "requires_grad"]
    problem(api.call("PUT", "/variables/bad-name", json={"data": [1]}), 422)


def test_429_too_many_sessions(app_client):
    client = app_client(max_sessions=2)
    Api(client), Api(client)
    r = client.post("/v1/sessions", json={})
    problem(r, 429)
    assert int(r.headers["retry-after"]) >= 1


def test_expired_sessions_answer_404(app_client):
    client = app_client(backend="inline")  # reads the in-process hosts
    api = Api(client)
    entry = entries(client)[api.id]
    entry.last_used -= entry.ttl + 1
    problem(api.call("GET"), 404)
    assert client.app.state.relay.backend.hosts["cpu0"].sweep() == 1
