"""The playground page in a real browser: the seed example by clicking, errors, the graph panel."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.web.playground import compute, grad_of, open_playground, saved_session, screenshot, server_graph, set_leaf

ROOT = Path(__file__).resolve().parents[2]


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
    saved = saved_session(page)
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


def test_graph_panel_draws_the_servers_graph_and_highlights_leaves(page: Page, live_server, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[[1, 1], [1, 1]]")
    compute(page, "y = x.sum()", "y")
    page.click("#backward")
    expect(page.locator("#graph-panel")).to_be_visible()
    expect(grad_of(page, "x")).to_have_text("[[1, 1], [1, 1]]")
    graph = server_graph(page, live_server, "y")
    assert [(n["kind"], n["name"]) for n in graph["nodes"]] == [("output", "y"), ("op", "SumBackward0"), ("leaf", "x")]
    expect(page.locator("#graph .node")).to_have_count(3)
    expect(page.locator("#graph .node.leaf")).to_contain_text("grad [[1, 1], [1, 1]]")
    expect(page.locator("#graph .node.op")).to_contain_text("SumBackward0")
    expect(page.locator("#graph .node.output")).to_contain_text("y")
    expect(page.locator("#graph path.edge")).to_have_count(len(graph["edges"]))
    screenshot(page, artifacts / "playground-graph.png")


def test_x_matmul_x_is_drawn_with_both_of_torchs_edges(page: Page, live_server, artifacts):
    open_playground(page)
    set_leaf(page, "x", "[[1, 2], [3, 4]]")
    compute(page, "m = x @ x", "m")
    expect(page.locator("#graph .node.op")).to_contain_text("MmBackward0")
    graph = server_graph(page, live_server, "m")
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert [(names[e["from"]], names[e["to"]]) for e in graph["edges"]] == [
        ("x", "MmBackward0"),
        ("x", "MmBackward0"),
        ("MmBackward0", "m"),
    ]
    edges = page.locator("#graph path.edge")
    expect(edges).to_have_count(3)
    leaf = page.locator("#graph .node.leaf").get_attribute("data-id")
    twins = page.locator(f'#graph path.edge[data-from="{leaf}"]')
    expect(twins).to_have_count(2)
    paths = [twins.nth(i).get_attribute("d") for i in range(2)]
    assert paths[0] != paths[1], "the two edges are drawn on top of each other"
    screenshot(page, artifacts / "playground-matmul-graph.png")


def test_deleting_the_drawn_variable_hides_its_graph(page: Page):
    open_playground(page)
    set_leaf(page, "x", "[1.0]")
    compute(page, "y = x.sum()", "y")
    expect(page.locator("#graph-panel")).to_be_visible()
    page.click('tr[data-name="y"] .delete')
    expect(page.locator('tr[data-name="y"]')).to_have_count(0)
    expect(page.locator("#graph-panel")).to_be_hidden()


def test_static_files_are_served_locally_and_nothing_outside_web(live_server):
    page = httpx.get(f"{live_server.url}/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset, kind in (("app.js", "javascript"), ("client.js", "javascript"), ("style.css", "text/css")):
        answer = httpx.get(f"{live_server.url}/static/{asset}")
        assert (answer.status_code, kind in answer.headers["content-type"]) == (200, True)
    client = httpx.get(f"{live_server.url}/static/client.js").text
    assert client == (ROOT / "clients" / "js" / "src" / "index.js").read_text()
    assert "http" not in page.text.replace("http://www.w3.org", "")
    assert httpx.get(f"{live_server.url}/static/../pyproject.toml").status_code == 404
    assert httpx.get(f"{live_server.url}/static/%2e%2e/pyproject.toml").status_code == 404
