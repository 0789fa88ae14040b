"""/docs and /redoc in a real browser: every request they make, images included, goes to this server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

PAGES = [("/docs", ".swagger-ui .info .title"), ("/redoc", "img[alt='redocly logo']")]


@pytest.mark.parametrize(("path", "ready"), PAGES)
def test_docs_pages_load_everything_from_this_server(page: Page, live_server, path: str, ready: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path)
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    foreign = [u for u in requested if not u.startswith((live_server.url, "data:", "blob:"))]
    assert requested and not foreign, foreign


def test_redoc_footer_logo_is_drawn(page: Page):
    page.goto("/redoc")
    logo = page.locator("img[alt='redocly logo']")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
