"""AGS_BACKEND=ray on a real multi-node Ray cluster on this machine (``ray.cluster_utils.Cluster``: a
head with no CPUs, two worker nodes of one CPU each), with real server replicas in front of it."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from autograd_client import Client, Retry
from tests.conftest import LiveServer
from tests.e2e.live import Owner, Proxy, dropped, read_all, slow_watcher

pytest.importorskip("ray")
from ray.cluster_utils import Cluster

pytestmark = pytest.mark.ray
NODE = {"num_cpus": 1, "object_store_memory": 80 << 20}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[tuple[Cluster, Path]]:
    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "object_store_memory": 80 << 20})
    for _ in range(2):
        c.add_node(**NODE)
    c.wait_for_nodes()
    yield c, tmp_path_factory.mktemp("shared-state")  # the "shared" folder every node reaches
    c.shutdown()


def replica(cluster: tuple[Cluster, Path], **env: str) -> LiveServer:
    c, state = cluster
    settings = {"AGS_BACKEND": "ray", "AGS_RAY_ADDRESS": c.address, "AGS_STATE_DIR": str(state), "AGS_CPU_HOSTS": "2"}
    return LiveServer({**settings, **env}).start(timeout=180)


class Session:
    def __init__(self, base: str, made: dict) -> None:
        self.id, self.host = made["id"], made["id"].split(".")[0]
        self.auth = {"Authorization": f"Bearer {made['token']}"}

    def path(self, rest: str = "") -> str:
        return f"/v1/sessions/{self.id}{rest}"


def summed(c: httpx.Client) -> Session:
    s = Session("", c.post("/v1/sessions", json={"device": "cpu"}).json())
    assert c.put(s.path("/variables/w"), json={"data": [0.0, 0.0], "requires_grad": True}, headers=s.auth).is_success
    assert c.post(s.path("/compute"), json={"expr": "y = w.sum()"}, headers=s.auth).is_success
    return s


def test_two_replicas_route_one_session_by_its_id_and_accumulate_exactly(cluster):
    a, b = replica(cluster), replica(cluster)
    try:
        with httpx.Client(base_url=a.url, timeout=60) as ca, httpx.Client(base_url=b.url, timeout=60) as cb:
            s = summed(ca)
            for i in range(10):
                r = (ca, cb)[i % 2].post(s.path("/backward"), json={"variable": "y"}, headers=s.auth)
                assert r.status_code == 200, r.text
            assert cb.get(s.path("/variables/w"), headers=s.auth).json()["grad"] == [10.0, 10.0]
            data = [float(i) for i in range(300_000)]  # 2.3 MB of JSON: validated on the actor, not the loop
            bad = cb.put(s.path("/variables/x"), json={"data": data, "requires_grad": "maybe"}, headers=s.auth)
            assert bad.status_code == 422 and bad.json()["detail"] == "requires_grad: Input should be a valid boolean"
            assert cb.put(s.path("/variables/x"), json={"data": data}, headers=s.auth).status_code == 201
            assert ca.get(s.path("/variables/x"), headers=s.auth).json()["data"] == data
            hosts = cb.get("/v1/info").json()["hosts"]
            assert [h["name"] for h in hosts] == ["cpu0", "cpu1"] and all(h["up"] for h in hosts)
            assert len({h["node"] for h in hosts}) == 2  # spread over the two worker nodes
    finally:
        a.stop()
        b.stop()


def test_a_lost_node_loses_no_acknowledged_backward_and_the_other_node_never_notices(cluster):
    c, _ = cluster
    server = replica(cluster)
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            sessions = [summed(client) for _ in range(4)]
            by_host = {h["name"]: h for h in client.get("/v1/info").json()["hosts"]}
            victim_node = by_host["cpu0"]["node"]
            acked = [0] * len(sessions)
            unavailable = [0] * len(sessions)
            stop = threading.Event()

            def load(i: int) -> None:
                s = sessions[i]
                with httpx.Client(base_url=server.url, timeout=120) as own:
                    while not stop.is_set():
                        key = str(uuid.uuid4())
                        while True:
                            r = own.post(
                                s.path("/backward"),
                                json={"variable": "y", "grads": "none"},
                                headers={**s.auth, "Idempotency-Key": key},
                            )
                            if r.status_code in (200, 409):
                                acked[i] += 1
                                break
                            assert r.status_code == 503, r.text
                            unavailable[i] += 1
                            time.sleep(0.2)

            threads = [threading.Thread(target=load, args=(i,)) for i in range(len(sessions))]
            for t in threads:
                t.start()
            time.sleep(1.0)
            node = next(n for n in c.worker_nodes if n.node_id == victim_node)
            c.remove_node(node, allow_graceful=False)
            c.add_node(**NODE)
            before = list(acked)
            deadline = time.monotonic() + 120
            while not all(a > b for a, b in zip(acked, before, strict=True)):  # every session works again
                assert time.monotonic() < deadline, "the lost host did not come back"
                time.sleep(0.2)
            stop.set()
            for t in threads:
                t.join(120)
            for i, s in enumerate(sessions):
                grad = client.get(s.path("/variables/w"), headers=s.auth).json()["grad"]
                assert grad == [float(acked[i])] * 2, (s.host, acked[i], grad)
            assert [unavailable[i] for i, s in enumerate(sessions) if s.host == "cpu1"] == [0, 0]
            assert client.get("/v1/info").json()["hosts"][0]["restarts"] >= 1
    finally:
        server.stop()


def test_a_call_past_the_budget_ends_its_actor_and_its_sessions_come_back(cluster):
    server = replica(cluster, AGS_MAX_COMPUTE_SECONDS="0.5", AGS_HOST_GRACE_SECONDS="0.5")
    try:
        with httpx.Client(base_url=server.url, timeout=120) as c:
            made: dict[str, list[Session]] = {}
            while not any(len(v) == 2 for v in made.values()):
                s = summed(c)
                made.setdefault(s.host, []).append(s)
            stuck, neighbour = next(v for v in made.values() if len(v) == 2)
            for _ in range(3):
                assert c.post(neighbour.path("/backward"), json={"variable": "y"}, headers=neighbour.auth).is_success
            began = time.monotonic()
            heavy = {"expr": "z = sort(sin(arange(16000000.0)))[0].sum()"}  # seconds of one kernel
            r = c.post(stuck.path("/compute"), json=heavy, headers=stuck.auth)
            assert r.status_code == 503 and "max_compute_seconds 0.5 s + 0.5 s grace" in r.json()["detail"], r.text
            assert time.monotonic() - began < 3.0
            deadline = time.monotonic() + 90
            while (r := c.get(neighbour.path("/variables/w"), headers=neighbour.auth)).status_code != 200:
                assert r.status_code == 503 and time.monotonic() < deadline, r.text
                time.sleep(0.5)
            assert r.json()["grad"] == [3.0, 3.0]
            names = [v["name"] for v in c.get(stuck.path("/variables"), headers=stuck.auth).json()["variables"]]
            assert names == ["w", "y"]  # no z: the call was not applied
            host = next(h for h in c.get("/v1/info").json()["hosts"] if h["name"] == stuck.host)
            # at least once: a new actor's first calls can pass a 1 s budget themselves on a busy machine
            assert host["kills"]["budget"] >= 1 and host["restarts"] >= 1
    finally:
        server.stop()


def test_a_memory_blow_up_is_a_413_and_the_actor_lives_on(cluster):
    cluster[0].add_node(**NODE)  # room for one more host actor
    server = replica(  # a namespace of its own: an actor made with these limits
        cluster,
        AGS_RAY_NAMESPACE="memory-test",
        AGS_CPU_HOSTS="1",
        AGS_HOST_MEMORY_BYTES=str(3 << 30),
        AGS_MAX_TENSOR_ELEMENTS=str(4 << 30),
        AGS_MAX_SESSION_BYTES=str(64 << 30),
    )
    try:
        with httpx.Client(base_url=server.url, timeout=120) as c:
            greedy, neighbour = summed(c), summed(c)
            pid = next(h["pid"] for h in c.get("/v1/info").json()["hosts"] if h["name"] == greedy.host)
            assert c.put(greedy.path("/variables/x"), json={"init": "ones", "shape": [40_000]}, headers=greedy.auth)
            r = c.post(greedy.path("/compute"), json={"expr": "z = outer(x, x)"}, headers=greedy.auth)  # 6.4 GB
            assert r.status_code == 413 and "host_memory_bytes" in r.json()["detail"], r.text
            assert c.post(neighbour.path("/backward"), json={"variable": "y"}, headers=neighbour.auth).is_success
            assert c.get(neighbour.path("/variables/w"), headers=neighbour.auth).json()["grad"] == [1.0, 1.0]
            hosts = {h["name"]: h for h in c.get("/v1/info").json()["hosts"]}
            assert (hosts[greedy.host]["pid"], hosts[greedy.host]["restarts"]) == (pid, 0)
    finally:
        server.stop()


def test_a_watcher_on_one_replica_follows_changes_made_through_another_and_resumes(cluster):
    """Actors cannot push: replica a asks for the events of the sessions it watches. Resuming after a dropped
    connection, and a slow watcher dropped while the owner's calls all go through, work as on host processes."""
    a, b = replica(cluster, AGS_EVENT_BACKLOG="16"), replica(cluster)
    proxy = Proxy(a.port)
    try:
        owner = Owner(b.url)
        owner.seed()
        with Client(proxy.url, retry=Retry(backoff=0.05)) as client:
            events = client.view(owner.id, owner.viewer()).events()
            hello = next(events)
            assert (hello.id, hello.type) == (2, "hello")
            owner.backward()
            owner.backward()
            assert [(e.id, e.data["grads"]["x"]["data"]) for e in (next(events), next(events))] == [
                (3, [[1.0, 1.0], [1.0, 1.0]]),
                (4, [[2.0, 2.0], [2.0, 2.0]]),
            ]
            proxy.cut()
            owner.backward()
            resumed = next(events)
            assert (resumed.id, resumed.data["grads"]["x"]["data"]) == (5, [[3.0, 3.0], [3.0, 3.0]])
        wide = Owner(b.url)
        wide.wide()
        slow = slow_watcher(a.port, wide)
        calls = 0
        while dropped(a.url) == 0:
            assert calls < 2000, "the slow watcher was not dropped"
            wide.backward()  # through b, each answered 200
            calls += 1
        assert read_all(slow).endswith(b'event: end\ndata: {"reason":"dropped"}\n\n\r\n0\r\n\r\n')
        owner.ok("DELETE", "", 204)
    finally:
        proxy.close()
        a.stop()
        b.stop()
