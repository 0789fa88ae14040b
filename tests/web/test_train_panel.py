"""The Train panel: POST .../train streamed into the live loss plot (log10 when the loss is positive), and Stop."""

from __future__ import annotations

import time

import httpx
import torch
from playwright.sync_api import Page, expect

from tests.web.playground import compute, open_playground, saved_session, screenshot, session_headers, set_leaf

# Records every value the plot's data-points attribute takes, to see the plot grow event by event.
WATCH_PLOT = """() => {
  window.plotted = [];
  new MutationObserver((records) => records.forEach((r) => window.plotted.push(Number(r.target.dataset.points))))
    .observe(document.querySelector('#train-plot'), { attributes: true, attributeFilter: ['data-points'] });
}"""


def torch_sgd(start: list[float], lr: float, steps: int) -> tuple[list[float], list[float]]:
    """The same loop in process: the losses before each step and the leaf after the last."""
    x = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((x - 3) ** 2).mean()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses, x.tolist()


def leaf(page: Page, live_server, name: str) -> list[float]:
    route = f"{live_server.url}/v1/sessions/{saved_session(page)['id']}/variables/{name}"
    return httpx.get(route, headers=session_headers(page)).json()["data"]


def test_train_streams_the_loss_into_the_plot(page: Page, live_server, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    compute(page, "loss = ((x - 3) ** 2).mean()", "loss")
    expect(page.locator("#train-loss")).to_have_value("loss")
    page.select_option("#train-optimizer", "sgd")
    page.fill("#train-lr", "0.1")
    page.fill("#train-steps", "20")
    page.evaluate(WATCH_PLOT)
    page.click("#train-submit")
    losses, x = torch_sgd([1, 2, 3], 0.1, 20)
    expect(page.locator("#train-status")).to_have_text(f"20 steps · loss 1.6667 → {losses[-1]:.4f}")
    expect(page.locator("#train-plot")).to_have_attribute("data-points", "20")
    expect(page.locator("#train-plot path.loss-line")).to_have_count(1)
    plotted = page.evaluate("window.plotted")
    grown = [n for i, n in enumerate(plotted) if i == 0 or n != plotted[i - 1]]
    assert grown == list(range(21)), f"the plot did not grow one point per progress event: {plotted}"
    torch.testing.assert_close(torch.tensor(leaf(page, live_server, "x")), torch.tensor(x), rtol=1e-6, atol=1e-6)
    expect(page.locator("#train-stop")).to_be_hidden()
    screenshot(page, artifacts / "playground-train.png")


def test_stop_ends_the_loop_and_keeps_the_steps_taken(page: Page, live_server, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    compute(page, "loss = ((x - 3) ** 2).mean()", "loss")
    page.fill("#train-lr", "0.000001")
    page.fill("#train-steps", "1000000")
    page.click("#train-submit")
    expect(page.locator("#train-stop")).to_be_visible()
    expect(page.locator("#train-plot")).not_to_have_attribute("data-points", "0")
    page.click("#train-stop")
    expect(page.locator("#train-status")).to_contain_text("stopped (last plotted: step ")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    time.sleep(0.3)
    moved = leaf(page, live_server, "x")
    assert moved[0] > 1, "the steps taken were not kept"
    time.sleep(0.5)
    assert leaf(page, live_server, "x") == moved, "the loop goes on after Stop"
    screenshot(page, artifacts / "playground-train-stopped.png")


def test_the_loss_plot_goes_log_and_keeps_its_labels_whole(page: Page, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    compute(page, "loss = ((x - 3) ** 2).mean()", "loss")
    page.fill("#train-lr", "1")
    page.fill("#train-steps", "8")
    page.click("#train-submit")
    expect(page.locator("#train-status")).to_contain_text("8 steps · loss 1.6667 → ")
    plot = page.locator("#train-plot")
    expect(plot).to_have_attribute("data-scale", "log")
    labels = plot.locator("text.tick")
    expect(labels.filter(has_text="log scale")).to_have_count(1)
    view = plot.evaluate("svg => svg.viewBox.baseVal.width")
    spans = labels.evaluate_all(
        "texts => texts.map(t => { const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })"
    )
    assert all(start >= 0 and end <= view for _, start, end in spans), spans
    assert any("e-" in text for text, _, _ in spans), spans  # the lowest loss, millionths
    screenshot(page, artifacts / "playground-train-log.png")
