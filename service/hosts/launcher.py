"""The launcher: one process that has imported torch and the service once, and forks host processes.

A host started with ``python -m`` paid about two seconds of imports (torch alone 1.5 s) at every
start and every restart, and its neighbours waited that long for their 503s to end. The launcher
imports everything a host needs, never runs torch itself (no thread pool of torch's exists when it
forks, so a child starts clean), and forks a host in milliseconds. It also reaps its children and
reports how each ended (the exit status a server cannot ``waitpid`` for, as they are not its own).

A server process starts one launcher, on first need, and shares it between its apps (the test
suite makes hundreds). Protocol, over a ``SOCK_SEQPACKET`` pair, one JSON object a packet:
``{"spawn": n, "host": {...}}`` with two file descriptors (the host's socket, and the memory where it
notes the calls it runs)
is answered ``{"spawned": n, "pid": p}`` (or ``"error"``); ``{"exited": p, "code": c}`` comes when
host ``p`` ends (``c`` negative: killed by that signal). The launcher exits when the server's end
of the pair closes; its hosts live on until their own sockets close.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
from typing import Any

MAX_PACKET = 1 << 20


def serve(sock: socket.socket) -> None:
    """The launcher's loop: spawn on request, report every child that ends."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: object)
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_READ)
    selector.register(wake_r, selectors.EVENT_READ)
    while True:
        for key, _ in selector.select():
            if key.fileobj is sock:
                try:
                    data, fds, _, _ = socket.recv_fds(sock, MAX_PACKET, 2)
                except OSError:
                    data = b""
                if not data:
                    return
                _spawn(sock, json.loads(data), fds, (wake_r, wake_w))
            else:
                with contextlib.suppress(BlockingIOError):
                    os.read(wake_r, 512)
                _reap(sock)


def _spawn(sock: socket.socket, request: dict[str, Any], fds: list[int], wake: tuple[int, int]) -> None:
    try:
        pid = os.fork()
    except OSError as e:
        for fd in fds:
            os.close(fd)
        sock.send(json.dumps({"spawned": request["spawn"], "error": repr(e)}).encode())
        return
    if pid == 0:  # the host
        code = 1
        try:
            os.setsid()
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            sock.close()
            for fd in wake:
                os.close(fd)
            from service.hosts.worker import run

            code = run(request["host"], socket.socket(fileno=fds[0]), fds[1])
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    for fd in fds:
        os.close(fd)
    sock.send(json.dumps({"spawned": request["spawn"], "pid": pid}).encode())


def _reap(sock: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        with contextlib.suppress(OSError):
            sock.send(json.dumps({"exited": pid, "code": os.waitstatus_to_exitcode(status)}).encode())


def main() -> None:
    import service.hosts.worker

    service.hosts.worker.preload()
    gc.freeze()  # what is imported stays out of every collection, and its pages shared with the hosts
    serve(socket.socket(fileno=int(sys.argv[1])))


class Launcher:
    """The server's handle on its launcher: blocking and thread-safe, so that apps on different event
    loops share it; a reader thread resolves spawns and exits."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock = ours
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service.hosts.launcher", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            start_new_session=True,
            env={"MALLOC_ARENA_MAX": "2", **os.environ},  # each thread's 64 MB arena counts against RLIMIT_AS
        )
        theirs.close()
        self.lock = threading.Lock()
        self.requests = 0
        self.spawns: dict[int, concurrent.futures.Future[int]] = {}
        self.exits: dict[int, concurrent.futures.Future[int | None]] = {}
        self.alive = True
        threading.Thread(target=self._read, name="ags-launcher", daemon=True).start()

    def spawn(self, host: dict[str, Any], fds: list[int], timeout: float = 60.0) -> int:
        """Fork a host; returns its pid. The launcher closes its copies of ``fds``."""
        with self.lock:
            if not self.alive:
                raise OSError("the host launcher has ended")
            self.requests += 1
            n = self.requests
            future: concurrent.futures.Future[int] = concurrent.futures.Future()
            self.spawns[n] = future
            socket.send_fds(self.sock, [json.dumps({"spawn": n, "host": host}).encode()], fds)
        return future.result(timeout)

    def exit_of(self, pid: int) -> concurrent.futures.Future[int | None]:
        """How host ``pid`` ended (its exit code; None if the launcher ended first)."""
        with self.lock:
            return self.exits.setdefault(pid, concurrent.futures.Future())

    def _read(self) -> None:
        while True:
            try:
                data = self.sock.recv(MAX_PACKET)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            with self.lock:
                if "spawned" in message:
                    future = self.spawns.pop(message["spawned"])
                    if "error" in message:
                        future.set_exception(OSError(message["error"]))
                    else:
                        self.exits[message["pid"]] = concurrent.futures.Future()  # a reused pid's old end is gone
                        future.set_result(message["pid"])
                else:
                    self.exits.setdefault(message["exited"], concurrent.futures.Future()).set_result(message["code"])
        with self.lock:
            self.alive = False
            for spawn in self.spawns.values():
                spawn.set_exception(OSError("the host launcher ended"))
            for done in self.exits.values():
                if not done.done():
                    done.set_result(None)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)


_shared: Launcher | None = None
_shared_lock = threading.Lock()


def shared() -> Launcher:
    """This process's launcher, started on first use (and again if it ended)."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            _shared = Launcher()
            atexit.register(_shared.close)
        return _shared


if __name__ == "__main__":
    main()
