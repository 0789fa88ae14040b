"""The server's problem table and both clients' maps hold the same problem types, with the same class names:
a type added on the server fails here until each client has a class for it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from autograd_client import errors
from service.core.problems import PROBLEMS
from tests.conftest import ROOT

# Each type in the JavaScript client's table, with its class and that class's ancestors below ProblemError.
JS_TABLE = """
import("./clients/js/src/index.js").then(({ PROBLEM_TYPES, ProblemError }) => {
  const chain = (cls) => (cls && cls !== ProblemError ? [cls.name, ...chain(Object.getPrototypeOf(cls))] : []);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(PROBLEM_TYPES).map(([t, c]) => [t, chain(c)]))));
});
"""


def python_chain(cls: type[errors.AutogradError] | None) -> list[str]:
    if cls is None:
        return []
    return [c.__name__ for c in cls.__mro__ if issubclass(c, errors.AutogradError) and c is not errors.AutogradError]


@pytest.fixture(scope="module")
def js_table() -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true and no node: the JavaScript client's problem table must be checked")
        pytest.skip("no node on PATH")
    done = subprocess.run([node, "-e", JS_TABLE], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_python_client_maps_every_server_problem_type():
    assert set(errors.BY_TYPE) == set(PROBLEMS)


def test_the_javascript_client_maps_every_server_problem_type(js_table):
    assert set(js_table) == set(PROBLEMS)


def test_both_clients_give_each_type_the_same_class_and_families(js_table):
    for kind in PROBLEMS:
        assert js_table[kind] == python_chain(errors.BY_TYPE[kind]), kind


def test_a_type_with_no_fixed_status_is_left_to_the_status():
    for kind, row in PROBLEMS.items():
        assert (row.status is None) == (errors.BY_TYPE[kind] is None), kind


def test_each_types_class_is_in_the_family_of_its_status():
    for kind, row in PROBLEMS.items():
        if row.status is not None:
            assert issubclass(errors.class_of(row.status, kind), errors.class_of(row.status, None)), kind
