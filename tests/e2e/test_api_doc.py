"""docs/api.md is true: each shell or Python example followed by a ``text`` block runs against a real server
and prints exactly that text. Shell examples start from the page's "setup for the examples below" block."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "api.md"
DOC_URL = "http://127.0.0.1:8000"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
SETUP = "# setup for the examples below"


def examples() -> tuple[str, list[tuple[str, str, str]]]:
    """The shell setup, and (language, code, expected output) for every example with its output shown."""
    blocks = [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text())]
    setup = "".join(code for lang, code in blocks if lang == "sh" and code.startswith(SETUP))
    pairs = [
        (lang, code, blocks[i + 1][1])
        for i, (lang, code) in enumerate(blocks[:-1])
        if lang in ("sh", "python") and blocks[i + 1][0] == "text"
    ]
    return setup, pairs


SETUP_CODE, EXAMPLES = examples()


def test_the_page_has_its_examples():
    assert SETUP_CODE
    assert [lang for lang, _, _ in EXAMPLES].count("sh") >= 5
    assert [lang for lang, _, _ in EXAMPLES].count("python") >= 1


@pytest.mark.parametrize(("lang", "code", "expected"), EXAMPLES, ids=[f"{i}-{e[0]}" for i, e in enumerate(EXAMPLES)])
def test_the_example_prints_what_the_page_shows(live_server, tmp_path, lang, code, expected):
    if lang == "sh":
        cmd = ["bash", "-euo", "pipefail", "-c", (SETUP_CODE + code).replace(DOC_URL, live_server.url)]
    else:
        cmd = [sys.executable, "-c", code.replace(DOC_URL, live_server.url)]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
