"""lock/ against pyproject.toml: every requirement of each install pinned, in range, with hashes, once.

A range changed in pyproject.toml without `make lock` fails here, before an install could go stale.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "lock"
# Each install and the layers it reads, in order (Makefile, Dockerfile).
INSTALLS = {
    "runtime": ("torch", "serve"),
    "ray": ("torch", "serve", "ray"),
    "test": ("torch", "serve", "ray", "test"),
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)


def layer(name: str) -> dict[str, tuple[Version, int]]:
    """{package: (its pinned version, how many hashes)} of one lock file."""
    text = (LOCK / f"{name}.txt").read_text()
    pins = {canonicalize_name(m[1]): (Version(m[2]), m[3].count("--hash=")) for m in PIN.finditer(text)}
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9].*==", text, re.M)), f"{name}.txt: a pin without hashes"
    return pins


def project() -> dict[str, list[Requirement]]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = meta["optional-dependencies"]
    return {
        "runtime": [Requirement(r) for r in meta["dependencies"]],
        "ray": [Requirement(r) for r in extras["ray"]],
        "test": [Requirement(r) for r in extras["dev"] + extras["browser"]],
    }


def test_the_layers_are_disjoint_and_every_pin_has_a_hash():
    seen: set[str] = set()
    for name in INSTALLS["test"]:
        pins = layer(name)
        assert pins and all(hashes >= 1 for _, hashes in pins.values()), name
        assert not seen & pins.keys(), f"{name}.txt repeats {seen & pins.keys()}"
        seen |= pins.keys()


def test_torch_is_the_cpu_build_alone_in_its_layer():
    assert layer("torch") == {"torch": (Version("2.13.0+cpu"), 1)}


@pytest.mark.parametrize("install", INSTALLS)
def test_each_requirement_of_an_install_is_pinned_within_its_range(install):
    pins = {k: v for name in INSTALLS[install] for k, v in layer(name).items()}
    wanted = project()["runtime"] + (project()["ray"] if install != "runtime" else [])
    wanted += project()["test"] if install == "test" else []
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in lock/ for {install}: run make lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} is not {requirement}"


def test_the_project_builds_from_the_lock():
    assert "setuptools" in layer("serve")  # installs run pip --no-build-isolation on it
