"""Refusals from the real server arrive as the right exception class, with status, title and detail."""

from __future__ import annotations

import json

import httpx
import pytest

from autograd_client import (
    NO_RETRY,
    AnomalyDetected,
    AuthError,
    AutogradError,
    Client,
    ComputationFailed,
    Conflict,
    DeviceUnavailable,
    HostUnavailable,
    IdempotentAnswerGone,
    InvalidExpression,
    InvalidRequest,
    LimitExceeded,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    ServerError,
    TooManyIdempotencyKeys,
    TooManyRequests,
    TooManySessions,
    UnknownSession,
    UnknownVariable,
)
from autograd_client.errors import BY_STATUS, from_response


def test_unknown_variable_is_not_found(session):
    with pytest.raises(UnknownVariable) as e:
        session.get("nothing_here")
    assert (e.value.status, e.value.title) == (404, "Unknown variable")
    assert "nothing_here" in e.value.detail


def test_missing_token_is_an_auth_error(session):
    session.variable(1.0, name="x")
    token, session.token = session.token, None
    try:
        with pytest.raises(AuthError) as e:
            session.get("x")
    finally:
        session.token = token
    assert e.value.status == 401


def test_wrong_token_is_not_found(session):
    token, session.token = session.token, "not-the-token"
    try:
        with pytest.raises(UnknownSession) as e:
            session.variables()
    finally:
        session.token = token
    assert e.value.title == "Unknown session"


def test_absent_device_is_device_unavailable(client):
    with pytest.raises(DeviceUnavailable) as e:
        client.session(device="cuda:7")
    assert e.value.status == 409


def test_oversized_tensor_is_payload_too_large(session):
    with pytest.raises(LimitExceeded) as e:
        session.variable(init="zeros", shape=[100_000, 1_000])
    assert e.value.status == 413
    assert "100000000 elements" in e.value.detail


def test_shape_mismatch_is_invalid_request_with_torchs_reason(session):
    a = session.variable([[1.0, 2.0, 3.0]])
    with pytest.raises(ComputationFailed) as e:
        a @ a
    assert e.value.status == 422
    assert "matmul" in e.value.detail and "[1, 3]" in e.value.detail


def test_expression_error_carries_the_errors_list(session):
    with pytest.raises(InvalidExpression) as e:
        session.compute("y = x +")
    assert e.value.errors[0]["line"] == 1
    assert "syntax error" in e.value.errors[0]["msg"]


def test_backward_without_requires_grad_is_invalid(session):
    y = session.variable([1.0, 2.0]).sum()
    with pytest.raises(InvalidRequest, match="does not require grad"):
        y.backward()


def test_full_server_is_too_many_sessions_with_retry_after(full_server):
    with Client(full_server.url, retry=NO_RETRY) as c, c.session(), pytest.raises(TooManySessions) as e:
        c.session()
    assert (e.value.status, e.value.retry_after) == (429, 1.0)


def test_5xx_is_server_error():
    answers = httpx.MockTransport(lambda request: httpx.Response(503, json={"title": "Busy", "detail": "later"}))
    with Client("http://server.invalid", transport=answers, retry=NO_RETRY) as c, pytest.raises(ServerError) as e:
        c.ops()
    assert (e.value.status, e.value.title, e.value.detail) == (503, "Busy", "later")


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, InvalidRequest), (401, AuthError), (404, NotFound), (405, MethodNotAllowed), (409, Conflict),
     (413, PayloadTooLarge), (422, InvalidRequest), (429, TooManyRequests), (500, ServerError),
     (502, ServerError), (418, AutogradError)],
)  # fmt: skip
def test_a_problem_without_a_known_type_maps_by_its_status(status, cls):
    for kind in (None, "/problems/from-a-newer-server"):
        body = {"title": "T", "detail": "D", "status": status, **({"type": kind} if kind else {})}
        error = from_response(status, {}, json.dumps(body).encode())
        assert type(error) is cls
        assert (error.status, error.title, error.detail, error.type) == (status, "T", "D", kind or "about:blank")


@pytest.mark.parametrize(
    ("status", "kind", "cls"),
    [(409, "/problems/idempotent-answer-gone", IdempotentAnswerGone),
     (409, "/problems/device-not-available", DeviceUnavailable),
     (429, "/problems/too-many-idempotency-keys", TooManyIdempotencyKeys),
     (429, "/problems/too-many-sessions", TooManySessions),
     (404, "/problems/unknown-session", UnknownSession),
     (422, "/problems/anomaly-detected", AnomalyDetected),
     (503, "/problems/host-unavailable", HostUnavailable)],
)  # fmt: skip
def test_a_problem_maps_by_its_type_before_its_status(status, kind, cls):
    body = json.dumps({"type": kind, "title": "T", "detail": "D", "status": status}).encode()
    error = from_response(status, {"retry-after": "3"}, body)
    assert type(error) is cls
    assert error.type == kind
    if isinstance(error, TooManyRequests):
        assert error.retry_after == 3.0


def test_a_type_whose_status_varies_maps_by_its_status():
    body = b'{"type": "/problems/http-error", "title": "HTTP error", "detail": "D", "status": 404}'
    assert type(from_response(404, {}, body)) is NotFound


def test_the_status_table_names_only_subclasses_of_autograd_error():
    assert all(issubclass(cls, AutogradError) and cls is not AutogradError for cls in BY_STATUS.values())


def test_the_idempotency_cap_is_too_many_idempotency_keys_not_too_many_sessions(capped_server):
    with Client(capped_server.url, retry=NO_RETRY) as c, c.session() as s:
        s.variable(1.0, name="x")  # the session's first Idempotency-Key, its caller's only one
        with pytest.raises(TooManyIdempotencyKeys) as e:
            s.variable(2.0, name="y")
    assert (e.value.status, e.value.type) == (429, "/problems/too-many-idempotency-keys")
    assert not isinstance(e.value, TooManySessions)


def test_a_body_that_is_not_problem_json_still_gives_a_detail():
    error = from_response(502, {}, b"Bad Gateway")
    assert (type(error), error.detail) == (ServerError, "Bad Gateway")


def test_api_key_is_sent_when_given(keyed_server):
    with Client(keyed_server.url) as anonymous, pytest.raises(AuthError):
        anonymous.session()
    with Client(keyed_server.url, api_key="k1") as keyed, keyed.session() as s:
        assert s.variable([2.0], requires_grad=True).sum().item() == 2.0
