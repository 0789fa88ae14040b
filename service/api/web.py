"""The playground page at ``/`` and its assets under ``/static/``, served from the ``web/`` folder.

Everything the page needs is served here (no CDN), and its Content-Security-Policy says so:
the page may load and call only this origin. The page talks to the API through the JavaScript
client, served as ``/static/client.js`` from ``clients/js/src/index.js`` as it is (no build step),
so the playground and every web frontend use the same code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse

from service.api.verbs import Caller, Verb

SOURCE_WEB = Path(__file__).resolve().parents[2] / "web"  # a checkout or an editable install
INSTALLED_WEB = Path(sys.prefix) / "share" / "autograd-service" / "web"  # a wheel's data files
WEB_DIR = (SOURCE_WEB if SOURCE_WEB.is_dir() else INSTALLED_WEB).resolve()
SOURCE_CLIENT = Path(__file__).resolve().parents[2] / "clients" / "js" / "src" / "index.js"
INSTALLED_CLIENT = Path(sys.prefix) / "share" / "autograd-service" / "client" / "index.js"
CLIENT_JS = SOURCE_CLIENT if SOURCE_CLIENT.is_file() else INSTALLED_CLIENT
ASSET_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


async def index(*_: object) -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", headers=PAGE_HEADERS)


async def client_js(*_: object) -> FileResponse:
    """The JavaScript client (``clients/js``), which ``app.js`` imports as an ES module."""
    return FileResponse(CLIENT_JS, media_type="text/javascript", headers=ASSET_HEADERS)


async def static(_request: Request, _ref: None, _facts: object, path: str) -> FileResponse:
    """A file of ``web/``; anything outside it (``..``, absolute paths) is a 404."""
    file = (WEB_DIR / path).resolve()
    if not file.is_relative_to(WEB_DIR) or not file.is_file():
        raise HTTPException(404, f"no static file {path!r}")
    return FileResponse(file, headers=ASSET_HEADERS)


VERBS = tuple(
    Verb("GET", path, None, "", "", (), query=(), caller=Caller.ANYONE, serve=serve, in_schema=False)
    for path, serve in (
        ("/", index),
        ("/static/client.js", client_js),
        ("/static/{path:path}", static),
    )
)
