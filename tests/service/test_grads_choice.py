"""``grads`` on compute and backward: the answer carries all, none, or the named gradients."""

import pytest

from tests.service.conftest import Api


def leaves(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    api.ok("PUT", "/variables/w", 201, json={"data": [3.0, -1.0], "requires_grad": True})
    api.ok("PUT", "/variables/c", 201, json={"data": [5.0, 5.0]})


def test_backward_answers_all_grads_by_default_none_or_the_named_ones(api: Api):
    leaves(api)
    api.ok("POST", "/compute", json={"expr": "y = (x * w).sum()"})
    assert api.ok("POST", "/backward", json={"variable": "y"}) == {"grads": {"w": [1.0, 2.0], "x": [3.0, -1.0]}}
    assert api.ok("POST", "/backward", json={"variable": "y", "grads": "none"}) == {"grads": {}}
    assert api.ok("POST", "/backward", json={"variable": "y", "grads": ["w"]}) == {"grads": {"w": [3.0, 6.0]}}
    # what is not shipped still accumulates: three backward calls so far
    assert api.ok("GET", "/variables/x")["grad"] == [9.0, -3.0]


def test_compute_with_backward_carries_only_the_chosen_grads(api: Api):
    leaves(api)
    body = {"expr": "y = (x * x * w).sum()", "backward": "y", "grads": ["x"]}
    answer = api.ok("POST", "/compute", json=body)
    assert answer["grads"] == {"x": [6.0, -4.0]}
    assert answer["variables"]["y"]["data"] == -1.0
    none = api.ok("POST", "/compute", json={**body, "grads": "none"})
    assert none["grads"] == {}
    assert api.ok("GET", "/variables/w")["grad"] == [2.0, 8.0]


def test_a_named_leaf_the_call_does_not_reach_is_left_out(api: Api):
    leaves(api)
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    assert api.ok("POST", "/backward", json={"variable": "y", "grads": ["w", "x", "x"]}) == {"grads": {"x": [1.0, 1.0]}}


@pytest.mark.parametrize("name", ["nope", "c", "y"])
def test_a_name_that_can_have_no_grad_is_a_422_naming_it_and_nothing_accumulates(api: Api, name: str):
    leaves(api)
    api.ok("POST", "/compute", json={"expr": "y = (x * w).sum()"})
    r = api.call("POST", "/backward", json={"variable": "y", "grads": ["x", name]})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == f"'grads' names '{name}', which is not a leaf with requires_grad in this session"
    r = api.call("POST", "/compute", json={"expr": "z = x.sum()", "backward": "z", "grads": [name]})
    assert r.status_code == 422 and name in r.json()["detail"]
    assert api.ok("GET", "/variables/x")["grad"] is None
    assert "z" not in [v["name"] for v in api.ok("GET", "/variables")["variables"]]


def test_grads_must_be_all_none_or_a_list_of_names(api: Api):
    leaves(api)
    api.ok("POST", "/compute", json={"expr": "y = x.sum()"})
    r = api.call("POST", "/backward", json={"variable": "y", "grads": "some"})
    assert r.status_code == 422 and r.json()["detail"].startswith("grads")
