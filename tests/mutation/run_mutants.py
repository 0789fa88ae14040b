"""``make mutants``: mutmut over the modules that hold the semantics, each against the tests that cover it.

Not a test (pytest does not collect it) and not in CI: it takes tens of minutes on two cores.
Each group runs in its own scratch copy of the working tree (tracked and untracked files, not
ignored ones), so the checkout is never touched and a group's mutants meet only its tests.
Survivors are printed and written to ``<scratch>/<group>.txt``; docs/testing.md says what was
done about each. Usage: ``python tests/mutation/run_mutants.py [SCRATCH_DIR] [GROUP ...]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTMUT = Path(sys.executable).with_name("mutmut")
SECONDS_PER_GROUP = 3600

# group -> (modules to mutate, the tests that cover them)
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "session": (
        ["engine/session.py"],
        [
            "tests/engine",
            "tests/service/test_limits.py",
            "tests/service/test_routes.py",
            "tests/service/test_durable_restart.py",
        ],
    ),
    "auth": (
        ["service/core/relay.py", "service/api/verbs.py"],
        [
            "tests/service/test_session_tokens.py",
            "tests/service/test_auth_edges.py",
            "tests/service/test_security.py",
            "tests/service/test_durable_restart.py",
            "tests/service/test_durable_sessions.py",
            "tests/service/test_limits.py",
        ],
    ),
    "limits": (
        ["service/middleware/body.py", "service/middleware/edge.py"],
        [
            "tests/service/test_limits.py",
            "tests/service/test_json_depth_edges.py",
            "tests/e2e/test_body_limit_chunked.py",
        ],
    ),
    "idempotency": (
        ["service/middleware/idempotency.py"],
        [
            "tests/service/test_idempotency.py",
            "tests/service/test_idempotent_errors.py",
            "tests/service/test_idempotency_edges.py",
            "tests/e2e/test_body_limit_chunked.py",
        ],
    ),
    "state": (
        ["service/durable/state.py", "engine/snapshot.py"],
        [
            "tests/service/test_durable_sessions.py",
            "tests/service/test_durable_restart.py",
            "tests/e2e/test_durability.py",
        ],
    ),
}


def scratch_copy(dest: Path) -> None:
    """The working tree as git sees it (tracked and untracked, not ignored), copied to ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def config(modules: list[str], tests: list[str]) -> str:
    """mutmut's setup.cfg section: every package is copied, only ``modules`` are mutated."""
    lines = ["[mutmut]", "source_paths=", "    engine", "    service"]
    lines += ["only_mutate=", *(f"    {m}" for m in modules)]
    lines += ["also_copy=", "    autograd_client", "    web"]
    lines += ["pytest_add_cli_args_test_selection=", *(f"    {t}" for t in tests)]
    return "\n".join(lines) + "\n"


def run_group(scratch: Path, group: str) -> str:
    modules, tests = GROUPS[group]
    work = scratch / group
    scratch_copy(work)
    (work / "setup.cfg").write_text(config(modules, tests))
    try:
        subprocess.run([MUTMUT, "run", "--max-children", "2"], cwd=work, timeout=SECONDS_PER_GROUP, check=False)
    except subprocess.TimeoutExpired:
        print(f"{group}: stopped after {SECONDS_PER_GROUP} s; the results below are partial", flush=True)
    survivors = subprocess.run([MUTMUT, "results"], cwd=work, capture_output=True, text=True, check=False).stdout
    (scratch / f"{group}.txt").write_text(survivors)
    return survivors


def main(argv: list[str]) -> int:
    scratch = Path(argv[0]) if argv else Path("/tmp/ags-mutants")
    groups = argv[1:] or list(GROUPS)
    scratch.mkdir(parents=True, exist_ok=True)
    for group in groups:
        survivors = run_group(scratch, group)
        print(f"== {group}: survivors ==\n{survivors}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
