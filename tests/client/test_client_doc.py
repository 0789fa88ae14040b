"""docs/client.md's examples, each run as written against a real server (its URL put in for the doc's)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "client.md"
DOC_URL = "http://127.0.0.1:8000"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)


def test_the_reference_has_an_example_for_each_part():
    assert len(BLOCKS) >= 8
    assert all(DOC_URL in block for block in BLOCKS if "Client(" in block)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"example-{i + 1}" for i in range(len(BLOCKS))])
def test_each_example_runs(block, live_server):
    code = compile(block.replace(DOC_URL, live_server.url), f"{DOC.name} example", "exec")
    exec(code, {"__name__": "__doc_example__"})


def test_every_session_and_variable_method_is_in_the_reference():
    from autograd_client.session import SessionBase
    from autograd_client.variable import Variable

    text = DOC.read_text()
    public = {n for cls in (SessionBase, Variable) for n in vars(cls) if not n.startswith("_")}
    public |= {n for n in vars(Variable.__mro__[1]) if not n.startswith("_")}
    missing = sorted(n for n in public - {"variable_class"} if f"`{n}" not in text and f"{n}(" not in text)
    assert not missing, f"docs/client.md does not name: {missing}"
