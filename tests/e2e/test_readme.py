"""The README's seed example runs against a real server, in curl, as an expression and as a JSON graph,
and its JSON graph means what the README says it does."""

from __future__ import annotations

import json
import re
import subprocess

import httpx

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, re.S | re.M)


def block(lang: str, holding: str) -> str:
    return next(code for kind, code in BLOCKS if kind == lang and holding in code)


def test_the_curl_seed_example_then_its_json_graph_form(live_server, tmp_path):
    script = (block("sh", "S=$(curl") + block("sh", '"graph"')).replace("localhost:8000", live_server.url)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert json.loads(lines[3]) == {"grads": {"x": [[2.0, 2.0], [2.0, 2.0]]}}
    assert json.loads(lines[5])["grad"] == [[0.0, 0.0], [0.0, 0.0]]
    graph = json.loads(lines[-1])
    assert graph["variables"]["y"]["data"] == 4.0 and graph["variables"]["y"]["grad_fn"] == "SumBackward0"
    assert graph["grads"] == {"x": [[1.0, 1.0], [1.0, 1.0]]}


def computed(url: str, body: dict) -> dict:
    """``compute`` in a fresh session holding the leaves x and w."""
    made = httpx.post(f"{url}/v1/sessions", json={}).json()
    auth, at = {"Authorization": f"Bearer {made['token']}"}, f"{url}/v1/sessions/{made['id']}"
    for name, data in (("x", [[0.0, 1.0], [2.0, 3.0]]), ("w", [[1.0, -1.0], [0.5, 2.0]])):
        assert httpx.put(f"{at}/variables/{name}", json={"data": data}, headers=auth).status_code == 201
    answer = httpx.post(f"{at}/compute", json=body, headers=auth)
    assert answer.status_code == 200, answer.text
    return answer.json()["variables"]["y"]


def test_the_json_graph_is_the_expression_it_stands_for(live_server):
    expression = re.search(r"`(a = cos\(x\);[^`]*)` is", README)
    assert expression is not None
    from_expr = computed(live_server.url, {"expr": expression.group(1)})
    from_graph = computed(live_server.url, {"graph": json.loads(block("json", '"nodes"'))})
    assert from_graph["data"] == from_expr["data"] and from_graph["shape"] == [2]
