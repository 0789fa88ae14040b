"""Graph introspection, gradcheck, anomaly mode, retain_grad and no_grad over HTTP; their OpenAPI."""

import pytest

from tests.service.conftest import Api


def leaves(api: Api, **values):
    for name, data in values.items():
        api.ok("PUT", f"/variables/{name}", 201, json={"data": data, "requires_grad": True})


def test_the_graph_behind_a_variable_as_json_and_dot(api: Api):
    leaves(api, x=[1.0, 2.0], w=[3.0, 4.0])
    api.ok("POST", "/compute", json={"expr": "y = (x * w).sum()"})
    g = api.ok("GET", "/variables/y/graph")
    assert [(n["id"], n["name"], n["kind"], n["shape"], n["leaf"]) for n in g["nodes"]] == [
        ("n0", "y", "output", [], None),
        ("n1", "SumBackward0", "op", [], None),
        ("n2", "MulBackward0", "op", [2], None),
        ("n3", "x", "leaf", [2], "x"),
        ("n4", "w", "leaf", [2], "w"),
    ]
    assert len(g["edges"]) == 4 and {"from": "n1", "to": "n0"} in g["edges"]
    r = api.call("GET", "/variables/y/graph?format=dot")
    assert r.headers["content-type"].startswith("text/vnd.graphviz")
    assert r.text.startswith('digraph "y" {') and "  n3 -> n2;\n" in r.text
    assert api.call("GET", "/variables/nope/graph").status_code == 404
    assert api.call("GET", "/variables/y/graph?format=svg").status_code == 422


def test_gradcheck(api: Api):
    leaves(api, x=[0.0, 1.0])
    api.ok("POST", "/compute", json={"expr": "y = (x * x).sum(); r = relu(x)"})
    assert api.ok("POST", "/gradcheck", json={"output": "y"}) == {"ok": True}
    got = api.ok("POST", "/gradcheck", json={"output": "r", "wrt": ["x"], "eps": 1e-6})
    assert got["ok"] is False and got["detail"].startswith("Jacobian mismatch for output 0 with respect to input 0")
    r = api.call("POST", "/gradcheck", json={"output": "y", "eps": 0})
    assert r.status_code == 422 and r.json()["detail"].startswith("eps: Input should be greater than 0")


def test_anomaly_mode_on_compute_and_backward(api: Api):
    leaves(api, x=[0.0, 1.0])
    r = api.call("POST", "/compute", json={"expr": "a = log(x); y = a.sum()", "anomaly": True})
    assert r.status_code == 422 and r.json()["title"] == "Anomaly detected"
    assert r.json()["detail"] == "anomaly: node 'a' (log) produced -Infinity"
    assert api.call("GET", "/variables/a").status_code == 404
    api.ok("POST", "/compute", json={"expr": "y = (sqrt(x) * 0).sum()"})
    r = api.call("POST", "/backward", json={"variable": "y", "anomaly": True})
    assert r.status_code == 422
    assert r.json()["detail"] == "Function 'SqrtBackward0' returned nan values in its 0th output."
    assert api.ok("GET", "/variables/x")["grad"] is None


def test_retain_grad_accumulates_and_zero_grad_clears_it(api: Api):
    leaves(api, x=[1.0, 2.0, 3.0])
    api.ok("POST", "/compute", json={"expr": "h = x * x; y = (h * 3).sum()", "retain_grad": ["h"]})
    assert api.ok("GET", "/variables/h")["grad"] is None
    for k in (1, 2):
        api.ok("POST", "/backward", json={"variable": "y"})
        assert api.ok("GET", "/variables/h")["grad"] == [3.0 * k] * 3
    assert api.ok("POST", "/zero_grad") == {"zeroed": ["x", "h"]}
    assert api.ok("GET", "/variables/h")["grad"] == [0.0, 0.0, 0.0]
    r = api.call("POST", "/compute", json={"expr": "k = x * 2", "retain_grad": ["q"]})
    assert r.status_code == 422
    assert r.json()["detail"] == "'retain_grad' names 'q', which is not an output of this graph"


def test_no_grad_on_compute_and_evaluate(api: Api, client):
    leaves(api, x=[1.0, 2.0])
    y = api.ok("POST", "/compute", json={"expr": "y = (x * x).sum()", "grad_mode": "no_grad"})["variables"]["y"]
    assert (y["data"], y["requires_grad"], y["grad_fn"]) == (5.0, False, None)
    assert api.ok("GET", "/variables/y")["grad_fn"] is None
    body = {"expr": "y = x * 2", "inputs": {"x": {"data": [1.0], "requires_grad": True}}, "grad_mode": "no_grad"}
    out = client.post("/v1/evaluate", json=body).json()["outputs"]["y"]
    assert (out["data"], out["requires_grad"], out["grad_fn"]) == ([2.0], False, None)
    r = client.post("/v1/evaluate", json={**body, "backward": "y"})
    assert r.status_code == 422 and "need grad_mode 'grad'" in r.json()["detail"]


ROUTES = [
    ("post", "/v1/jacobian"),
    ("post", "/v1/hessian"),
    ("post", "/v1/vjp"),
    ("post", "/v1/jvp"),
    ("post", "/v1/value_and_grad"),
    ("post", "/v1/sessions/{session_id}/jacobian"),
    ("post", "/v1/sessions/{session_id}/hessian"),
    ("post", "/v1/sessions/{session_id}/vjp"),
    ("post", "/v1/sessions/{session_id}/jvp"),
    ("post", "/v1/sessions/{session_id}/value_and_grad"),
    ("post", "/v1/sessions/{session_id}/step"),
    ("post", "/v1/sessions/{session_id}/gradcheck"),
    ("get", "/v1/sessions/{session_id}/variables/{name}/graph"),
]


@pytest.mark.parametrize("method, path", ROUTES)
def test_openapi_shows_each_route_with_a_summary_a_description_and_an_example(client, method, path):
    spec = client.get("/openapi.json").json()
    op = spec["paths"][path][method]
    assert op["summary"] and op["description"]
    if method == "post":
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        examples = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]["examples"]
        assert examples
        if "{session_id}" not in path:  # a stateless example runs as it is
            assert all(client.post(path, json=example).status_code == 200 for example in examples)
    else:
        assert {p["name"] for p in op["parameters"]} >= {"format", "name"}
