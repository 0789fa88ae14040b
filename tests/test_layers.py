"""The house rules, checked on the source: no import loop, layers that stay apart, modules that fit.

Imports are read with ``ast`` (those under ``TYPE_CHECKING`` and inside functions count too), so a
loop hidden behind a late import fails here as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import engine

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("engine", "service", "autograd_client")
LINE_BUDGET = 400
FUNCTION_BUDGET = 80
DATA_TABLES = {"engine/ops.py"}  # one row per op: long by design, like derivatives.yaml


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules ``path`` imports, resolved to module names."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                out.add(name)
    return out


def test_no_import_loop_anywhere():
    known = modules()
    graph = {m: imports(p, known) - {m} for m, p in known.items()}
    for package in PACKAGES:  # a package's __init__ re-exports its modules: edges into it are fine
        for m in graph:
            graph[m].discard(package)
    done: set[str] = set()
    for start in graph:
        stack, path, on_path = [(start, iter(sorted(graph[start])))], [start], {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                loop = [*path[path.index(child) :], child]
                pytest.fail("import loop: " + " -> ".join(loop))
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)


def test_the_service_imports_only_engines_public_names():
    for module, path in modules().items():
        if not module.startswith("service"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("engine"):
                assert node.module == "engine", f"{path}: from {node.module} import ..."
                for alias in node.names:
                    assert alias.name in engine.__all__, f"{path}: engine.{alias.name} is not public"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name == "engine" or not alias.name.startswith("engine."), f"{path}: {alias.name}"


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("engine", ("service", "autograd_client", "fastapi", "starlette", "httpx")),
        ("service", ("autograd_client", "httpx")),  # the server's distribution has neither
        ("autograd_client", ("torch", "engine", "service")),
    ],
)
def test_layers_stay_apart(package, forbidden):
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path} imports {name}"


def test_every_module_fits_the_line_budget():
    over = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in modules().values()
        if str(p.relative_to(ROOT)) not in DATA_TABLES and (n := len(p.read_text().splitlines())) > LINE_BUDGET
    ]
    assert not over, f"modules over {LINE_BUDGET} lines: {over}"


def test_every_function_fits_the_function_budget():
    """A function a reader takes in whole: none over ``FUNCTION_BUDGET`` lines, its docstring included."""
    over = [
        f"{p.relative_to(ROOT)}: {node.name} is {node.end_lineno - node.lineno + 1} lines"
        for p in modules().values()
        for node in ast.walk(ast.parse(p.read_text()))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (node.end_lineno or node.lineno) - node.lineno + 1 > FUNCTION_BUDGET
    ]
    assert not over, f"functions over {FUNCTION_BUDGET} lines: {over}"
