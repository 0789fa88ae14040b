"""The shared contract suite against a server on the ray backend with no address: the server starts a
local Ray instance, as a developer's laptop (and CI) would."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytest.importorskip("ray")
pytestmark = pytest.mark.ray
RUN = ROOT.parent / "shared" / "conformance" / "run"


@pytest.mark.skipif(not RUN.exists(), reason="no ../shared/conformance beside the project")
def test_the_contract_suite_passes_on_a_local_ray_instance():
    env = {
        **os.environ,
        "AGS_BACKEND": "ray",
        "AGS_SERVE": f"{sys.executable} -m service --host 127.0.0.1 --port PORT",
        "PATH": f"{os.path.dirname(sys.executable)}:{os.environ.get('PATH', '')}",
    }
    run = subprocess.run(["bash", str(RUN), "-q"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
