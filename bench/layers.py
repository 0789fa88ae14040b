"""Where a small call's time goes, in-process (no sockets): the ASGI apps called directly.

A backward call on ``y = x.sum()`` (2x2) is timed whole, then without the middleware stack (the
router called straight), then as the relay's call alone (the hop to the host, the host's
checks and the engine), then as the engine's ``backward`` alone; each layer's cost is the
difference. The baseline is the bare FastAPI echo of benchmark 1, timed in the same run.
Run: ``python -m bench.layers [--backend inline|process]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

import engine
from bench.apps import fastapi_echo
from bench.harness import machine, table
from service.app import create_app
from service.core.config import Settings
from service.middleware.facts import Facts
from service.on_host.autograd import backward
from service.wire.schemas import Backward

Message = dict[str, Any]


async def asgi(app: Any, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> Message:
    """One request through ``app``; the answer's start message, its body under ``"body"``."""
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    if body:
        raw += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": raw,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "app": app,
    }
    sent = False
    answer: Message = {}

    async def receive() -> Message:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.update(message)
        else:
            answer["body"] = answer.get("body", b"") + message.get("body", b"")

    await app(scope, receive, send)
    return answer


async def per_call(fn: Callable[[], Awaitable[Any]], rounds: int) -> float:
    """The median seconds of ``fn`` over several batches of ``rounds`` calls."""
    for _ in range(rounds // 10):
        await fn()
    batches = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(rounds):
            await fn()
        batches.append((time.perf_counter() - start) / rounds)
    return statistics.median(batches)


async def measure(backend: str, rounds: int) -> list[list[Any]]:
    app = create_app(Settings(backend=backend, log_level="warning"))
    async with app.router.lifespan_context(app):
        made = await asgi(app, "POST", "/v1/sessions", b"{}")
        session = orjson.loads(made["body"])
        base, auth = f"/v1/sessions/{session['id']}", {"authorization": f"Bearer {session['token']}"}
        await asgi(app, "PUT", f"{base}/variables/x", b'{"data": [[1, 1], [1, 1]], "requires_grad": true}', auth)
        await asgi(app, "POST", f"{base}/compute", b'{"expr": "y = x.sum()"}', auth)
        body = b'{"variable": "y"}'
        checked = await asgi(app, "POST", f"{base}/backward", body, auth)
        assert checked["status"] == 200, checked
        relay = app.state.relay
        ref = relay.authorize(session["id"], auth["authorization"])
        model = Backward(variable="y")
        alone = engine.Session()
        engine.put(alone, "x", [[1, 1], [1, 1]], requires_grad=True)
        engine.compute(alone, engine.parse_expression("y = x.sum()"))

        async def whole() -> Any:
            return await asgi(app, "POST", f"{base}/backward", body, auth)

        bare = create_app(Settings(backend=backend, log_level="warning"))
        bare.state.relay, bare.user_middleware = relay, []  # the same hosts, none of our middleware

        async def router() -> Any:
            return await asgi(bare, "POST", f"{base}/backward", body, auth)

        async def hop() -> Any:
            return await relay.call(ref, backward, model, "list", facts=Facts())

        async def work() -> Any:
            return engine.backward(alone, "y")

        async def echo() -> Any:
            return await asgi(fastapi_echo, "POST", "/echo", body)

        async def healthz() -> Any:
            return await asgi(app, "GET", "/healthz")

        t = {
            name: await per_call(fn, rounds)
            for name, fn in [
                ("echo", echo),
                ("healthz", healthz),
                ("whole", whole),
                ("router", router),
                ("hop", hop),
                ("work", work),
            ]
        }
    us = {k: v * 1e6 for k, v in t.items()}
    return [
        ["bare FastAPI echo (baseline)", us["echo"], "", 1.0],
        ["GET /healthz, whole app", us["healthz"], "", us["echo"] / us["healthz"]],
        ["POST backward, whole app", us["whole"], "", us["echo"] / us["whole"]],
        ["  our middleware", us["whole"] - us["router"], "whole - app without it", ""],
        [
            "  FastAPI: routing, dependencies, validation",
            us["router"] - us["hop"],
            "app without it - relay",
            "",
        ],
        [f"  relay → host ({backend}) → answer", us["hop"] - us["work"], "relay call - engine", ""],
        ["  engine.backward", us["work"], "", ""],
    ]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--backend", choices=["inline", "process"], default="inline")
    p.add_argument("--rounds", type=int, default=500)
    args = p.parse_args()
    rows = asyncio.run(measure(args.backend, args.rounds))
    print(machine())
    table(
        f"A small call's layers in-process ({args.backend} hosts), medians of 7 x {args.rounds} calls",
        ["what", "µs per call", "how", "x echo calls/s"],
        rows,
    )


if __name__ == "__main__":
    main()
