"""A session's token opens that session only: another live session's token is as good as none.

The other tests send ``Bearer wrong``; a relay that accepted any live token would pass them.
"""

import pytest

from tests.service.conftest import Api

ROUTES = [
    ("GET", "", None),
    ("GET", "/variables", None),
    ("GET", "/variables/x", None),
    ("PUT", "/variables/x", {"data": [9.0], "requires_grad": True}),
    ("POST", "/compute", {"expr": "z = x * 3"}),
    ("POST", "/backward", {"variable": "y"}),
    ("POST", "/grad", {"outputs": ["y"], "inputs": ["x"]}),
    ("GET", "/export", None),
    ("POST", "/zero_grad", {}),
    ("DELETE", "/variables/x", None),
    ("DELETE", "", None),
]


@pytest.mark.parametrize("method, path, body", ROUTES)
def test_another_live_sessions_token_is_refused_like_an_unknown_session(client, method, path, body):
    victim, intruder = Api(client), Api(client)
    victim.ok("PUT", "/variables/x", 201, json={"data": [1.0, 2.0], "requires_grad": True})
    victim.ok("POST", "/compute", json={"expr": "y = (x * x).sum()"})
    victim.ok("POST", "/backward", json={"variable": "y"})

    r = victim.call(method, path, headers=intruder.auth, json=body)

    assert r.status_code == 404, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == f"no session {victim.id!r} for this token (it may have expired or been deleted)"
    x = victim.ok("GET", "/variables/x")
    assert (x["data"], x["grad"]) == ([1.0, 2.0], [2.0, 4.0])
    assert [v["name"] for v in victim.ok("GET", "/variables")["variables"]] == ["x", "y"]
    assert intruder.ok("GET", "/variables")["variables"] == []
