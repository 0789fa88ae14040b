"""The playground page in a real browser: the seed example by clicking, errors, the graph panel."""

from __future__ import annotations

import json

import httpx
from playwright.sync_api import Page, expect

# The graph route's JSON (GET .../variables/{name}/graph?format=json): edges run forward, leaf -> output.
GRAPH = {
    "variable": "y",
    "nodes": [
        {"id": "n0", "name": "y", "kind": "output", "shape": [], "leaf": None},
        {"id": "n1", "name": "SumBackward0", "kind": "op", "shape": [2, 2], "leaf": None},
        {"id": "n2", "name": "x", "kind": "leaf", "shape": [2, 2], "leaf": "x"},
    ],
    "edges": [{"from": "n2", "to": "n1"}, {"from": "n1", "to": "n0"}],
}


def open_playground(page: Page) -> None:
    page.goto("/")
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")


def set_leaf(page: Page, name: str, values: str) -> None:
    page.fill("#leaf-name", name)
    page.fill("#leaf-value", values)
    page.check("#leaf-requires-grad")
    page.click("#leaf-submit")
    expect(page.locator(f'tr[data-name="{name}"]')).to_be_visible()


def compute(page: Page, expr: str, name: str) -> None:
    page.fill("#expr", expr)
    page.click("#compute")
    expect(page.locator(f'tr[data-name="{name}"]')).to_be_visible()


def grad_of(page: Page, name: str):
    return page.locator(f'tr[data-name="{name}"] .cell-grad')


def screenshot(page: Page, path) -> None:
    expect(page.locator("#status-dot")).to_have_attribute("data-state", "ready")
    page.screenshot(path=str(path), full_page=True, animations="disabled")


def test_seed_example_by_clicking(page: Page, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    expect(page.locator('tr[data-name="y"] .cell-value')).to_have_text("4")
    expect(page.locator('tr[data-name="y"] .grad-fn')).to_have_text("SumBackward0")
    expect(grad_of(page, "x")).to_have_text("None")
    for _ in range(3):
        page.click("#backward")
    expect(grad_of(page, "x")).to_have_text("[[3, 3], [3, 3]]")
    screenshot(page, artifacts / "playground-seed.png")
    page.click("#zero-grad")
    expect(grad_of(page, "x")).to_have_text("[[0, 0], [0, 0]]")
    page.click("#backward")
    expect(grad_of(page, "x")).to_have_text("[[1, 1], [1, 1]]")


def test_the_page_uses_the_api_the_client_uses(page: Page, live_server):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    compute(page, "y = (x * x).sum()", "y")
    page.click("#backward")
    expect(grad_of(page, "x")).to_have_text("[2, 4, 6]")
    saved = json.loads(page.evaluate("sessionStorage.getItem('autograd-playground-session')"))
    headers = {"Authorization": f"Bearer {saved['token']}"}
    x = httpx.get(f"{live_server.url}/v1/sessions/{saved['id']}/variables/x", headers=headers).json()
    assert x["grad"] == [2.0, 4.0, 6.0]


def test_errors_show_the_problem_detail_inline(page: Page):
    open_playground(page)
    set_leaf(page, "x", "[1, 2, 3]")
    page.fill("#expr", "y = x +")
    page.click("#compute")
    expect(page.locator("#expr-error")).to_be_visible()
    expect(page.locator("#expr-error")).to_contain_text("422")
    expect(page.locator("#expr-error")).to_contain_text("line 1")
    page.fill("#expr", "y = x.sum()")
    page.click("#compute")
    expect(page.locator("#expr-error")).to_be_hidden()
    page.fill("#leaf-value", "[1, 2,")
    page.click("#leaf-submit")
    expect(page.locator("#leaf-error")).to_contain_text("Invalid values")


def test_graph_panel_draws_nodes_and_highlights_leaves(page: Page, artifacts):
    page.route("**/graph?format=json", lambda route: route.fulfill(json=GRAPH))
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    page.click("#backward")
    expect(page.locator("#graph-panel")).to_be_visible()
    expect(page.locator("#graph .node")).to_have_count(3)
    expect(page.locator("#graph .node.leaf")).to_contain_text("grad [[1, 1], [1, 1]]")
    expect(page.locator("#graph .node.op")).to_contain_text("SumBackward0")
    expect(page.locator("#graph .node.output")).to_contain_text("y")
    expect(page.locator("#graph path.edge")).to_have_count(2)
    screenshot(page, artifacts / "playground-graph.png")


def test_graph_panel_draws_the_servers_own_graph(page: Page, live_server):
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    session = json.loads(page.evaluate("sessionStorage.getItem('autograd-playground-session')"))
    route = f"{live_server.url}/v1/sessions/{session['id']}/variables/y/graph?format=json"
    answer = httpx.get(route, headers={"Authorization": f"Bearer {session['token']}"})
    assert answer.status_code == 200, answer.text  # the graph route is part of the contract: a 404 is a regression
    page.click("#backward")
    expect(page.locator("#graph .node.leaf")).to_contain_text("grad [[1, 1], [1, 1]]")
    expect(page.locator("#graph .node.op")).to_contain_text("SumBackward0")


def test_graph_panel_hides_when_the_route_is_missing(page: Page):
    page.route("**/graph?format=json", lambda route: route.fulfill(status=404, json={"title": "Not found"}))
    open_playground(page)
    set_leaf(page, "x", "[1.0]")
    compute(page, "y = x.sum()", "y")
    expect(page.locator("#graph-panel")).to_be_hidden()


def test_static_files_are_served_locally_and_nothing_outside_web(live_server):
    page = httpx.get(f"{live_server.url}/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        answer = httpx.get(f"{live_server.url}/static/{asset}")
        assert (answer.status_code, kind in answer.headers["content-type"]) == (200, True)
    assert "http" not in page.text.replace("http://www.w3.org", "")
    assert httpx.get(f"{live_server.url}/static/../pyproject.toml").status_code == 404
    assert httpx.get(f"{live_server.url}/static/%2e%2e/pyproject.toml").status_code == 404
