"""``python -m bench.serve bench.apps:raw_echo --host H --port P``: a baseline app under uvicorn,
with the settings ``python -m service`` uses (same loop and HTTP parser, no access log)."""

from __future__ import annotations

import argparse

import uvicorn


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("app", help="module:attribute, e.g. bench.apps:fastapi_echo")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--log-level", default="warning")
    args = p.parse_args()
    uvicorn.run(args.app, host=args.host, port=args.port, log_level=args.log_level, access_log=False)


if __name__ == "__main__":
    main()
