"""``python -m service --host H --port P``: run the service under uvicorn (``--settings``: list its settings).

The port is bound here, before the app starts, so that a busy port is one plain line and a non-zero
exit rather than a traceback. Once serving, where to go is written to stderr (stdout holds only the
JSON log lines).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import socket
import sys
from collections.abc import Iterator

import uvicorn

from service.app import create_app
from service.core.config import Settings, table
from service.core.connections import uvicorn_options
from service.middleware.logging import LEVELS, config

PORT = 8000  # the image's too (Dockerfile), and the Kubernetes manifest's (deploy/k8s)


class Server(uvicorn.Server):
    """uvicorn's server, exiting 0 after a graceful stop on SIGTERM or SIGINT, and saying where it serves.

    uvicorn re-raises the signal once it has shut down, so the process dies *by* it (status
    143); a stop that was asked for is not a failure to whoever waits on the process.
    """

    def __init__(self, settings: uvicorn.Config, banner: str) -> None:
        super().__init__(settings)
        self.banner = banner

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            self._captured_signals.clear()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Event streams never end by themselves: they are closed first, or the stop would wait for them."""
        watchers = getattr(getattr(self.config.app, "state", None), "watchers", None)
        if watchers is not None:
            watchers.close_all()
        await super().shutdown(sockets)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            print(self.banner, file=sys.stderr, flush=True)


def banner(host: str, port: int, backend: str) -> str:
    """The lines a person starting the server needs: the playground, the API docs, the backend."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    return "\n".join(
        [
            f"autograd-service is serving on {url} (backend: {backend})",
            f"  playground  {url}/",
            f"  API docs    {url}/docs  (ReDoc: {url}/redoc, reference: docs/api.md)",
        ]
    )


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, or exit 1 with one line saying how to pick another port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # The protocol named, not 0: asyncio turns Nagle off (TCP_NODELAY) only on connections of sockets
    # whose proto is IPPROTO_TCP, and with Nagle on, every answer waited ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
        return sock
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            reason = f"port {port} on {host} is already in use"
            hint = f"start on another port: PORT={port + 1} make serve (or --port {port + 1})"
            print(f"autograd-service: {reason}; {hint}", file=sys.stderr)
        else:
            print(f"autograd-service: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="autograd-service", description="PyTorch-exact autograd over HTTP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--log-level", default="info", choices=LEVELS)
    parser.add_argument("--settings", action="store_true", help="print every AGS_* setting and exit")
    args = parser.parse_args(argv)
    if args.settings:
        print(table(), end="")
        return
    sock = listen(args.host, args.port)
    settings = Settings()
    server = uvicorn.Config(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        log_config=config(args.log_level),
        access_log=False,  # service.middleware.logging writes the access lines, with the request id
        **uvicorn_options(settings),
    )
    Server(server, banner(args.host, sock.getsockname()[1], settings.backend)).run(sockets=[sock])


if __name__ == "__main__":
    main()
