"""The baselines the service is measured against, served by ``python -m bench.serve``.

- ``fastapi_echo``: a bare FastAPI endpoint that validates a tiny JSON body with pydantic and echoes
  it: the floor of any FastAPI service (benchmark 1).
- ``raw_echo``: a raw ASGI app that reads the whole request body and answers with as many bytes as the
  ``x-answer-bytes`` header asks (the body itself when absent): the HTTP floor of moving those bytes
  (benchmark 2).
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel
from starlette.types import Receive, Scope, Send

fastapi_echo = FastAPI()


class Tiny(BaseModel):
    variable: str


@fastapi_echo.post("/echo")
async def echo(body: Tiny) -> Tiny:
    return body


@fastapi_echo.get("/ping")
async def ping() -> dict:
    return {"status": "ok"}


_ZEROS = bytearray()


async def raw_echo(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    chunks = []
    more = True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    want = dict(scope["headers"]).get(b"x-answer-bytes")
    if want is not None:
        n = int(want)
        if len(_ZEROS) < n:
            _ZEROS.extend(bytes(n - len(_ZEROS)))
        body = bytes(memoryview(_ZEROS)[:n])
    headers = [(b"content-type", b"application/octet-stream"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
