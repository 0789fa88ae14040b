"""Each limit at its edge: exactly at the limit passes, one over is refused, and the server lives on."""

import json

import pytest

from tests.service.conftest import Api


def padded(obj, size: int) -> bytes:
    """``obj`` as JSON padded with spaces to exactly ``size`` bytes."""
    raw = json.dumps(obj).encode()
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


@pytest.fixture
def limited(app_client):
    client = app_client(
        max_body_bytes=4096,
        max_tensor_elements=100,
        max_session_bytes=800,
        max_sessions=3,
        max_graph_nodes=5,
        max_expr_length=60,
        max_expr_depth=12,
    )
    return client, Api(client)


def alive(client):
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("size, status", [(4096, 201), (4097, 413)])
def test_body_bytes(limited, size, status):
    client, api = limited
    body = padded({"data": [1.0]}, size)
    r = api.call("PUT", "/variables/x", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    alive(client)


def test_body_bytes_are_cut_while_streaming_without_a_length(limited):
    client, api = limited

    def chunks():
        yield b'{"data": ['
        for _ in range(2000):
            yield b"1.0, "
        yield b"1.0]}"

    r = api.call("PUT", "/variables/x", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    alive(client)


@pytest.mark.parametrize("n, status", [(100, 201), (101, 413)])
def test_elements_per_tensor(limited, n, status):
    client, api = limited
    assert api.call("PUT", "/variables/x", json={"data": [0.0] * n}).status_code == status
    assert api.call("PUT", "/variables/z", json={"init": "zeros", "shape": [n]}).status_code == status
    alive(client)


@pytest.mark.parametrize("n, status", [(100, 201), (101, 413)])
def test_bytes_per_session(limited, n, status):
    client, api = limited
    api.ok("PUT", "/variables/a", 201, json={"data": [0.0] * 100})  # 400 bytes
    api.ok("PUT", "/variables/b", 201, json={"data": [0.0] * 100, "requires_grad": True})  # 400 more: 800
    api.ok("DELETE", "/variables/b", 204)
    assert api.call("PUT", "/variables/c", json={"data": [0.0] * n}).status_code == status
    alive(client)


def test_sessions_in_total(limited):
    client, _ = limited
    assert client.post("/v1/sessions", json={}).status_code == 201
    assert client.post("/v1/sessions", json={}).status_code == 201
    r = client.post("/v1/sessions", json={})
    assert r.status_code == 429 and r.headers["retry-after"]
    alive(client)


@pytest.mark.parametrize("n, status", [(5, 200), (6, 413)])
def test_nodes_per_graph(limited, n, status):
    client, api = limited
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    nodes = [{"id": "n0", "op": "neg", "inputs": ["x"]}]
    nodes += [{"id": f"n{i}", "op": "neg", "inputs": [f"n{i - 1}"]} for i in range(1, n)]
    r = api.call("POST", "/compute", json={"graph": {"nodes": nodes, "outputs": [f"n{n - 1}"]}})
    assert r.status_code == status, r.text
    alive(client)


def test_nodes_of_inlined_computed_variables_count(limited):
    _, api = limited
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    api.ok("POST", "/compute", json={"expr": "a = neg(neg(neg(x)))"})
    assert api.call("POST", "/compute", json={"expr": "b = neg(neg(a))"}).status_code == 200
    assert api.call("POST", "/compute", json={"expr": "c = neg(neg(neg(a)))"}).status_code == 413


@pytest.mark.parametrize("extra, status", [(0, 200), (1, 422)])
def test_expression_length(limited, extra, status):
    client, api = limited
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    expr = "y = x"
    expr = expr + " " * (60 - len(expr) + extra)
    r = api.call("POST", "/compute", json={"expr": expr})
    assert r.status_code == status, r.text
    alive(client)


def test_expression_depth_and_hostile_nesting(limited):
    client, api = limited
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0]})
    assert api.call("POST", "/compute", json={"expr": "y = -(-(-x))"}).status_code == 200
    deep = api.call("POST", "/compute", json={"expr": "y = " + "-(" * 12 + "x" + ")" * 12})
    assert deep.status_code == 422 and "deeper than the limit of 12" in deep.json()["detail"]
    alive(client)


@pytest.mark.parametrize("levels, status", [(4, 201), (5, 413)])
def test_json_nesting_depth(app_client, levels, status):
    api = Api(app_client(max_json_depth=5))
    body = b'{"data": ' + b"[" * levels + b"1.0" + b"]" * levels + b"}"  # the object is one level
    r = api.call("PUT", "/variables/x", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    alive(api.client)


def test_brackets_inside_strings_do_not_count_toward_depth(app_client):
    api = Api(app_client(max_json_depth=3))
    r = api.call("POST", "/compute", json={"expr": "y = x" + "[" * 10})  # deep only inside a string
    assert r.status_code == 422  # so it reaches the expression parser, which refuses it


def test_hostile_nesting_is_refused_before_parsing(client):
    body = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/v1/evaluate", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "100000 levels" in r.json()["detail"]
    alive(client)


def test_compute_time_limit_stops_the_call_and_changes_nothing(app_client):
    client = app_client(max_compute_seconds=1e-9)
    api = Api(client)
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    r = api.call("POST", "/compute", json={"expr": "y = (x * x).sum()", "backward": "y"})
    assert r.status_code == 422 and "time limit" in r.json()["detail"]
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["x"]
    assert api.ok("GET", "/variables/x")["grad"] is None


def test_graph_results_over_the_session_bytes_are_refused_before_running(limited):
    client, api = limited
    api.ok("PUT", "/variables/a", 201, json={"data": [1.0] * 100})  # 400 of the 800 bytes
    assert api.call("POST", "/compute", json={"expr": "y = a * a"}).status_code == 200  # 400 more: exactly 800
    r = api.call("POST", "/compute", json={"expr": "z = (a * a) * a"})  # 800 more
    assert r.status_code == 413 and "800 bytes per session" in r.json()["detail"]
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["a", "y"]
    alive(client)
