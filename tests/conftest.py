"""Fixtures shared by every test layer: a real server process, and the ASGI app in-process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The suite's apps and servers run the default backend, host processes, as `make serve` does; a test
# about in-process internals asks for `backend="inline"` itself.


class LiveServer:
    """``python -m service`` in its own process, on a loopback port the OS picks (``--port 0``: a port
    picked here and handed over could be taken by someone else in between)."""

    def __init__(self, env: dict[str, str] | None = None, wrap: list[str] | None = None) -> None:
        self.wrap = wrap or []  # a command the server runs under (``prlimit --as=…``)
        self.port = 0
        self.url = ""
        # the suite makes sessions far faster than one real client should: no creation rate here
        self.env = {**os.environ, "AGS_SESSION_CREATE_BURST": "1000000", **(env or {})}
        self.proc: subprocess.Popen[bytes] | None = None
        self.output: list[str] = []

    def start(self, timeout: float = 30.0) -> LiveServer:
        cmd = [
            *self.wrap,
            sys.executable,
            "-m",
            "service",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--log-level",
            "warning",
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        banner = threading.Event()
        threading.Thread(target=self._drain, args=(banner,), daemon=True).start()
        if not banner.wait(timeout) or not self.url:
            early = banner.is_set()  # its output ended without the banner: it exited
            self.stop()
            raise RuntimeError(("server exited early" if early else "no banner in time") + ":\n" + "".join(self.output))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited early:\n" + "".join(self.output))
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not become healthy in time")

    def _drain(self, banner: threading.Event) -> None:
        """Keep what the server writes (its pipe never fills); the banner names the port it got."""
        assert self.proc is not None and self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode(errors="replace")
            self.output.append(line)
            found = re.search(r"serving on (http://127\.0\.0\.1:(\d+))", line)
            if found and not banner.is_set():
                self.url, self.port = found.group(1), int(found.group(2))
                banner.set()
        banner.set()  # it exited before saying where it serves

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    server = LiveServer().start()
    yield server
    server.stop()
