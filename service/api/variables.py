"""Leaves in, variables out: JSON, and the ``.npy`` codec of the same rows (service/api/npy.py). What
the session's host runs is service/on_host/variables.py and npy.py."""

from __future__ import annotations

from service.api import npy
from service.api.verbs import Verb
from service.on_host import variables as on_host
from service.wire.answers import VariableList, VariableOut
from service.wire.schemas import PutVariable

AT = "/v1/sessions/{session_id}/variables"


VERBS = (
    Verb(
        "PUT",
        f"{AT}/{{name}}",
        on_host.put,
        "Create or replace a leaf",
        "From data or an init; a replaced leaf starts with ``grad: null``. With ``Content-Type:"
        " application/x-npy`` the body is an ``.npy`` file (``?requires_grad=true`` to track it) and the"
        " answer leaves out the data.",
        ("variables",),
        body=PutVariable,
        answer=VariableOut,
        status_code=201,
        responses={200: {"description": "replaced an existing variable", "model": VariableOut}},
        openapi_extra=npy.PUT_DOC,
        codec=npy.put,
        name="put_variable",
    ),
    Verb(
        "GET",
        AT,
        on_host.list_variables,
        "List variables",
        "Every variable without its data: leaves, then computed ones (with ``error`` if one cannot be evaluated).",
        ("variables",),
        query=(),
        answer=VariableList,
        name="list_variables",
    ),
    Verb(
        "GET",
        f"{AT}/{{name}}",
        on_host.get,
        "Read a variable and its gradient",
        "Its value and ``grad`` (null until a backward reaches it); computed ones follow the current leaves."
        " With ``Accept: application/x-npy``, the value (or with ``?field=grad`` the gradient) as an"
        " ``.npy`` file.",
        ("variables",),
        answer=VariableOut,
        openapi_extra=npy.GET_DOC,
        codec=npy.get,
        name="get_variable",
    ),
    Verb(
        "DELETE",
        f"{AT}/{{name}}",
        on_host.delete,
        "Delete a variable",
        "Removes a leaf or a computed variable; computed variables that read a deleted leaf report it.",
        ("variables",),
        query=(),
        status_code=204,
        name="delete_variable",
    ),
)
