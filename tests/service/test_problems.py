"""Every error class the engine or service raises has its own status in the one table."""

import inspect

from engine import errors as engine_errors
from service.core import problems


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
