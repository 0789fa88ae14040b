"""A real headless Chromium (Debian's), driven by Playwright, against the live server.

Chromium is never downloaded by Playwright: the Debian binary is used, and the Makefile's
``browser`` step installs it. Without it the tests skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.web.playground import NARROW, WIDE

CHROMIUM = Path("/usr/bin/chromium")
# Two cores shared with the server under test: give the page time rather than a flaky failure.
expect.set_options(timeout=15_000)
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run; `make browser` installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        unavailable(f"no {CHROMIUM}: to run the browser tests, sudo apt-get install --no-install-recommends chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, live_server, viewport: dict[str, int]) -> Iterator[object]:
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    yield from open_page(browser, live_server, WIDE)


@pytest.fixture
def narrow_page(browser, live_server) -> Iterator[object]:
    yield from open_page(browser, live_server, NARROW)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
