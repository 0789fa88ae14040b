"""API keys, CORS, tokens kept only as hashes."""

from tests.service.conftest import Api, entries


def test_api_keys_guard_session_creation_and_stateless_routes(app_client):
    client = app_client(api_keys="k1, k2")
    assert client.post("/v1/sessions", json={}).status_code == 401
    assert client.post("/v1/sessions", json={}, headers={"X-API-Key": "nope"}).status_code == 401
    made = client.post("/v1/sessions", json={}, headers={"X-API-Key": "k2"})
    assert made.status_code == 201
    evaluate = {"expr": "y = x * 2", "inputs": {"x": {"data": [1.0]}}}
    assert client.post("/v1/evaluate", json=evaluate).status_code == 401
    assert client.post("/v1/evaluate", json=evaluate, headers={"X-API-Key": "k1"}).json()["outputs"]["y"]["data"] == [
        2.0
    ]
    token = made.json()["token"]  # a session's own routes need its token, not a key
    r = client.get(f"/v1/sessions/{made.json()['id']}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200


def test_without_keys_configured_no_key_is_needed(client):
    assert client.post("/v1/sessions", json={}).status_code == 201


def test_cors_is_off_by_default_and_allows_only_listed_origins(app_client):
    plain = app_client()
    r = plain.options("/v1/sessions", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    client = app_client(cors_origins="https://a.example")
    ok = client.options(
        "/v1/sessions", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "POST"}
    )
    assert ok.headers["access-control-allow-origin"] == "https://a.example"
    other = client.options(
        "/v1/sessions", headers={"Origin": "https://b.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in other.headers


def test_tokens_are_256_bit_and_only_their_hash_is_kept(app_client):
    client = app_client(backend="inline")  # reads the in-process hosts
    api = Api(client)
    entry = entries(client)[api.id]
    assert len(api.token) >= 43  # 32 random bytes, base64url
    assert api.token.encode() not in entry.token_hash and len(entry.token_hash) == 32
