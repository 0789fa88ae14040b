"""Share: a read-only link (the viewer token in the URL's fragment) opens a page that watches the owner's
session live, through the events stream, with every edit control disabled."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import open_page
from tests.web.playground import WIDE, compute, grad_of, open_playground, saved_session, screenshot, set_leaf

# Records every value the plot's data-points attribute takes, to see the curve grow event by event.
WATCH_PLOT = """() => {
  window.plotted = [];
  new MutationObserver((records) => records.forEach((r) => window.plotted.push(Number(r.target.dataset.points))))
    .observe(document.querySelector('#train-plot'), { attributes: true, attributeFilter: ['data-points'] });
}"""
EDITS = ("#leaf-submit", "#leaf-value", "#leaf-name", "#compute", "#expr", "#backward", "#backward-target")
EDITS += ("#zero-grad", "#train-submit", "#train-steps", 'tr[data-name="x"] .delete', 'tr[data-name="y"] .delete')


@pytest.fixture
def viewer(browser, live_server) -> Iterator[Page]:
    yield from open_page(browser, live_server, WIDE)


def train(page: Page, steps: int) -> None:
    page.fill("#train-steps", str(steps))
    page.click("#train-submit")
    expect(page.locator("#train-status")).to_contain_text(f"{steps} steps · loss")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")


def test_a_shared_link_shows_the_owners_work_live_and_cannot_change_it(
    page: Page, viewer: Page, live_server, artifacts
):
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    page.click("#share")
    link = page.locator("#share-link")
    expect(link).to_be_visible()
    parts = urlsplit(link.input_value())
    shared = parse_qs(parts.fragment)
    assert parts.query == "" and set(shared) == {"session", "viewer"}  # the token in the fragment, never the query
    assert shared["session"] == [saved_session(page)["id"]] and shared["viewer"][0] != saved_session(page)["token"]

    viewer.goto(link.input_value())
    expect(viewer.locator("#status-dot")).to_have_attribute("data-state", "ready")
    expect(viewer.locator("#viewing")).to_be_visible()
    expect(viewer.locator("#session-label")).to_contain_text("read-only")
    expect(grad_of(viewer, "x")).to_have_text("None")
    viewer.evaluate(WATCH_PLOT)
    for k in (1, 2, 3):  # the owner clicks; the viewer's page follows, with no reload
        page.click("#backward")
        expect(grad_of(page, "x")).to_have_text(f"[[{k}, {k}], [{k}, {k}]]")
        expect(grad_of(viewer, "x")).to_have_text(f"[[{k}, {k}], [{k}, {k}]]")
    expect(viewer.locator("#graph .node.leaf")).to_contain_text("grad [[3, 3], [3, 3]]")

    compute(page, "loss = ((x - 3) ** 2).mean()", "loss")
    expect(viewer.locator('tr[data-name="loss"]')).to_be_visible()
    train(page, 20)
    expect(viewer.locator("#train-plot")).to_have_attribute("data-points", "4")  # a few losses of each loop
    train(page, 20)
    expect(viewer.locator("#train-plot")).to_have_attribute("data-points", "8")
    plotted = viewer.evaluate("window.plotted")
    assert [n for i, n in enumerate(plotted) if i == 0 or n != plotted[i - 1]] == list(range(1, 9))
    expect(viewer.locator("#train-plot path.loss-line")).to_have_count(1)

    for control in EDITS:
        expect(viewer.locator(control)).to_be_disabled()
    expect(viewer.locator("#share")).to_be_hidden()
    screenshot(viewer, artifacts / "playground-shared.png")
    token = shared["viewer"][0]
    refused = httpx.post(
        f"{live_server.url}/v1/sessions/{shared['session'][0]}/zero_grad",
        json={},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 403 and refused.json()["type"] == "/problems/read-only"
