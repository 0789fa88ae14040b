"""The server's distribution, as pip builds it: it ships engine and service but not the Python client
(its own distribution, autograd_client/pyproject.toml), and needs httpx only for its tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The server's wheel, built from a copy of what it is made of (the build writes beside its source)."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "node_modules")
    for folder in ("engine", "service", "web", "autograd_client", "clients/js/src"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    cmd = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(source)]
    built = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("autograd_service-*.whl")
    return zipfile.ZipFile(path)


def metadata(wheel: zipfile.ZipFile) -> list[str]:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode()).get_all("Requires-Dist") or []


def test_the_server_wheel_ships_engine_and_service_but_not_the_client(wheel):
    packages = {name.split("/")[0] for name in wheel.namelist() if name.endswith(".py")}
    assert packages == {"engine", "service"}


def test_httpx_is_a_test_tool_of_the_server_not_a_runtime_dependency(wheel):
    requires = metadata(wheel)
    httpx = [r for r in requires if r.startswith("httpx")]
    assert httpx and all('extra == "dev"' in r for r in httpx), requires


def test_the_runtime_takes_uvicorns_fast_parser_and_loop_and_bounds_what_it_subclasses(wheel):
    runtime = {r.split(";")[0].replace(" ", "") for r in metadata(wheel) if "extra ==" not in r}
    specs = {re.split(r"[<>=!~]", r, maxsplit=1)[0]: r for r in runtime}
    assert {"httptools", "uvloop", "uvicorn", "fastapi", "torch"} <= set(specs)
    for subclassed in ("uvicorn", "fastapi"):
        assert "<" in specs[subclassed], f"{specs[subclassed]}: the service subclasses its internals"


def test_each_extra_says_what_it_is_for(wheel):
    extras = {r.split('extra == "')[1].rstrip('"') for r in metadata(wheel) if "extra ==" in r}
    assert {"dev", "ray", "browser"} <= extras
    assert not any(r.startswith(("ray", "playwright")) and 'extra == "dev"' in r for r in metadata(wheel))
