"""Holes a hostile client finds, closed: each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from engine import budget
from service.core.relay import CreationRate
from tests.service.conftest import Api, entries


def test_a_leaf_replaced_after_a_definition_is_held_to_the_limits_on_every_route(app_client):
    api = Api(app_client(max_tensor_elements=100_000))
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0, 3.0, 4.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "y = outer(x, x).sum()"})
    api.ok("PUT", "/variables/x", json={"init": "ones", "shape": [20_000], "requires_grad": True})
    for method, path, body in [
        ("POST", "/backward", {"variable": "y"}),
        ("GET", "/variables/y", None),
        ("POST", "/grad", {"outputs": ["y"], "inputs": ["x"]}),
        ("POST", "/jacobian", {"output": "y", "wrt": ["x"]}),
    ]:
        r = api.call(method, path, json=body)
        assert r.status_code == 413 and "400000000 elements" in r.json()["detail"], (path, r.text)
    assert api.ok("GET", "/variables/x")["grad"] is None


def test_a_node_estimated_past_the_budget_is_refused_at_once(app_client):
    app_client(backend="inline")  # the first app of the process measures the machine's rate (budget.calibrate)
    flops = 2 * 385 * 385 * 384 * 384
    api = Api(
        app_client(max_compute_seconds=flops / budget.rate / 2, backend="inline")
    )  # that rate, this process's  # half what the conv needs at best
    api.ok("PUT", "/variables/a", 201, json={"init": "ones", "shape": [1, 1, 768, 768]})
    api.ok("PUT", "/variables/k", 201, json={"init": "ones", "shape": [1, 1, 384, 384]})
    r = api.call("POST", "/compute", json={"expr": "y = conv2d(a, k).sum()"})
    assert r.status_code == 422 and "node '%0' (conv2d) needs about 4.37e+10" in r.json()["detail"], r.text
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["a", "k"]


def test_limits_on_variables_dims_and_seed_are_problems_that_change_nothing(app_client):
    api = Api(app_client(max_session_variables=2, max_tensor_dims=4))
    api.ok("PUT", "/variables/a", 201, json={"data": [1.0]})
    api.ok("PUT", "/variables/b", 201, json={"data": [1.0]})
    r = api.call("PUT", "/variables/c", json={"data": [1.0]})
    assert r.status_code == 413 and "limit is 2 variables" in r.json()["detail"]
    r = api.call("PUT", "/variables/a", json={"init": "zeros", "shape": [1] * 1000})
    assert r.status_code == 413 and "1000 dimensions" in r.json()["detail"]
    r = api.call("PUT", "/variables/a", json={"init": "rand", "shape": [2], "seed": 2**64})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "seed"]
    assert api.ok("GET", "/variables/a")["data"] == [1.0]


def test_grad_with_respect_to_a_computed_variable_and_unused_inputs(client):
    api = Api(client)
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("PUT", "/variables/u", 201, json={"data": [5.0], "requires_grad": True})
    api.ok("POST", "/compute", json={"expr": "a = x * 3; y = (a * a).sum()"})
    assert api.ok("POST", "/grad", json={"outputs": ["y"], "inputs": ["a"]})["grads"] == {"a": [6.0, 12.0]}
    r = api.call("POST", "/grad", json={"outputs": ["y"], "inputs": ["u"]})
    assert r.status_code == 422 and "'u' not used" in r.json()["detail"]
    got = api.ok("POST", "/grad", json={"outputs": ["y"], "inputs": ["x", "u"], "allow_unused": True})
    assert got["grads"] == {"x": [18.0, 36.0], "u": None}
    got = api.ok("POST", "/grad", json={"outputs": ["y"], "inputs": ["u"], "materialize_grads": True})
    assert got["grads"] == {"u": [0.0]}


def test_no_grad_and_detached_results_are_leaves_as_in_torch(client):
    api = Api(client)
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "requires_grad": True})
    out = api.ok("POST", "/compute", json={"expr": "d = x.detach(); y = x * 2"})["variables"]
    assert (out["d"]["is_leaf"], out["y"]["is_leaf"]) == (True, False)
    out = api.ok("POST", "/compute", json={"expr": "z = x * 2", "grad_mode": "no_grad"})["variables"]
    assert out["z"]["is_leaf"] is True and api.ok("GET", "/variables/z")["is_leaf"] is True


def test_an_empty_variable_name_is_a_problem_not_a_redirect(api):
    r = api.call("PUT", "/variables/", json={"data": [1.0]})
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_405_lists_every_method_the_path_takes(api):
    r = api.call("POST", "/variables/x", json={})
    assert r.status_code == 405 and r.headers["allow"] == "DELETE, GET, HEAD, PUT"


def test_wrongly_typed_options_are_refused_not_coerced(api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0], "requires_grad": True})
    r = api.call("POST", "/zero_grad", json={"set_to_none": "true"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "set_to_none"]
    r = api.call("POST", "/gradcheck", json={"output": "x", "rtol": "0.1"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "rtol"]


@pytest.mark.parametrize("content_type", ["Application/JSON", "application/x+json", "text/plain", None])
def test_json_depth_is_measured_whatever_the_media_type_says(client, content_type):
    body = b"[" * 800 + b"]" * 800
    headers = {} if content_type is None else {"content-type": content_type}
    r = client.post("/v1/evaluate", content=body, headers=headers)
    assert r.status_code == 413 and "nested 800 levels" in r.json()["detail"]


def test_the_api_key_is_optional_in_openapi_when_no_keys_are_set(app_client):
    open_server = app_client().get("/openapi.json").json()
    assert open_server["paths"]["/v1/sessions"]["post"]["security"] == [{"APIKeyHeader": []}, {}]
    keyed = app_client(api_keys="k1").get("/openapi.json").json()
    assert keyed["paths"]["/v1/sessions"]["post"]["security"] == [{"APIKeyHeader": []}]


def test_the_graph_route_documents_its_dot_answer(client):
    content = client.get("/openapi.json").json()["paths"]["/v1/sessions/{session_id}/variables/{name}/graph"]
    assert set(content["get"]["responses"]["200"]["content"]) == {"application/json", "text/vnd.graphviz"}


def test_session_creation_is_rate_limited_per_client(app_client):
    client = app_client(session_create_rate=0.001, session_create_burst=3)
    codes = [client.post("/v1/sessions", json={}).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    r = client.post("/v1/sessions", json={})
    assert int(r.headers["retry-after"]) > 0 and "session_create_rate" in r.json()["detail"]
    other = app_client(session_create_rate=0.001, session_create_burst=3, api_keys="k1,k2")
    assert other.post("/v1/sessions", json={}, headers={"X-API-Key": "k1"}).status_code == 201


def test_the_bucket_refills_at_its_rate():
    bucket = CreationRate(rate=2.0, burst=2)
    assert [bucket.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert bucket.take("a", now=0.5) == 0.0 and bucket.take("b", now=0.5) == 0.0


def test_a_session_never_used_lives_only_the_short_ttl(app_client):
    client = app_client(unused_ttl_seconds=60, backend="inline")  # reads the in-process hosts
    made = client.post("/v1/sessions", json={"ttl_seconds": 3600}).json()
    entry = entries(client)[made["id"]]
    assert entry.expires_at - entry.created_at == 60
    client.get(f"/v1/sessions/{made['id']}", headers={"Authorization": f"Bearer {made['token']}"})
    assert entry.expires_at - entry.last_used == 3600


def test_a_recursion_anywhere_is_a_413_not_a_500(client):
    @client.app.get("/deep")
    async def deep():
        def down(n: int) -> int:
            return down(n + 1)

        return down(0)

    r = client.get("/deep")
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
