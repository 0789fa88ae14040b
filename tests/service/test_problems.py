"""Every error class the engine or service raises has its own status in the one table."""

import ast
import inspect

from engine import errors as engine_errors
from service.core import problems
from tests.conftest import ROOT


def subclasses(base):
    found, stack = [], [base]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def test_every_error_class_is_in_the_status_table():
    classes = subclasses(engine_errors.EngineError) + subclasses(problems.ServiceError)
    assert {c for c in classes if c.__module__ in ("engine.errors", "service.core.problems")} <= set(problems.STATUS)


def test_every_error_module_class_is_documented_in_its_docstring():
    for module, base in ((engine_errors, engine_errors.EngineError), (problems, problems.ServiceError)):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == module.__name__:
                assert name in module.__doc__, name


def test_statuses_follow_the_contract():
    assert problems.status_of(engine_errors.ExpressionError("x", 1, 1))[0] == 422
    assert problems.status_of(engine_errors.UnknownVariable("x"))[0] == 404
    assert problems.status_of(engine_errors.DeviceUnavailable("x"))[0] == 409
    assert problems.status_of(engine_errors.LimitExceeded("x"))[0] == 413
    assert problems.status_of(problems.TooManySessions("x"))[0] == 429
    assert problems.status_of(problems.Unauthorized("x"))[0] == 401
    assert problems.status_of(KeyError("x"))[0] == 500


def test_each_type_is_its_title_as_a_slug():
    for kind, row in problems.PROBLEMS.items():
        assert kind == f"/problems/{row.title.lower().replace(' ', '-')}", kind


def test_every_exception_row_has_a_status_and_a_class_of_its_own():
    rows = [row for row in problems.PROBLEMS.values() if row.error is not None]
    assert all(row.status is not None for row in rows)
    assert len({row.error for row in rows}) == len(rows) == len(problems.STATUS)


def literal_problems() -> list[tuple[str, int, str]]:
    """Every ``problem(status, "title", ...)`` and ``Refused(status, "title", ...)`` written in the service."""
    found = []
    for path in sorted((ROOT / "service").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            status, title = node.args[:2]
            if name in ("problem", "Refused") and isinstance(title, ast.Constant) and isinstance(status, ast.Constant):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", status.value, title.value))
    return found


def test_every_problem_written_in_place_is_a_row_of_the_table():
    by_title = {row.title: row.status for row in problems.PROBLEMS.values()}
    found = literal_problems()
    assert len(found) >= 8, found  # edge.py, the idempotency middleware and records, the handlers here
    for where, status, title in found:
        assert by_title.get(title) == status, f"{where}: {status} {title!r} is not in problems.PROBLEMS"


def test_the_framework_titles_are_rows_too():
    titles = {row.title for row in problems.PROBLEMS.values()}
    assert {"Not found", "Method not allowed", "Bad request", "HTTP error"} <= titles


def test_every_documented_status_has_a_problem_type():
    assert set(problems.DOCUMENTED) <= {row.status for row in problems.PROBLEMS.values()}
