"""``python -m service --host H --port P``: run the service under uvicorn."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

import uvicorn

from service.app import create_app
from service.connections import uvicorn_options
from service.logging import LEVELS, config


class Server(uvicorn.Server):
    """uvicorn's server, exiting 0 after a graceful stop on SIGTERM or SIGINT.

    uvicorn re-raises the signal once it has shut down, so the process dies *by* it (status
    143); a stop that was asked for is not a failure to whoever waits on the process.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            self._captured_signals.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="autograd-service", description="PyTorch-exact autograd over HTTP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--log-level", default="info", choices=LEVELS)
    args = parser.parse_args(argv)
    app = create_app()
    settings = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        log_config=config(args.log_level),
        access_log=False,  # service.logging writes the access lines, with the request id
        **uvicorn_options(app.state.settings),
    )
    Server(settings).run()


if __name__ == "__main__":
    main()
