"""What the live-session tests share: a session made over HTTP, an events stream read on a thread, and a TCP
proxy whose connections a test can cut (a dropped connection, for real)."""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import threading
from typing import Any

import httpx

TIMEOUT_S = 30.0  # the longest wait for an event that must come (two shared cores)


class Owner:
    """A session and its owner's calls, straight to the server."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        made = self.http.post("/v1/sessions", json={"device": "cpu"}).json()
        self.id, self.token = made["id"], made["token"]
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.base = f"/v1/sessions/{self.id}"

    def ok(self, method: str, rest: str = "", status: int = 200, **kw: Any) -> Any:
        r = self.http.request(method, f"{self.base}{rest}", **kw)
        assert r.status_code == status, r.text
        return r.json() if r.content else None

    def seed(self) -> None:
        """x = ones(2, 2) with requires_grad, y = x.sum(): each backward adds 1 to every element of x.grad."""
        self.ok("PUT", "/variables/x", 201, json={"data": [[1, 1], [1, 1]], "requires_grad": True})
        self.ok("POST", "/compute", json={"expr": "y = x.sum()"})

    def backward(self) -> None:
        self.ok("POST", "/backward", json={"variable": "y", "grads": "none"})

    def viewer(self) -> str:
        return str(self.ok("POST", "/viewers", 201, json={})["token"])

    def wide(self) -> None:
        """y over 8 leaves of 64 elements: each backward's event carries 8 gradients of 64 values (6 kB)."""
        for i in range(8):
            self.ok(
                "PUT", f"/variables/x{i}", 201, json={"init": "rand", "shape": [64], "seed": i, "requires_grad": True}
            )
            self.ok("PUT", f"/variables/c{i}", 201, json={"init": "randn", "shape": [64], "seed": 100 + i})
        self.ok("POST", "/compute", json={"expr": "y = " + " + ".join(f"(x{i} * c{i}).sum()" for i in range(8))})


def slow_watcher(port: int, owner: Owner) -> socket.socket:
    """An events stream whose client does not read (a small receive buffer, soon full) until ``read_all``."""
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect(("127.0.0.1", port))
    auth = f"Authorization: Bearer {owner.token}"
    slow.sendall(f"GET {owner.base}/events HTTP/1.1\r\nHost: x\r\n{auth}\r\nConnection: close\r\n\r\n".encode())
    return slow


def read_all(sock: socket.socket) -> bytes:
    sock.settimeout(TIMEOUT_S)
    chunks = []
    while data := sock.recv(1 << 16):
        chunks.append(data)
    sock.close()
    return b"".join(chunks)


def dropped(url: str) -> float:
    """How many watchers the server at ``url`` has dropped for falling behind (its metrics)."""
    text = httpx.get(f"{url}/metrics").text
    line = next(line for line in text.splitlines() if line.startswith("ags_watchers_dropped_total"))
    return float(line.split()[-1])


class Reader:
    """An events stream read on a thread: each event (id, type, data) lands in ``events`` as it comes."""

    def __init__(self, url: str, path: str, token: str, last_event_id: int | None = None) -> None:
        self.headers = {"Authorization": f"Bearer {token}"}
        if last_event_id is not None:
            self.headers["Last-Event-ID"] = str(last_event_id)
        self.events: queue.Queue[tuple[int | None, str, Any] | None] = queue.Queue()
        self.status: int | None = None
        self.opened = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(url + path,), daemon=True)
        self.thread.start()
        assert self.opened.wait(TIMEOUT_S), "the stream did not open"

    def _read(self, url: str) -> None:
        try:
            with httpx.stream("GET", url, headers=self.headers, timeout=TIMEOUT_S * 2) as r:
                self.status = r.status_code
                self.opened.set()
                kind, seq = "message", None
                for line in r.iter_lines():
                    if line.startswith("event: "):
                        kind = line.removeprefix("event: ")
                    elif line.startswith("id: "):
                        seq = int(line.removeprefix("id: "))
                    elif line.startswith("data: "):
                        self.events.put((seq, kind, json.loads(line.removeprefix("data: "))))
                        kind, seq = "message", None
        finally:
            self.opened.set()
            self.events.put(None)

    def take(self, n: int = 1) -> list[tuple[int | None, str, Any]]:
        taken = []
        for _ in range(n):
            item = self.events.get(timeout=TIMEOUT_S)
            assert item is not None, f"the stream ended after {taken}"
            taken.append(item)
        return taken

    def ended(self) -> bool:
        """Whether the stream closed with nothing more (waited for)."""
        return self.events.get(timeout=TIMEOUT_S) is None


class Proxy:
    """A TCP proxy to ``port``; ``cut()`` drops every connection through it, both ways, as a network would."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.heads: list[bytes] = []  # the first bytes each client connection sent: its request head
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.port))
            self.open += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, request: bool) -> None:
        first = request
        try:
            while data := src.recv(1 << 16):
                if first:
                    self.heads.append(data)
                    first = False
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        for s in self.open:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.open = []

    def close(self) -> None:
        self.cut()
        self.listener.close()
