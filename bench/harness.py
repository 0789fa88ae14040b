"""What every benchmark shares: real servers on loopback, timing helpers and the table printer.

A server is a child process (``python -m service`` or ``python -m bench.serve MODULE:APP``) on a free
127.0.0.1 port, stopped when the benchmark ends. Timings are medians of several rounds that
alternate baseline and subject, because these machines are noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server process on a free loopback port; ``args`` follow ``python -m``."""

    def __init__(self, module_args: Sequence[str], env: dict[str, str] | None = None, health: str = "/healthz"):
        self.port = free_port()
        self.host = "127.0.0.1"
        self.url = f"http://{self.host}:{self.port}"
        self.cmd = [sys.executable, "-m", *module_args, "--host", self.host, "--port", str(self.port)]
        self.env = {**os.environ, **(env or {})}
        self.log_level = self.env.pop("BENCH_LOG_LEVEL", "warning")
        self.health = health
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> Server:
        self.proc = subprocess.Popen(
            [*self.cmd, "--log-level", self.log_level], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server {self.cmd} exited early with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=1)
                conn.request("GET", self.health)
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server {self.cmd} did not answer {self.health} in {timeout} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss(self) -> int:
        """Resident bytes of the server process and its descendants now (the host processes, where the
        sessions live, included), shared pages divided among the processes sharing them."""
        assert self.proc is not None
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
            children.setdefault(ppid, []).append(int(stat.parent.name))
        total, todo = 0, [self.proc.pid]
        while todo:
            pid = todo.pop()
            total += _resident(pid)
            todo += children.get(pid, [])
        return total


def _resident(pid: int) -> int:
    """Its proportional set size: pages a forked host shares with the launcher count once over them all."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in lines if line.startswith("Pss:")), 0)


@contextmanager
def serving(*servers: Server) -> Iterator[tuple[Server, ...]]:
    try:
        for s in servers:
            s.start()
        yield servers
    finally:
        for s in servers:
            s.stop()


def service(device_env: dict[str, str] | None = None) -> Server:
    return Server(["service"], env=device_env)


def app_server(target: str) -> Server:
    """One of ``bench.apps``' baselines under the same uvicorn settings as the service."""
    return Server(["bench.serve", target], health="/ping")


class Client:
    """A lean keep-alive HTTP/1.1 client (``http.client``), so client cost stays small and equal."""

    def __init__(self, server: Server, token: str | None = None) -> None:
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=120)
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        self.conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
        r = self.conn.getresponse()
        data = r.read()
        return r.status, data, {k.lower(): v for k, v in r.getheaders()}

    def json(self, method: str, path: str, obj: Any = None, ok: Sequence[int] = (200, 201), **headers: str) -> Any:
        body = None if obj is None else json.dumps(obj).encode()
        status, data, _ = self.call(method, path, body, {"content-type": "application/json", **headers})
        if status not in ok:
            raise RuntimeError(f"{method} {path}: {status} {data[:300]!r}")
        return json.loads(data) if data else None

    def close(self) -> None:
        self.conn.close()


def new_session(server: Server, device: str = "cpu") -> tuple[Client, str]:
    c = Client(server)
    s = c.json("POST", "/v1/sessions", {"device": device})
    c.headers["Authorization"] = f"Bearer {s['token']}"
    return c, f"/v1/sessions/{s['id']}"


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Seconds per call of ``fn``, ``repeat`` times."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def machine() -> str:
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gpu = f", {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else ""
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {cpu} · {os.cpu_count()} cores{gpu} · "
        f"Python {platform.python_version()} · torch {torch.__version__}"
    )


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table, printed and returned."""
    cells = [[str(c) for c in header], *[[_fmt(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [f"### {title}", ""]
    for k, r in enumerate(cells):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def _fmt(c: Any) -> str:
    if isinstance(c, float):
        return f"{c:.3g}" if abs(c) < 1000 else f"{c:,.0f}"
    return str(c)


def parser(doc: str | None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    p.add_argument("--device", default="cpu", help="the session's device: cpu, cuda, cuda:N")
    p.add_argument("--rounds", type=int, default=5, help="alternating rounds; medians are reported")
    return p
