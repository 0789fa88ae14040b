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


def operation(page: Page, path: str):
    """One operation of Swagger UI, opened."""
    op = page.locator(f'.opblock:has(.opblock-summary-path[data-path="{path}"])').first
    op.locator(".opblock-summary").click()
    expect(op.locator(".responses-wrapper")).to_be_visible()
    return op


def test_swagger_offers_both_forms_of_compute_and_shows_a_real_answer(page: Page, artifacts):
    page.goto("/docs")
    op = operation(page, "/v1/sessions/{session_id}/compute")
    picker = op.locator(".examples-select select").first
    labels = picker.locator("option").all_inner_texts()
    assert [label.split(":")[0] for label in labels] == ["expression", "JSON graph"], labels
    body = op.locator(".body-param__example, .request-body .highlight-code").first
    expect(body).to_contain_text('"expr": "y = x.sum()"')
    picker.select_option(index=1)
    expect(body).to_contain_text('"nodes"')
    answer = op.locator(".responses-wrapper .response").first
    expect(answer).to_contain_text('"grad_fn": "SumBackward0"')
    expect(op).not_to_contain_text("additionalProp1")
    op.screenshot(path=str(artifacts / "docs-compute.png"))


def test_swagger_shows_export_as_a_binary_file(page: Page):
    page.goto("/docs")
    op = operation(page, "/v1/sessions/{session_id}/export")
    media = op.locator(".responses-wrapper .response").first.locator("select").first
    expect(media).to_have_value("application/octet-stream")
    assert media.locator("option").all_inner_texts() == ["application/octet-stream"]
