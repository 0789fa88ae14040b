"""The route table: every route of the server declared once, as a row (``Verb``); one way to add one.

A row names its method and path, what answers it (``run``, a function its host runs, or ``serve``,
a coroutine of the server's own, for the routes that need no host or more than one call: creating
a session, the event streams, health, metrics, the pages), the request body's model, the query (and
header) parameters, what it answers, whom it needs (``caller``: a session's token, the API key when
the server has keys, or anyone; of a session's tokens, a viewer's opens only the rows that read:
``access``, by default a GET's) and which metrics a success counts. ``routes`` makes each row a
FastAPI route whose OpenAPI operation comes from the row, and whose request handler is the same for
every row:

    authenticate -> claim the Idempotency-Key -> validate parameters and body -> host call (or serve) -> answer

A JSON body of ``parse_on_host_bytes`` or more is validated on the host (``parsed_on_host``):
parsing 50 MB of numbers holds the GIL for a quarter of a second, which on the event loop would
stall every other request of the server; on the host it stalls nobody but its own session.

The body is validated by pydantic-core straight from the bytes the middleware read, and the
caller is found with one lookup: FastAPI's per-request dependency solving, which cost more than
the engine's whole backward on a small call (bench.layers), is not on this path. Errors are the
ones FastAPI would raise (``RequestValidationError`` with ``body``/``query``/``header`` locations,
the 401 and 404 problems of its security dependencies), so the problem answers are the same.
FastAPI still reads each row's security from service/api/security.py, for OpenAPI only.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import importlib
import inspect
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args, get_origin

from fastapi import Query, Request, Response
from fastapi.datastructures import Default
from fastapi.exceptions import RequestValidationError
from fastapi.params import Header as HeaderParam
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter, ValidationError

from service.api import security
from service.core.problems import READ_ONLY, Unauthorized
from service.core.relay import Relay, SessionRef
from service.hosts.admission import parsed_on_host, validator
from service.hosts.calls import Access
from service.hosts.host import verify
from service.middleware import idempotency, metrics
from service.middleware.facts import FACTS, Facts

Encoding = Annotated[
    Literal["list", "b64"], Query(description="'list' for nested lists, 'b64' for {dtype, shape, b64}")
]
ENCODING = ("encoding", Encoding, "list")


class Caller(StrEnum):
    """Whom a row answers: a session's token holder, the API key's (when the server has keys), anyone."""

    SESSION = "session"
    API_KEY = "api key"
    ANYONE = "anyone"


@dataclass(frozen=True)
class Verb:
    """One route: ``run(ctx, *bound, *path values, [body], *parameter values)`` runs on the host, or
    ``serve(request, session, facts, *path values, [body], *parameter values)`` on the server."""

    method: str
    path: str
    run: Callable[..., Response] | None
    summary: str
    doc: str
    tags: tuple[str, ...]
    body: type[BaseModel] | None = None
    body_optional: bool = False
    query: tuple[tuple[str, Any, Any], ...] = (ENCODING,)
    answer: type[BaseModel] | None = None
    status_code: int = 200
    responses: dict[int | str, dict[str, Any]] = field(default_factory=dict)
    openapi_extra: dict[str, Any] | None = None
    caller: Caller = Caller.SESSION  # sessionless work (API_KEY) runs on the least busy host
    serve: Callable[..., Coroutine[Any, Any, Response]] | None = None  # answered on the server, not by ``run``
    in_schema: bool = True  # an API operation; else a page (the playground, the docs)
    quick: bool | Callable[[Any], bool] = True  # may be tried on the host's receiving thread (hosts/admission.py)
    device: Callable[[Any], str] | None = None  # a sessionless verb's device, from its body
    counts: tuple[bool, bool] | Callable[[Any], tuple[bool, bool]] | None = (
        None  # (computed, ran backward) on success, or from the body
    )
    codec: Callable[[Request, Any, Any], Coroutine[Any, Any, Response | None]] | None = None  # .npy, before the body
    stream: Callable[[Request, Any, Any, Any], Coroutine[Any, Any, Response | None]] | None = None  # after it
    name: str | None = None
    bound: tuple[Any, ...] = ()  # leading arguments of ``run`` fixed by the row (a transform's name)
    response_class: type[Response] | None = None  # a binary answer: no application/json in OpenAPI
    access: Access | None = None  # whose token it needs; None: by its method (only a GET reads)

    @property
    def needs(self) -> Access:
        """What a token must open: ``READ`` (a viewer token does) or ``OWNER`` (its owner's only)."""
        return self.access or (Access.READ if self.method == "GET" else Access.OWNER)

    @property
    def session(self) -> bool:
        return self.caller == Caller.SESSION

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by reference, as its row of the route table (it holds lambdas)."""
        return _row, (self.method, self.path)


def _row(method: str, path: str) -> Verb:
    return _rows()[method, path]


@functools.cache
def _rows() -> dict[tuple[str, str], Verb]:
    """The route table's rows by method and path. Imported by name: the table imports this module."""
    table: Sequence[Verb] = importlib.import_module("service.api.table").VERBS
    return {(v.method, v.path): v for v in table}


def routes(verbs: Sequence[Verb]) -> list[APIRoute]:
    return [VerbRoute(v) for v in verbs]


class VerbRoute(APIRoute):
    """A route made from a row: FastAPI reads the row's signature for OpenAPI; requests take ``serve``."""

    def __init__(self, verb: Verb) -> None:
        self.verb = verb
        self.params = [p[1:-1].split(":")[0] for p in verb.path.split("/") if p.startswith("{") and p != "{session_id}"]
        self.adapters = [_parameter(name, kind, default) for name, kind, default in verb.query]
        self.validator = None if verb.body is None else validator(verb.body, verb.body_optional)
        super().__init__(
            verb.path,
            _documented(verb, self.params),
            methods=[verb.method],
            summary=verb.summary,
            description=verb.doc,
            tags=list(verb.tags),
            response_model=verb.answer,
            status_code=verb.status_code,
            responses={**(READ_ONLY if verb.session and verb.needs == Access.OWNER else {}), **verb.responses},
            response_class=verb.response_class or Default(JSONResponse),
            openapi_extra=_with_examples(verb),
            dependencies=[security.ApiKey] if verb.caller == Caller.API_KEY else [],
            name=verb.name,
            include_in_schema=verb.in_schema,
        )

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return self.serve

    async def serve(self, request: Request) -> Response:
        verb, relay, facts = self.verb, request.app.state.relay, facts_of(request)
        ref = None
        if verb.caller == Caller.SESSION:
            ref = await session_of(request, request.path_params["session_id"], relay, verb.needs, facts)
        elif verb.caller == Caller.API_KEY:
            await require_api_key(request, facts)
        if verb.codec is not None and (answer := await verb.codec(request, ref, relay)) is not None:
            return answer
        args: list[Any] = [*verb.bound, *(request.path_params[p] for p in self.params)]
        errors: list[dict[str, Any]] = []
        query = [parameter_value(request, *parameter, errors) for parameter in self.adapters]
        raw = b"" if self.validator is None else await request.body()
        is_json = _is_json(request.headers.get("content-type", ""))
        device = None if ref is not None else relay.sole_device  # where a sessionless body need not say
        if not errors and self.on_host(request, raw, is_json, ref is not None or device is not None):
            quick = verb.quick if isinstance(verb.quick, bool) else False  # the host decides by the body's size
            run, args, body = parsed_on_host, [verb, len(args), raw, *args, *query], None
        else:
            body = self.body(raw, is_json, errors)
            if errors:
                raise RequestValidationError(errors)
            if verb.body is not None:
                body = verb.body() if body is None else body
                args.append(body)
            args += query
            if verb.serve is not None:
                return await verb.serve(request, ref, facts, *args)
            if verb.stream is not None and (answer := await verb.stream(request, ref, relay, body)) is not None:
                return answer
            assert verb.run is not None
            run, quick = verb.run, verb.quick(body) if callable(verb.quick) else verb.quick
            device = verb.device(body) if verb.device is not None else "cpu"
        if ref is not None:
            answer = await relay.call(ref, run, *args, facts=facts, quick=quick)
        else:
            answer = await relay.call_free(device, run, *args, facts=facts, quick=quick)
        if verb.counts is not None and answer.status_code < 400:
            if run is parsed_on_host:
                computed, backward = answer.counted or (False, False)
            else:
                computed, backward = verb.counts(body) if callable(verb.counts) else verb.counts
            metrics.ran(request, computed=computed, backward=backward)
        return answer

    def on_host(self, request: Request, raw: bytes, is_json: bool, routable: bool) -> bool:
        """Whether a host parses the body: JSON of ``parse_on_host_bytes`` or more (by default every JSON
        body: parsing is the host's work, and the bytes pickle faster than a model), not needed here first
        (a stream's options are; so is a sessionless call's device, unless every host has the same one:
        ``routable``)."""
        limit = max(1, request.app.state.settings.parse_on_host_bytes)
        return is_json and routable and len(raw) >= limit and self.verb.stream is None and self.verb.serve is None

    def body(self, raw: bytes, is_json: bool, errors: list) -> Any:
        """The body's model from its bytes, as FastAPI would: JSON only when the content type says so."""
        if self.validator is None:
            return None
        if not raw:
            if self.verb.body_optional:
                return None
            errors.append({"type": "missing", "loc": ("body",), "msg": "Field required", "input": None})
            return None
        try:
            if is_json:
                return self.validator.validate_json(raw)
            return self.validator.validate_python(raw)
        except ValidationError as e:
            errors += [{**err, "loc": ("body", *err["loc"])} for err in e.errors()]
            return None


async def session_of(request: Request, session_id: str, relay: Relay, access: Access, facts: Facts) -> SessionRef:
    """The session named by the path, its token checked before any Idempotency-Key is looked up (and
    before the body is read, when it is a token of a known session not seen yet); a viewer token's
    keys are its own, never its owner's."""
    ref = relay.authorize(session_id, request.headers.get("authorization"), access)
    claims = facts.key is not None and facts.claim is None
    if claims or ref.stranger:
        await relay.verify(ref, verify)
    if claims:
        await idempotency.claim(request, facts, idempotency.session_caller(ref.id, ref.role))
    return ref


async def require_api_key(request: Request, facts: Facts) -> None:
    """Creating sessions and stateless work need a key when the operator configured keys."""
    keys: list[bytes] = request.app.state.api_key_hashes
    if not keys:
        return
    key = request.headers.get("x-api-key")
    if key is None:
        raise Unauthorized("this server needs an API key: send it as 'X-API-Key: <key>'")
    presented = hashlib.sha256(key.encode()).digest()
    if not any(hmac.compare_digest(presented, k) for k in keys):
        raise Unauthorized("the API key is not valid")
    await idempotency.claim(request, facts, f"key-{presented.hex()[:32]}")


def facts_of(request: Request) -> Facts:
    """What the edge learned of this request (service/middleware/facts.py), for the relay's calls; none
    for an app without the edge (bench/layers.py's bare router)."""
    facts: Facts | None = request.scope.get(FACTS)
    if facts is None:
        facts = request.scope[FACTS] = Facts()
    return facts


def client_of(request: Request) -> str:
    """Who is asking, for per-client limits: the API key's hash, else the peer address."""
    key = request.headers.get("x-api-key")
    if key is not None and request.app.state.api_key_hashes:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()
    return "addr:" + (request.client.host if request.client else "")


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _parameter(name: str, kind: Any, default: Any) -> tuple[str, TypeAdapter, Any, str]:
    """A row's parameter as ``parameter_value`` reads it: a query parameter, or a header when its
    annotation is ``Header(alias=...)``."""
    header = next((m for m in getattr(kind, "__metadata__", ()) if isinstance(m, HeaderParam)), None)
    if header is not None:
        return header.alias or name, TypeAdapter(kind), default, "header"
    return name, TypeAdapter(_bare(kind)), default, "query"


def parameter_value(request: Request, name: str, adapter: TypeAdapter, default: Any, where: str, errors: list) -> Any:
    """The parameter ``name`` validated, ``default`` when absent; a failure joins ``errors``."""
    if where == "header":
        raw = request.headers.get(name)
    elif not request.scope["query_string"]:
        return default  # most calls have none: no query parsing at all
    else:
        raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        return adapter.validate_python(raw)
    except ValidationError as e:
        errors += [{**err, "loc": (where, name, *err["loc"])} for err in e.errors()]
        return None


def query_value(request: Request, name: str, adapter: TypeAdapter, default: Any, errors: list) -> Any:
    """The query parameter ``name`` validated (for the routes' codecs, which read their own)."""
    return parameter_value(request, name, adapter, default, "query", errors)


def _with_examples(verb: Verb) -> dict[str, Any] | None:
    """The row's OpenAPI extras, with its body's named examples on the JSON body, where Swagger UI and
    ReDoc offer them by name (a schema's own ``examples`` are shown only inside the schema)."""
    named = getattr(verb.body, "named_examples", None)
    if not named:
        return verb.openapi_extra
    extra = dict(verb.openapi_extra or {})
    body = dict(extra.get("requestBody", {}))
    content = dict(body.get("content", {}))
    content["application/json"] = {**content.get("application/json", {}), "examples": named}
    extra["requestBody"] = {**body, "content": content}
    return extra


def _bare(kind: Any) -> Any:
    """The type inside ``Annotated[type, Query(...)]``."""
    return get_args(kind)[0] if get_origin(kind) is Annotated else kind


def _documented(verb: Verb, params: list[str]) -> Callable[..., Any]:
    """A function with the row's signature, for FastAPI's OpenAPI; requests never call it."""

    async def endpoint(**_: Any) -> None:
        raise NotImplementedError

    kw = inspect.Parameter.KEYWORD_ONLY
    signature = [inspect.Parameter(p, kw, annotation=str) for p in params]
    if verb.session:
        signature.append(inspect.Parameter("ref", kw, annotation=security.Session))
    if verb.body is not None:
        optional = verb.body | None if verb.body_optional else verb.body
        default = None if verb.body_optional else inspect.Parameter.empty
        signature.append(inspect.Parameter("body", kw, annotation=optional, default=default))
    signature += [inspect.Parameter(name, kw, annotation=kind, default=default) for name, kind, default in verb.query]
    endpoint.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
    answer = verb.run or verb.serve
    assert answer is not None, f"the row {verb.method} {verb.path} has neither run nor serve"
    endpoint.__name__ = verb.name or answer.__name__.lstrip("_")
    return endpoint
