"""The client as its own distribution: installed from autograd_client/ into a fresh venv, without torch,
it runs the seed example against a real server started from the project's venv."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SEED = """
import json, sys
from autograd_client import Client

with Client(sys.argv[1]) as c, c.session() as s:
    x = s.variable([[1, 1], [1, 1]], requires_grad=True, name="x")
    y = x.sum()
    seen = []
    for _ in range(3):
        y.backward()
        seen.append(x.grad)
    s.zero_grad()
    seen.append(x.grad)
    print(json.dumps({"y": y.data, "grad_fn": y.grad_fn, "grads": seen}))
"""


# Its version (in the metadata and the package) and py.typed, the PEP 561 marker type checkers look for.
SHIPPED = """
import autograd_client, importlib.metadata as m, importlib.resources as r
typed = r.files("autograd_client").joinpath("py.typed").is_file()
print(m.version("autograd-client"), autograd_client.__version__, typed)
"""


def run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_the_client_installs_alone_and_runs_the_seed_example(tmp_path: Path, live_server):
    source = tmp_path / "client-src"  # a copy, so that the build leaves nothing in the checkout
    shutil.copytree(
        ROOT / "autograd_client", source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info")
    )
    assert run(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path).returncode == 0
    python = tmp_path / "venv" / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", source, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    where = run(
        python,
        "-c",
        "import autograd_client, importlib.util as u; print(autograd_client.__file__, u.find_spec('torch'))",
        cwd=tmp_path,
    )
    path, torch = where.stdout.split()
    assert path.startswith(str(tmp_path / "venv")) and torch == "None", where.stdout + where.stderr
    names = run(python, "-m", "pip", "list", "--format=json", cwd=tmp_path).stdout
    assert {"autograd-client", "httpx"} <= {p["name"] for p in json.loads(names)}
    shipped = run(python, "-c", SHIPPED, cwd=tmp_path)
    assert shipped.stdout.split() == ["0.1.0", "0.1.0", "True"], shipped.stdout + shipped.stderr

    seed = run(python, "-c", SEED, live_server.url, cwd=tmp_path)
    assert seed.returncode == 0, seed.stderr
    assert json.loads(seed.stdout) == {
        "y": 4.0,
        "grad_fn": "SumBackward0",
        "grads": [
            [[1.0, 1.0], [1.0, 1.0]],
            [[2.0, 2.0], [2.0, 2.0]],
            [[3.0, 3.0], [3.0, 3.0]],
            [[0.0, 0.0], [0.0, 0.0]],
        ],
    }
