"""Functional derivatives (torch.func): stateless under /v1, and over a session's variables.

Each route exists twice: ``POST /v1/{kind}`` on inline inputs (a throw-away session) and
``POST /v1/sessions/{id}/{kind}`` over the session's leaves, where ``output`` names a
computed variable or an output of the body's own expr/graph. Neither changes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Response

import engine
from engine import Graph, Session, encode
from service import views
from service.config import Settings
from service.deps import ApiKey, EncodingDep, EntryDep, RegistryDep, SettingsDep
from service.registry import Entry, Registry
from service.routes.autograd import source_graph
from service.routes.stateless import on_inputs
from service.schemas import (
    Hessian,
    Jacobian,
    Jvp,
    SessionFunction,
    StatelessHessian,
    StatelessJacobian,
    StatelessJvp,
    StatelessValueAndGrad,
    StatelessVjp,
    ValueAndGrad,
    Vjp,
)

router = APIRouter(tags=["functional"])
SESSION = "/v1/sessions/{session_id}"
T = TypeVar("T")
Work = Callable[[Session, Graph | None], T]


async def in_session(body: SessionFunction, entry: Entry, registry: Registry, settings: Settings, work: Work[T]) -> T:
    """Run ``work`` on the session, with the body's own graph if it carries one."""
    graph = None if body.expr is None and body.graph is None else source_graph(body, settings)
    return await registry.run(entry, lambda: work(entry.session, graph), inline=False)


# --- what each kind computes and answers ------------------------------------------------------


def jacobian_of(body: Jacobian) -> Work[dict]:
    return lambda s, g: engine.jacobian(s, body.output, body.wrt, graph=g, mode=body.mode)


def hessian_of(body: Hessian) -> Work[dict]:
    return lambda s, g: engine.hessian(s, body.output, body.wrt, graph=g)


def vjp_of(body: Vjp) -> Work[tuple]:
    return lambda s, g: engine.vjp(s, body.output, body.wrt, body.cotangent, graph=g)


def jvp_of(body: Jvp) -> Work[tuple]:
    return lambda s, g: engine.jvp(s, body.output, body.tangents, graph=g)


def value_and_grad_of(body: ValueAndGrad) -> Work[tuple]:
    return lambda s, g: engine.value_and_grad(s, body.output, body.wrt, graph=g)


def jacobian_answer(blocks: dict, encoding: str) -> Response:
    return views.JSON({"jacobian": views.tensors(blocks, encoding)})


def hessian_answer(rows: dict, encoding: str) -> Response:
    return views.JSON({"hessian": {x: views.tensors(row, encoding) for x, row in rows.items()}})


def vjp_answer(result: tuple[Any, dict], encoding: str) -> Response:
    value, grads = result
    return views.JSON({"output": encode(value, encoding), "vjp": views.tensors(grads, encoding)})


def jvp_answer(result: tuple[Any, Any], encoding: str) -> Response:
    value, tangent = result
    return views.JSON({"output": encode(value, encoding), "jvp": encode(tangent, encoding)})


def value_and_grad_answer(result: tuple[Any, dict], encoding: str) -> Response:
    value, grads = result
    return views.JSON({"output": encode(value, encoding), "grads": views.tensors(grads, encoding)})


# --- stateless ---------------------------------------------------------------------------------


@router.post("/v1/jacobian", summary="Jacobian on inline inputs", dependencies=[ApiKey])
async def jacobian(
    body: StatelessJacobian, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.jacrev`` (``jacfwd`` with ``mode: "fwd"``) of ``output`` with respect to each ``wrt``
    input: ``{"jacobian": {x: tensor of shape output.shape + x.shape}}``."""
    return jacobian_answer(await on_inputs(body, registry, settings, jacobian_of(body)), encoding)


@router.post("/v1/hessian", summary="Hessian on inline inputs", dependencies=[ApiKey])
async def hessian(
    body: StatelessHessian, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.hessian`` of a scalar ``output``: ``{"hessian": {x: {x2: block of shape x.shape + x2.shape}}}``."""
    return hessian_answer(await on_inputs(body, registry, settings, hessian_of(body)), encoding)


@router.post("/v1/vjp", summary="Vector-Jacobian product on inline inputs", dependencies=[ApiKey])
async def vjp(
    body: StatelessVjp, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.vjp`` with the given ``cotangent``: ``{"output": value, "vjp": {x: tensor of x's shape}}``."""
    return vjp_answer(await on_inputs(body, registry, settings, vjp_of(body)), encoding)


@router.post("/v1/jvp", summary="Jacobian-vector product on inline inputs", dependencies=[ApiKey])
async def jvp(
    body: StatelessJvp, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.jvp`` along the given ``tangents``: ``{"output": value, "jvp": tensor of the output's shape}``."""
    return jvp_answer(await on_inputs(body, registry, settings, jvp_of(body)), encoding)


@router.post("/v1/value_and_grad", summary="Value and gradient on inline inputs", dependencies=[ApiKey])
async def value_and_grad(
    body: StatelessValueAndGrad, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.grad_and_value`` of a scalar ``output``: ``{"output": value, "grads": {x: tensor}}``."""
    return value_and_grad_answer(await on_inputs(body, registry, settings, value_and_grad_of(body)), encoding)


# --- in a session ------------------------------------------------------------------------------


@router.post(f"{SESSION}/jacobian", summary="Jacobian of a session variable")
async def session_jacobian(
    body: Jacobian, entry: EntryDep, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.jacrev`` (``jacfwd`` with ``mode: "fwd"``) of ``output`` with respect to session leaves,
    the others held fixed: ``{"jacobian": {x: tensor of shape output.shape + x.shape}}``. Nothing accumulates."""
    return jacobian_answer(await in_session(body, entry, registry, settings, jacobian_of(body)), encoding)


@router.post(f"{SESSION}/hessian", summary="Hessian of a session variable")
async def session_hessian(
    body: Hessian, entry: EntryDep, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.hessian`` of a scalar ``output`` over session leaves: ``{"hessian": {x: {x2: block}}}``."""
    return hessian_answer(await in_session(body, entry, registry, settings, hessian_of(body)), encoding)


@router.post(f"{SESSION}/vjp", summary="Vector-Jacobian product of a session variable")
async def session_vjp(
    body: Vjp, entry: EntryDep, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.vjp`` with the given ``cotangent``: ``{"output": value, "vjp": {x: tensor}}``.
    Nothing accumulates."""
    return vjp_answer(await in_session(body, entry, registry, settings, vjp_of(body)), encoding)


@router.post(f"{SESSION}/jvp", summary="Jacobian-vector product of a session variable")
async def session_jvp(
    body: Jvp, entry: EntryDep, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.jvp`` along ``tangents`` (one per leaf moved): ``{"output": value, "jvp": tensor}``."""
    return jvp_answer(await in_session(body, entry, registry, settings, jvp_of(body)), encoding)


@router.post(f"{SESSION}/value_and_grad", summary="Value and gradient of a session variable")
async def session_value_and_grad(
    body: ValueAndGrad, entry: EntryDep, registry: RegistryDep, settings: SettingsDep, encoding: EncodingDep = "list"
) -> Response:
    """``torch.func.grad_and_value`` of a scalar ``output``: ``{"output": value, "grads": {x: tensor}}``.
    Unlike backward, nothing accumulates into ``.grad``."""
    return value_and_grad_answer(await in_session(body, entry, registry, settings, value_and_grad_of(body)), encoding)
