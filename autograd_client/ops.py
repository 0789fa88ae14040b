"""The server's op table as the client sees it, read once from ``GET /v1/ops``.

Nothing here lists ops by hand: methods (``x.exp()``) and functions (``s.ops.softmax(x, dim=-1)``)
are looked up in this table when they are called, so an op added on the server is usable
from the client at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OpInfo:
    """One row of the table: tensor arity, attribute names in torch's positional order, doc."""

    name: str
    arity: int
    attrs: tuple[str, ...]
    variadic: str | None
    doc: str
    gathers: bool

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> OpInfo:
        schema = row.get("attrs") or {}
        properties: dict[str, Any] = schema.get("properties") or {}
        names = tuple(properties)
        # Trailing positional literals gather into a last attribute that only takes a list,
        # as in x.reshape(2, -1); the server's expression language does the same.
        gathers = bool(names) and properties[names[-1]].get("type") == "array"
        return cls(row["name"], int(row.get("arity", 0)), names, row.get("variadic"), row.get("doc", ""), gathers)

    @property
    def is_method(self) -> bool:
        """Whether ``x.<name>(...)`` makes sense: the op takes a first tensor, not a list of them."""
        return self.arity >= 1 and self.variadic != "list"


class OpTable(Mapping[str, OpInfo]):
    """The ops by name; ``operators`` maps a Python operator's method stem to its op (``and`` -> ``bitwise_and``)."""

    def __init__(self, rows: list[Mapping[str, Any]], operators: Mapping[str, str] | None = None) -> None:
        self._ops = {row["name"]: OpInfo.from_json(row) for row in rows}
        self.operators = dict(operators or {})

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> OpTable:
        return cls(list(body["ops"]), body.get("operators"))

    def __getitem__(self, name: str) -> OpInfo:
        return self._ops[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ops)

    def __len__(self) -> int:
        return len(self._ops)


class Ops:
    """The functional namespace, ``s.ops.<op>(*tensors, *literals, **attrs)``, like ``torch`` and ``F``."""

    def __init__(self, table: OpTable, apply: Callable[..., Any]) -> None:
        self._table = table
        self._apply = apply

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name not in self._table:
            raise AttributeError(f"the server has no op {name!r} (GET /v1/ops lists them)")
        info = self._table[name]

        def op(*args: Any, **kwargs: Any) -> Any:
            return self._apply(name, *args, **kwargs)

        op.__name__ = name
        op.__doc__ = info.doc
        return op

    def __dir__(self) -> list[str]:
        return sorted(self._table)
