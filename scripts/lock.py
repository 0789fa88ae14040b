"""Write lock/: every package that `make` and the image install, pinned with its hashes (pip-compile).

Run by `make lock`, after a range in pyproject.toml changed. The files are layers, each installed on
top of those before it (always with ``pip install --require-hashes``), so that an install takes only
what it is for:

    torch.txt   torch, the CPU build that lies on these machines (pip finds it through PIP_FIND_LINKS)
    serve.txt   the rest of the runtime, and setuptools to install the project (`make serve`; the
                image, which installs its own torch build first)
    ray.txt     what the ray extra adds (`make test`; the image with EXTRAS=ray)
    test.txt    what the dev and browser extras add (`make test`)

Each layer is compiled with the ones before it as constraints, so a package has one version in all.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "lock"
# name: (the extras compiled, what the file is for)
LAYERS = {
    "serve": ((), "the runtime without torch, and setuptools to install the project (make serve, the image)"),
    "ray": (("ray",), "what the ray extra adds to serve.txt (make test; the image built with EXTRAS=ray)"),
    "test": (("ray", "dev", "browser"), "what the dev and browser extras add to ray.txt (make test)"),
}
HEADER = """# {what}.
# Written by `make lock` (scripts/lock.py, pip-compile --generate-hashes) from pyproject.toml: do not edit.
# Installed with `pip install --require-hashes`, on top of {below}.
"""
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==")


def entries(text: str) -> dict[str, str]:
    """pip-compile's output as {normalized name: its lines (pin, hashes, via comments)}."""
    found: dict[str, str] = {}
    name = ""
    for line in text.splitlines(keepends=True):
        match = ENTRY.match(line)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            found[name] = line
        elif line.startswith((" ", "\t")) and name:
            found[name] += line
        else:  # a comment of pip-compile's own, between entries
            name = ""
    return found


def compile_layer(extras: tuple[str, ...], constraint: Path, out: Path) -> str:
    cmd = [
        str(Path(sys.executable).parent / "pip-compile"),
        "--quiet",
        "--no-header",
        "--generate-hashes",
        "--allow-unsafe",
        "--strip-extras",
        "--no-emit-index-url",
        "--no-emit-find-links",
        "--no-emit-trusted-host",
        "--build-deps-for=editable",
        f"--constraint={constraint}",
        *(f"--extra={e}" for e in extras),
        f"--output-file={out}",
        "pyproject.toml",
    ]
    subprocess.run(cmd, cwd=ROOT, check=True)
    return out.read_text().replace(f"{out.parent}/", "lock/").replace(f"{ROOT}/", "")


def write(name: str, what: str, below: str, pins: dict[str, str]) -> None:
    text = HEADER.format(what=what, below=below) + "".join(pins[k] for k in sorted(pins))
    (LOCK / f"{name}.txt").write_text(text)


def main() -> None:
    LOCK.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        constraint, seen = Path("constraints.txt"), set[str]()
        below = ["torch.txt"]
        for name, (extras, what) in LAYERS.items():
            out = Path(scratch) / f"{name}.txt"
            pins = entries(compile_layer(extras, constraint, out))
            if name == "serve":
                write("torch", "torch, the CPU build in PIP_FIND_LINKS (/opt/wheels) on these machines", "nothing",
                      {"torch": pins["torch"]})  # fmt: skip
                seen.add("torch")
            write(name, what, ", ".join(below), {k: v for k, v in pins.items() if k not in seen})
            seen |= pins.keys()
            below.append(f"{name}.txt")
            constraint = out


if __name__ == "__main__":
    main()
