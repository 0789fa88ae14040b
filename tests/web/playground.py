"""What the playground tests do by hand: set a leaf, compute, read a cell, ask the server directly."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from playwright.sync_api import Locator, Page, expect

WIDE = {"width": 1360, "height": 900}
NARROW = {"width": 420, "height": 860}  # a phone held upright


def open_playground(page: Page) -> None:
    page.goto("/")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")


def set_leaf(page: Page, name: str, values: str) -> None:
    page.fill("#leaf-name", name)
    page.fill("#leaf-value", values)
    page.check("#leaf-requires-grad")
    page.click("#leaf-submit")
    expect(page.locator(f'tr[data-name="{name}"]')).to_be_visible()
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")


def set_init_leaf(page: Page, name: str, init: str, shape: str, requires_grad: bool = True) -> None:
    """A leaf from an init (zeros, ones, randn, ...) rather than typed values."""
    page.fill("#leaf-name", name)
    page.select_option("#leaf-init", init)
    page.fill("#leaf-shape", shape)
    if page.is_checked("#leaf-requires-grad") != requires_grad:
        page.click("label.switch")  # the checkbox itself is drawn as the switch's track
    page.click("#leaf-submit")
    expect(page.locator(f'tr[data-name="{name}"]')).to_be_visible()
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    page.select_option("#leaf-init", "")


def compute(page: Page, expr: str, name: str) -> None:
    page.fill("#expr", expr)
    page.click("#compute")
    expect(page.locator(f'tr[data-name="{name}"]')).to_be_visible()
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")


def grad_of(page: Page, name: str) -> Locator:
    return page.locator(f'tr[data-name="{name}"] .cell-grad')


def screenshot(page: Page, path: Path, state: str = "ready", full_page: bool = True) -> None:
    """A PNG in tests/web/artifacts/, taken once the page is idle in ``state``."""
    expect(page.locator("#status-dot")).to_have_attribute("data-state", state)
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")


def session_headers(page: Page) -> dict[str, str]:
    return {"Authorization": f"Bearer {saved_session(page)['token']}"}


def saved_session(page: Page) -> dict:
    return json.loads(page.evaluate("sessionStorage.getItem('autograd-playground-session')"))


def server_graph(page: Page, live_server, name: str) -> dict:
    """What GET .../variables/{name}/graph answers for the page's own session."""
    route = f"{live_server.url}/v1/sessions/{saved_session(page)['id']}/variables/{name}/graph?format=json"
    answer = httpx.get(route, headers=session_headers(page))
    assert answer.status_code == 200
    return answer.json()
