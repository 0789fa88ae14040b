"""Starting the real process: it says where to go, and a busy port is one line and a non-zero exit."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, LiveServer


def start(port: int) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "service", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """A server on a port the OS picks (--port 0), and the first three lines it wrote to stderr."""
    proc = start(0)
    assert proc.stderr is not None
    lines = [proc.stderr.readline().rstrip("\n") for _ in range(3)]
    yield proc, lines
    proc.terminate()
    assert proc.wait(15) == 0


def test_start_says_where_the_playground_docs_and_backend_are(server):
    _, lines = server
    backend = os.environ.get("AGS_BACKEND", "process")  # the default, unless the environment says otherwise
    url = re.fullmatch(rf"autograd-service is serving on (http://127\.0\.0\.1:\d+) \(backend: {backend}\)", lines[0])
    assert url, lines
    base = url.group(1)
    assert lines[1] == f"  playground  {base}/"
    assert lines[2] == f"  API docs    {base}/docs  (ReDoc: {base}/redoc, reference: docs/api.md)"
    assert httpx.get(f"{base}/").headers["content-type"].startswith("text/html")
    assert httpx.get(f"{base}/docs").status_code == 200


def test_a_busy_port_exits_non_zero_with_one_line_naming_PORT():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        proc = start(port)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err == (
        f"autograd-service: port {port} on 127.0.0.1 is already in use; "
        f"start on another port: PORT={port + 1} make serve (or --port {port + 1})\n"
    )


def test_a_server_started_under_an_address_space_limit_starts_and_caps_its_hosts_below_it():
    limit = 6 << 30  # a batch scheduler's `ulimit -v`: no process may raise it
    server = LiveServer(wrap=["prlimit", f"--as={limit}", "--"]).start(timeout=90)
    try:
        hosts = httpx.get(f"{server.url}/v1/info", timeout=10).json()["hosts"]
        for host in hosts:
            cap = int(Path(f"/proc/{host['pid']}/limits").read_text().split("Max address space")[1].split()[0])
            assert cap <= limit
        s = httpx.post(f"{server.url}/v1/sessions", json={}, timeout=10)
        assert s.status_code == 201
    finally:
        server.stop()
