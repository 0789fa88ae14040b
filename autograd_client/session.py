"""Sessions: the server-side state a client works in, for both the blocking and the async client.

``SessionBase`` holds the state and defines every call once, as a plan run by ``_run``;
``Session`` runs plans to completion and ``AsyncSession`` returns awaitables.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator, Mapping, Sequence
from typing import Any

from autograd_client import graph, protocol
from autograd_client.calls import Plan
from autograd_client.ops import Ops, OpTable
from autograd_client.progress import TrainProgress
from autograd_client.variable import AsyncVariable, Variable, VariableBase
from autograd_client.watch import LiveEvent, Watch, watch, watch_async


class SessionBase:
    variable_class: type[VariableBase] = VariableBase

    def __init__(self, client: Any) -> None:
        self.client = client
        self.id = ""
        self.token = ""
        self.device = ""
        self.dtype = "float32"
        self.expires_at = ""
        self._ops_table: OpTable = OpTable([])
        self.ops = Ops(self._ops_table, self._apply)
        self._names = itertools.count(1)
        self._largest = 0
        self.read_only = False  # opened with a viewer token (``client.view``): changes are refused

    def _run(self, plan: Plan[Any]) -> Any:
        raise NotImplementedError

    def _opened(self, body: Mapping[str, Any], table: OpTable) -> None:
        self.id, self.token = body["id"], body["token"]
        self.device, self.dtype, self.expires_at = body["device"], body["dtype"], body["expires_at"]
        self._ops_table = table
        self.ops = Ops(table, self._apply)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, device={self.device!r}, dtype={self.dtype!r})"

    # --- variables, as the plans and ops make them -------------------------------------------------

    def _fresh_name(self) -> str:
        return f"_t{next(self._names)}"

    def _saw(self, size: int) -> None:
        self._largest = max(self._largest, size)

    def _handle(self, meta: Mapping[str, Any]) -> VariableBase:
        handle = self.variable_class(self, meta["name"])
        handle._settle(meta)
        return handle

    def _apply(self, op: str, *args: Any, **kwargs: Any) -> Any:
        info = self._ops_table.get(op)
        if info is None:
            raise AttributeError(f"the server has no op {op!r} (GET /v1/ops lists them)")
        return self._created(self._pending(graph.bind(info, args, kwargs)))

    def _index(self, base: VariableBase, key: Any) -> Any:
        return self._created(self._pending(graph.index_expr(base, key)))

    def _pending(self, expr: graph.Expr) -> VariableBase:
        for item in expr.inputs:
            if isinstance(item, graph.Handle) and item._session is not self:
                raise ValueError(f"{item._name!r} belongs to another session")
        return self.variable_class(self, self._fresh_name(), expr=expr)

    def _created(self, handle: VariableBase) -> Any:
        raise NotImplementedError

    # --- the API -------------------------------------------------------------------------------------

    def variable(
        self,
        data: Any = None,
        *,
        requires_grad: bool = False,
        name: str | None = None,
        dtype: str | None = None,
        init: str | None = None,
        shape: Sequence[int] | None = None,
        value: float | None = None,
        seed: int | None = None,
    ) -> Any:
        """A leaf from data (number, nested list, numpy array) or from ``init`` ('zeros', 'ones', 'full',
        'rand', 'randn') with ``shape``; an existing leaf of that name is replaced (its grad starts over)."""
        options: dict[str, Any] = {"requires_grad": requires_grad, "dtype": dtype, "init": init, "shape": shape}
        options.update(value=value, seed=seed)
        return self._run(protocol.put_variable(self, name, data, options))

    def get(self, name: str) -> Any:
        """A handle on a variable the session already holds."""
        return self._run(protocol.get(self, name))

    def variables(self) -> Any:
        return self._run(protocol.listing(self))

    def describe(self) -> Any:
        return self._run(protocol.describe(self))

    def compute(self, source: str | Mapping[str, Any], *, backward: str | None = None) -> Any:
        """Named computed variables from an expression (``"y = sum(x * w)"``) or a JSON graph."""
        return self._run(protocol.compute(self, source, backward))

    def grad(
        self,
        outputs: Any,
        inputs: Any,
        grad_outputs: Sequence[Any] | None = None,
        *,
        create_graph: bool = False,
        as_numpy: bool | None = None,
    ) -> Any:
        """``torch.autograd.grad``: a tuple with one gradient per input; nothing accumulates."""
        return self._run(protocol.grad(self, outputs, inputs, grad_outputs, create_graph, as_numpy))

    def zero_grad(self, variables: Any = None, *, set_to_none: bool = False) -> Any:
        """Zero the leaves' gradients (every leaf that requires grad by default); answers their names."""
        return self._run(protocol.zero_grad(self, variables, set_to_none))

    def step(
        self, optimizer: str | Mapping[str, Any], *, variables: Any = None, zero_grad: bool = False, **options: Any
    ) -> Any:
        """One optimizer step from the leaves' grads: ``s.step("sgd", lr=0.1)``, any torch.optim argument."""
        return self._run(protocol.step(self, optimizer, variables, zero_grad, options))

    def train(
        self,
        loss: Any,
        optimizer: str | Mapping[str, Any],
        *,
        steps: int = 1,
        variables: Any = None,
        zero_grad: bool = True,
        log_every: int = 1,
        progress: bool | str = False,
        on_progress: Callable[[TrainProgress], None] | None = None,
        **options: Any,
    ) -> Any:
        """``steps`` rounds of zero_grad, backward from ``loss`` and an optimizer step, in one call on the
        server: ``s.train(loss, "adam", lr=0.01, steps=500, progress=True)``. Answers the losses logged
        (every ``log_every`` steps and the last). ``progress=True`` shows a bar (tqdm if installed, else
        text lines; ``"text"`` for text always); ``on_progress`` is called with each logged step as it
        streams in. The optimizer's state is the one ``step`` keeps."""
        loop = {"steps": steps, "variables": variables, "zero_grad": zero_grad, "log_every": log_every}
        return self._run(protocol.train(self, loss, optimizer, loop, options, progress, on_progress))

    def evaluate(
        self,
        source: str | Mapping[str, Any],
        inputs: Mapping[str, Any],
        *,
        requires_grad: Iterable[str] = (),
        backward: str | None = None,
        as_numpy: bool | None = None,
    ) -> Any:
        """The stateless route, on this session's device and dtype; nothing is kept on the server."""
        plan = protocol.evaluate(
            self.client, source, inputs, requires_grad, backward, self.device, self.dtype, as_numpy
        )
        return self._run(plan)

    def delete(self, item: VariableBase | str) -> Any:
        return self._run(protocol.delete_variable(self, item))

    def share(self, *, expires_in_s: int | None = None) -> Any:
        """A viewer token: read-only, for ``client.view(session.id, token)`` elsewhere; answers
        ``{"id", "token", "expires_at"}`` (it lives as long as the session may, unless ``expires_in_s``)."""
        return self._run(protocol.share(self, expires_in_s))

    def viewers(self) -> Any:
        """The viewer tokens that have not expired: ``[{"id", "created_at", "expires_at"}]``, no tokens."""
        return self._run(protocol.viewers(self))

    def revoke(self, viewer_id: str) -> Any:
        """Revoke a viewer token: it stops opening the session at once."""
        return self._run(protocol.revoke(self, viewer_id))

    def close(self) -> Any:
        """Delete the session on the server."""
        return self._run(protocol.close(self))


class Session(SessionBase):
    """A session of the blocking ``Client``; a context manager that deletes it on exit."""

    variable_class = Variable

    def _run(self, plan: Plan[Any]) -> Any:
        return self.client._run(plan)

    def _created(self, handle: VariableBase) -> Any:
        return self._run(protocol.materialize(self, handle))

    def events(self, last_event_id: int | None = None) -> Iterator[LiveEvent]:
        """The session's changes as they happen: ``hello`` first (or, from ``last_event_id``, the events
        after it), then ``leaf``, ``backward``, … until ``end``; a dropped connection is resumed."""
        return watch(self.client._http, Watch(self, last_event_id, self.client.retry))

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncSession(SessionBase):
    """A session of the ``AsyncClient``; an async context manager that deletes it on exit."""

    variable_class = AsyncVariable

    def _run(self, plan: Plan[Any]) -> Awaitable[Any]:
        return self.client._run(plan)

    def _created(self, handle: VariableBase) -> Any:
        return handle

    def events(self, last_event_id: int | None = None) -> AsyncIterator[LiveEvent]:
        """``Session.events`` as an async iterator: ``async for event in s.events(): ...``."""
        return watch_async(self.client._http, Watch(self, last_event_id, self.client.retry))

    async def __aenter__(self) -> AsyncSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class Opening:
    """What ``AsyncClient.session()`` returns: ``await`` it, or use it in ``async with``."""

    def __init__(self, opening: Awaitable[AsyncSession]) -> None:
        self._opening = opening
        self._session: AsyncSession | None = None

    def __await__(self) -> Generator[Any, None, AsyncSession]:
        return self._opening.__await__()

    async def __aenter__(self) -> AsyncSession:
        self._session = await self._opening
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
