"""Wide tensors in the variables table: a 64 by 64 leaf's grad stays in the card and in view, folded to its
shape and first values, at a laptop's width and a phone's; what torch calls a leaf but was computed says
so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.web.conftest import open_page
from tests.web.playground import compute, grad_of, open_playground, screenshot, set_init_leaf, set_leaf

BY = " \u00d7 "  # shapes print with a multiplication sign
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 420, "height": 860}


@pytest.fixture(params=[LAPTOP, PHONE], ids=["1280px", "420px"])
def sized_page(request, browser, live_server):
    yield from open_page(browser, live_server, request.param)


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return found


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["width"] > 0
        and inner["height"] > 0
    )


def test_a_64x64_grad_is_folded_in_view_and_unfolds(sized_page: Page, artifacts):
    page = sized_page
    width = page.viewport_size["width"]
    open_playground(page)
    set_init_leaf(page, "w", "randn", "64, 64")
    compute(page, "y = (w * 3).sum()", "y")
    page.click("#backward")
    summary = grad_of(page, "w").locator("button.fold")
    expect(summary).to_have_text(f"64{BY}64 [3, 3, 3, 3, …]")
    expect(page.locator('tr[data-name="w"] .cell-value button.fold')).to_contain_text(f"64{BY}64 [")
    page.locator('tr[data-name="w"]').scroll_into_view_if_needed()
    expect(summary).to_be_visible()
    expect(summary).to_be_in_viewport(ratio=1)
    card = box(page.locator(".card:has(#variables)"))
    viewport = {"x": 0, "y": 0, "width": width, "height": 1}
    assert inside(box(summary), card) and inside(box(summary), viewport), (box(summary), card)
    assert page.evaluate("document.documentElement.scrollWidth") == width
    screenshot(page, artifacts / f"playground-64x64-{width}px.png", full_page=False)

    summary.click()
    expect(summary).to_have_attribute("aria-expanded", "true")
    unfolded = page.locator('tr.unfolded-row[data-of="w"][data-field="grad"] pre')
    expect(unfolded).to_be_visible()
    expect(page.locator('tr.unfolded-row[data-of="w"] .unfolded-title')).to_have_text(f"w.grad · 64{BY}64 · float32")
    expect(unfolded).to_contain_text("...")  # 4096 values: the first and last three of each dimension
    unfolded.scroll_into_view_if_needed()
    assert inside(box(unfolded), card) and inside(box(unfolded), viewport)
    screenshot(page, artifacts / f"playground-64x64-unfolded-{width}px.png", full_page=False)
    page.click("#backward")  # the table is redrawn: what was opened stays open
    expect(summary).to_have_text(f"64{BY}64 [6, 6, 6, 6, …]")
    expect(unfolded).to_be_visible()


def test_at_420px_value_sits_over_grad_and_the_header_keeps_api_docs(narrow_page: Page):
    page = narrow_page
    open_playground(page)
    docs = page.locator(".top-actions a.link")
    expect(docs).to_have_text("API docs")
    expect(docs).to_be_in_viewport(ratio=1)
    assert box(docs)["x"] + box(docs)["width"] <= box(page.locator("#new-session"))["x"]
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    page.click("#backward")
    expect(grad_of(page, "x")).to_have_text("[[1, 1], [1, 1]]")
    value = box(page.locator('tr[data-name="x"] .cell-value'))
    grad = box(page.locator('tr[data-name="x"] .cell-grad'))
    assert grad["y"] >= value["y"] + value["height"] - 0.5, (value, grad)
    label = page.evaluate(
        "getComputedStyle(document.querySelector('tr[data-name=\"x\"] .cell-grad'), '::before').content"
    )
    assert label == '"grad"'


def test_a_computed_variable_that_needs_no_grad_says_so(page: Page, artifacts):
    open_playground(page)
    set_init_leaf(page, "o", "ones", "4, 5", requires_grad=False)
    compute(page, "c = cos(o)", "c")
    expect(page.locator('tr[data-name="c"] .badges .badge').first).to_have_text("computed, no grad")
    expect(page.locator('tr[data-name="o"] .badges .badge').first).to_have_text("leaf")
    expect(page.locator('tr[data-name="c"] .cell-value button.fold')).to_have_text(
        f"4{BY}5 [0.5403, 0.5403, 0.5403, 0.5403, …]"
    )
    expect(grad_of(page, "c")).to_have_text("—")
    expect(grad_of(page, "o")).to_have_text("None")
    screenshot(page, artifacts / "playground-cos-4x5.png")
