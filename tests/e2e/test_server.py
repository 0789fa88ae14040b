"""The real server process over real HTTP: the seed example and concurrent accumulation."""

from concurrent.futures import ThreadPoolExecutor

import httpx

from service.middleware.edge import PIECE
from tests.conftest import LiveServer


def session(url: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=url, timeout=30)
    body = client.post("/v1/sessions", json={"device": "cpu"}).json()
    client.headers["Authorization"] = f"Bearer {body['token']}"
    return client, f"/v1/sessions/{body['id']}"


def test_seed_example_over_http(live_server: LiveServer):
    c, base = session(live_server.url)
    c.put(f"{base}/variables/x", json={"data": [[1, 1], [1, 1]], "requires_grad": True})
    assert c.post(f"{base}/compute", json={"expr": "y = x.sum()"}).json()["variables"]["y"]["data"] == 4.0
    seen = [c.post(f"{base}/backward", json={"variable": "y"}).json()["grads"]["x"][0][0] for _ in range(3)]
    assert seen == [1.0, 2.0, 3.0]
    c.post(f"{base}/zero_grad", json={})
    c.post(f"{base}/backward", json={"variable": "y"})
    assert c.get(f"{base}/variables/x").json()["grad"] == [[1.0, 1.0], [1.0, 1.0]]
    assert c.delete(base).status_code == 204


def test_concurrent_backward_on_one_session_and_across_sessions(live_server: LiveServer):
    clients = [session(live_server.url) for _ in range(4)]
    for c, base in clients:
        c.put(f"{base}/variables/x", json={"data": [1.0, 2.0], "requires_grad": True})
        c.post(f"{base}/compute", json={"expr": "y = (x * x).sum()"})

    def hit(i: int) -> int:
        c, base = clients[i % 4]
        return c.post(f"{base}/backward", json={"variable": "y"}).status_code

    with ThreadPoolExecutor(16) as pool:
        assert set(pool.map(hit, range(64))) == {200}
    for c, base in clients:
        assert c.get(f"{base}/variables/x").json()["grad"] == [2.0 * 16, 4.0 * 16]


def test_64_concurrent_clients_on_one_session_lose_nothing(live_server: LiveServer):
    owner, base = session(live_server.url)
    token = owner.headers["Authorization"]
    owner.put(f"{base}/variables/x", json={"data": [[1, 2], [3, 4]], "requires_grad": True})
    owner.post(f"{base}/compute", json={"expr": "y = (x * x).sum()"})

    def client_loop(i: int) -> list[int]:
        with httpx.Client(base_url=live_server.url, timeout=60, headers={"Authorization": token}) as c:
            return [c.post(f"{base}/backward", json={"variable": "y"}).status_code for _ in range(3)]

    with ThreadPoolExecutor(64) as pool:
        codes = [code for codes in pool.map(client_loop, range(64)) for code in codes]
    assert codes == [200] * 192
    assert owner.get(f"{base}/variables/x").json()["grad"] == [[2 * 192, 4 * 192], [6 * 192, 8 * 192]]


def test_a_graceful_stop_on_sigterm_exits_0():
    server = LiveServer().start()
    server.stop()  # SIGTERM, then wait
    assert server.proc is not None and server.proc.returncode == 0


def test_a_large_json_body_and_answer_cross_the_real_server_whole(live_server: LiveServer):
    """2.3 MB of JSON: validated on the session's host (not the event loop), answered in 1 MiB pieces."""
    c, base = session(live_server.url)
    data = [float(i) for i in range(300_000)]
    bad = c.put(f"{base}/variables/x", json={"data": data, "requires_grad": "maybe"})
    assert bad.status_code == 422 and bad.json()["detail"] == "requires_grad: Input should be a valid boolean"
    assert c.get(f"{base}/variables").json()["variables"] == []
    assert c.put(f"{base}/variables/x", json={"data": data, "requires_grad": True}).status_code == 201
    r = c.get(f"{base}/variables/x")
    assert int(r.headers["content-length"]) == len(r.content) > 2 * PIECE
    assert r.json()["data"] == data and r.json()["grad"] is None
    inputs = {"x": {"data": data, "dtype": "float64"}}  # sessionless: every host is a CPU host here
    r = c.post("/v1/evaluate", json={"expr": "y = x.sum()", "inputs": inputs})
    assert r.status_code == 200 and r.json()["outputs"]["y"]["data"] == sum(data)
