"""A 4xx answer is kept like a 2xx: its retry is replayed word for word and not run again.

The retries here would answer differently if they ran again (the world changed in between),
so a record that kept only 2xx answers, or replayed a status without its body, fails them.
"""

from tests.service.conftest import Api


def test_a_retried_404_is_replayed_even_after_the_variable_appears(api: Api):
    api.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    key = {"Idempotency-Key": "backward-before-y"}
    first = api.call("POST", "/backward", json={"variable": "y"}, headers=key)
    assert first.status_code == 404 and first.json()["detail"] == "no variable 'y' in this session"
    api.ok("POST", "/compute", json={"expr": "y = (x * x).sum()"})

    again = api.call("POST", "/backward", json={"variable": "y"}, headers=key)

    assert (again.status_code, again.content) == (404, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == "application/problem+json"
    assert api.ok("GET", "/variables/x")["grad"] is None


def test_a_retried_422_is_replayed_even_after_the_input_becomes_valid(api: Api):
    key = {"Idempotency-Key": "compute-before-w"}
    first = api.call("POST", "/compute", json={"expr": "v = w * 2"}, headers=key)
    assert first.status_code == 422, first.text
    api.ok("PUT", "/variables/w", 201, json={"data": [3.0]})

    again = api.call("POST", "/compute", json={"expr": "v = w * 2"}, headers=key)

    assert (again.status_code, again.content) == (422, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    assert [v["name"] for v in api.ok("GET", "/variables")["variables"]] == ["w"]
