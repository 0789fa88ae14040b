"""The playground on a phone-sized screen, and what the header's dot says after each kind of error."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.conftest import LiveServer
from tests.web.playground import (
    WIDE,
    compute,
    grad_of,
    open_playground,
    saved_session,
    screenshot,
    session_headers,
    set_leaf,
)

WIDTH = 420


def right_edge(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box["x"] + box["width"]


def test_at_420px_nothing_overflows_and_the_button_and_grad_column_show(narrow_page: Page, artifacts):
    page = narrow_page
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    for _ in range(3):
        page.click("#backward")
    expect(grad_of(page, "x")).to_have_text("[[3, 3], [3, 3]]")
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    wrap = page.evaluate("(e => [e.scrollWidth, e.clientWidth])(document.querySelector('.table-wrap'))")
    assert wrap[0] <= wrap[1], f"the variables table scrolls sideways: {wrap}"
    expect(page.locator("#new-session")).to_be_in_viewport()
    assert right_edge(page, "#new-session") <= WIDTH
    expect(grad_of(page, "x")).to_be_visible()  # under the value: a phone has no room for columns
    assert right_edge(page, 'tr[data-name="x"] .cell-grad pre') <= WIDTH
    assert right_edge(page, 'tr[data-name="x"] .delete') <= WIDTH
    expect(page.locator('tr[data-name="x"] .name-shape')).to_have_text("2 \u00d7 2 · float32")
    screenshot(page, artifacts / "playground-420px-top.png", full_page=False)
    page.locator("#variables").scroll_into_view_if_needed()
    screenshot(page, artifacts / "playground-420px-variables.png", full_page=False)
    compute(page, "loss = ((x - 3) ** 2).mean()", "loss")
    page.fill("#train-steps", "5")
    page.click("#train-submit")
    expect(page.locator("#train-status")).to_contain_text("5 steps · loss 4 → ")
    assert right_edge(page, "#train-plot") <= WIDTH
    assert right_edge(page, "#train-submit") <= WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    screenshot(page, artifacts / "playground-420px.png")


def test_the_requires_grad_badge_says_requires_grad(page: Page):
    open_playground(page)
    set_leaf(page, "x", "[1.0, 2.0]")
    compute(page, "y = x.sum(); c = ones(2).sum()", "c")
    expect(page.locator('tr[data-name="y"] .badge.rg')).to_have_text("requires_grad")
    expect(page.locator('tr[data-name="x"] .badge.rg')).to_have_text("requires_grad")
    expect(page.locator('tr[data-name="c"] .badge.rg')).to_have_count(0)


def test_a_refused_call_keeps_the_dot_green(page: Page, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    page.fill("#expr", "y = x +")
    page.click("#compute")
    expect(page.locator("#expr-error")).to_contain_text("422 · Invalid expression")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    page.fill("#expr", "y = nope * 2")
    page.click("#compute")
    expect(page.locator("#expr-error")).to_contain_text("nope")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    expect(page.locator("#session-label")).to_contain_text(f"session {saved_session(page)['id'][:8]}")
    screenshot(page, artifacts / "playground-refused-call.png")


def test_a_deleted_session_turns_the_dot_red_until_a_new_one(page: Page, live_server, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    compute(page, "y = x.sum()", "y")
    gone = saved_session(page)
    assert httpx.delete(f"{live_server.url}/v1/sessions/{gone['id']}", headers=session_headers(page)).status_code == 204
    page.click("#backward")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "gone")
    expect(page.locator("#session-label")).to_have_text("session gone · start a new one")
    expect(page.locator("#autograd-error")).to_contain_text("404 · Unknown session")
    expect(page.locator("#new-session")).to_have_class("ghost primary")
    screenshot(page, artifacts / "playground-session-gone.png", state="gone")
    page.click("#new-session")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    assert saved_session(page)["id"] != gone["id"]
    expect(page.locator("#empty")).to_be_visible()
    set_leaf(page, "x", "[5]")


def test_a_server_that_stops_answering_turns_the_dot_amber_not_red(browser, artifacts):
    server = LiveServer().start()
    context = browser.new_context(viewport=WIDE, base_url=server.url)
    try:
        page = context.new_page()
        open_playground(page)
        set_leaf(page, "x", "[1, 2, 3]")
        server.stop()
        page.click("#zero-grad")
        expect(page.locator("#status-dot")).to_have_attribute("data-state", "offline")
        expect(page.locator("#session-label")).to_have_text("service not answering")
        expect(page.locator("#autograd-error")).to_contain_text("No answer")
        expect(page.locator("#autograd-error")).to_contain_text("the service did not answer")
        screenshot(page, artifacts / "playground-offline.png", state="offline")
    finally:
        context.close()
        server.stop()
