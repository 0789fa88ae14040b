"""No client text can reach eval, exec, compile or a pickle loader: checked on the source itself."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRS = {("pickle", "loads"), ("pickle", "load"), ("torch", "load"), ("marshal", "loads")}
# The one channel that carries pickles: the anonymous socket pair between the server and a host
# process (handed to it through the launcher, never bound to an address), read by
# service/hosts/frames.py. Only those two processes write to it, and client bytes travel inside it
# as bytes and validated models.
HOST_CHANNEL = {Path("service/hosts/frames.py")}


def sources():
    for folder in ("engine", "service", "autograd_client"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_no_dynamic_code_or_unpickling_in_the_product():
    found = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and f.id in FORBIDDEN_CALLS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {f.id}()")
            if (
                isinstance(f, ast.Attribute)
                and isinstance(f.value, ast.Name)
                and (f.value.id, f.attr) in FORBIDDEN_ATTRS
            ) and not (path.relative_to(ROOT) in HOST_CHANNEL and (f.value.id, f.attr) == ("pickle", "loads")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {f.value.id}.{f.attr}()")
            for kw in node.keywords:
                if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} allow_pickle")
    assert found == []
