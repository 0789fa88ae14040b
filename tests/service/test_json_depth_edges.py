"""The raw-byte JSON depth count at its edges, and the bodies the depth check must let through untouched."""

import pytest

from service.middleware.body import depth
from tests.service.conftest import Api


@pytest.mark.parametrize(
    "body, expected",
    [
        (b"", 0),
        (b"1.5", 0),
        (b'"a"', 0),
        (b"[", 1),
        (b"]", 0),
        (b"[[1], [[2]]]", 3),
        (b'{"a": "[[[[{"}', 1),  # brackets inside a string do not count
        (b'{"a": "\\"[[[["}', 1),  # nor after an escaped quote, which does not end the string
        (b'["\\\\", [[1]]]', 3),  # an escaped backslash does not escape the quote after it
    ],
)
def test_depth_of_raw_json(body, expected):
    assert depth(body) == expected
    assert depth(b'"" ' * 200 + body) == expected  # the same count on numpy's path, for long bodies


def test_escaped_quotes_cannot_hide_deep_nesting(app_client):
    client = app_client(max_json_depth=5)
    body = b'{"expr": "y = x", "note": "\\"", "pad": ' + b"[" * 6 + b"]" * 6 + b"}"
    r = client.post("/v1/evaluate", content=body, headers={"content-type": "application/json"})
    assert (r.status_code, r.json()["title"]) == (413, "JSON nested too deeply")
    assert r.json()["detail"] == "the JSON body is nested 7 levels deep; the limit is 5 (max_json_depth)"


def test_a_post_without_a_content_type_passes_the_depth_check(client):
    assert client.post("/v1/sessions").status_code == 201


def test_a_binary_body_passes_the_depth_check_untouched(api: Api):
    raw = api.call("GET", "/export").content
    r = api.client.post("/v1/sessions/import", content=raw, headers={"content-type": "application/octet-stream"})
    assert r.status_code == 201, r.text
