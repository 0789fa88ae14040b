"""`make test`'s browser step: it never installs a system package silently, and says how to enable the
browser tests where it cannot install one; apt's own output goes to a log, shown only when it fails.
apt-get and id are stand-ins on PATH here (a real apt-get would install chromium on this machine);
make, sh and the few tools the step uses (mktemp, cat, rm) are the real ones."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

MISSING = "/nonexistent/chromium"


def make_browser(bin_dir: Path) -> subprocess.CompletedProcess[str]:
    make = shutil.which("make")
    assert make, "make is needed"
    for tool in ("sh", "mktemp", "cat", "rm"):
        real = shutil.which(tool)
        assert real, f"{tool} is needed"
        (bin_dir / tool).symlink_to(real)
    env = {**os.environ, "PATH": str(bin_dir)}
    cmd = [make, "-s", "-C", str(ROOT), "browser", f"CHROMIUM={MISSING}"]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)


def stand_in(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def test_without_root_or_apt_it_says_how_to_enable_the_browser_tests(tmp_path: Path):
    stand_in(tmp_path, "id", "echo 1000")
    done = make_browser(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"make test: no {MISSING}, so the browser tests skip; "
        "to run them: sudo apt-get install --no-install-recommends chromium\n"
    )


def test_as_root_with_apt_it_says_what_it_installs_and_skips_recommends(tmp_path: Path):
    calls = tmp_path / "apt-calls"
    stand_in(tmp_path, "id", "echo 0")
    stand_in(tmp_path, "apt-get", f'echo "$*" >> {calls}; echo "Selecting previously unselected package"')
    done = make_browser(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "make test: installing Debian's chromium (apt-get, --no-install-recommends)"
        " for the browser tests in tests/web\n"
    )
    assert calls.read_text() == "update -qq\ninstall -y -qq --no-install-recommends chromium\n"


def test_when_apt_fails_its_log_is_shown_and_the_step_fails(tmp_path: Path):
    stand_in(tmp_path, "id", "echo 0")
    stand_in(tmp_path, "apt-get", 'echo "apt said: $*"; exit 100')
    done = make_browser(tmp_path)
    assert done.returncode != 0
    assert done.stdout.splitlines()[:2] == [
        "make test: installing Debian's chromium (apt-get, --no-install-recommends) for the browser tests in tests/web",
        "apt said: update -qq",
    ]
    assert "make: installing chromium failed (exit 100; its log: " in done.stdout
