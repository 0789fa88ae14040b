"""The route table: every route of the app is a row here (service/api/verbs.py), from the modules
of this package. It has a module of its own so that a row pickled by reference (``Verb.__reduce__``)
is found again by its method and path, wherever its ``run`` lives."""

from __future__ import annotations

from service.api import (
    autograd,
    debug,
    docs,
    functional,
    live,
    meta,
    optim,
    sessions,
    stateless,
    train,
    variables,
    viewers,
    web,
)

# The route table, in parts by subject, the hottest routes first: a request is matched against the
# routes in order (~4 µs a route).
VERB_TABLES = (
    autograd,
    optim,
    train,
    variables,
    stateless,
    functional,
    debug,
    sessions,
    viewers,
    live,
    meta,
    docs,
    web,
)
VERBS = tuple(verb for module in VERB_TABLES for verb in module.VERBS)
