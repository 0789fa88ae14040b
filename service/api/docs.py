"""The API docs (Swagger UI and ReDoc) with every asset served from this server, so they work offline.

ReDoc's bundle hard-codes one remote asset, the logo of its "API docs by Redocly" footer; the bundle
is served with that URL pointed at a small local mark instead.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import HTTPException, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from service.api.verbs import Caller, Verb

ASSETS = files("fastapi_offline") / "static"
SERVED = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}
CACHE = {"Cache-Control": "public, max-age=86400"}
REDOC_REMOTE_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
REDOC_LOGO = "/docs-assets/redoc-logo.svg"
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">'
    '<circle cx="8" cy="8" r="6" fill="none" stroke="#32329f" stroke-width="2"/></svg>'
)


async def swagger(request: Request, *_: object) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} — API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon.png",
    )


async def redoc(request: Request, *_: object) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} — API",
        redoc_js_url="/docs-assets/redoc.js",
        redoc_favicon_url="/docs-assets/favicon.png",
        with_google_fonts=False,
    )


async def redoc_bundle(request: Request, *_: object) -> Response:
    """ReDoc's bundle with its footer logo local; rewritten once per app."""
    bundle = getattr(request.app.state, "redoc_bundle", None)
    if bundle is None:
        raw = (ASSETS / "redoc.standalone.js").read_bytes()
        bundle = request.app.state.redoc_bundle = raw.replace(REDOC_REMOTE_LOGO, REDOC_LOGO.encode())
    return Response(bundle, media_type="text/javascript", headers=CACHE)


async def redoc_logo(*_: object) -> Response:
    return Response(LOGO_SVG, media_type="image/svg+xml", headers=CACHE)


async def asset(_request: Request, _ref: None, _facts: object, name: str) -> FileResponse:
    if name not in SERVED:
        raise HTTPException(404, f"no docs asset {name!r}")
    return FileResponse(str(ASSETS / name), headers=CACHE)


VERBS = tuple(
    Verb("GET", path, None, "", "", (), query=(), caller=Caller.ANYONE, serve=serve, in_schema=False)
    for path, serve in (
        ("/docs", swagger),
        ("/redoc", redoc),
        ("/docs-assets/redoc.js", redoc_bundle),
        ("/docs-assets/redoc-logo.svg", redoc_logo),
        ("/docs-assets/{name}", asset),
    )
)
