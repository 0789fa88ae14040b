"""kill -9 a durable server mid-load, restart it, and find every acknowledged change intact."""

import threading
import time

import httpx

from tests.conftest import LiveServer


def test_acknowledged_changes_survive_kill_9(tmp_path):
    env = {"AGS_STATE_DIR": str(tmp_path)}
    server = LiveServer(env).start()
    sessions = []
    for _ in range(3):
        c = httpx.Client(base_url=server.url, timeout=10)
        s = c.post("/v1/sessions", json={"device": "cpu"}).json()
        auth = {"Authorization": f"Bearer {s['token']}"}
        base = f"/v1/sessions/{s['id']}"
        c.put(f"{base}/variables/x", json={"data": [[1, 1], [1, 1]], "requires_grad": True}, headers=auth)
        c.post(f"{base}/compute", json={"expr": "y = x.sum()"}, headers=auth)
        sessions.append({"client": c, "auth": auth, "base": base, "acked": 0, "sent": 0, "puts": []})

    stop = threading.Event()

    def load(s):
        k = 0
        while not stop.is_set():
            k += 1
            try:
                if k % 5 == 0:
                    s["client"].put(f"{s['base']}/variables/v{k}", json={"data": [float(k)]}, headers=s["auth"])
                    s["puts"].append(k)
                else:
                    s["sent"] += 1
                    s["client"].post(f"{s['base']}/backward", json={"variable": "y"}, headers=s["auth"])
                    s["acked"] += 1
            except httpx.HTTPError:
                return

    threads = [threading.Thread(target=load, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    time.sleep(2.0)
    assert server.proc is not None
    server.proc.kill()  # SIGKILL: no shutdown code runs
    server.proc.wait()
    stop.set()
    for t in threads:
        t.join()

    restarted = LiveServer(env).start()
    try:
        for s in sessions:
            assert s["acked"] > 0
            with httpx.Client(base_url=restarted.url, timeout=10, headers=s["auth"]) as c:
                grad = c.get(f"{s['base']}/variables/x").json()["grad"]
                n = grad[0][0]
                assert grad == [[n, n], [n, n]]  # whole backward calls only, never a partial one
                assert s["acked"] <= n <= s["sent"]
                for k in s["puts"]:
                    assert c.get(f"{s['base']}/variables/v{k}").json()["data"] == [float(k)]
                assert c.post(f"{s['base']}/backward", json={"variable": "y"}).json()["grads"]["x"][0][0] == n + 1
    finally:
        restarted.stop()
