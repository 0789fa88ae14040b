"""Dependencies the routes declare with ``Annotated``: the relay and an authorised session."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service.core.config import Settings
from service.core.problems import Unauthorized
from service.core.relay import Relay, SessionRef
from service.hosts.calls import Access
from service.hosts.host import verify
from service.middleware import idempotency
from service.middleware.facts import FACTS, Facts

bearer = HTTPBearer(auto_error=False, description="the token returned by POST /v1/sessions")


api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="needed only when the server sets AGS_API_KEYS"
)


async def require_api_key(request: Request, key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """Creating sessions and stateless work need a key when the operator configured keys."""
    keys: list[bytes] = request.app.state.api_key_hashes
    if not keys:
        return
    if key is None:
        raise Unauthorized("this server needs an API key: send it as 'X-API-Key: <key>'")
    presented = hashlib.sha256(key.encode()).digest()
    if not any(hmac.compare_digest(presented, k) for k in keys):
        raise Unauthorized("the API key is not valid")
    await idempotency.claim(request, facts_of(request), f"key-{presented.hex()[:32]}")


async def get_relay(request: Request) -> Relay:
    relay: Relay = request.app.state.relay
    return relay


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(
    request: Request,
    session_id: str,
    relay: Annotated[Relay, Depends(get_relay)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> SessionRef:
    """The session named by the path (``credentials`` is there for OpenAPI's security scheme)."""
    return await session_of(request, session_id, relay)


async def session_of(request: Request, session_id: str, relay: Relay, access: Access = Access.OWNER) -> SessionRef:
    """The session named by the path, its token checked before any Idempotency-Key is looked up (and
    before the body is read, when it is a token of a known session not seen yet); a viewer token's
    keys are its own, never its owner's."""
    ref = relay.authorize(session_id, request.headers.get("authorization"), access)
    facts = facts_of(request)
    claims = facts.key is not None and facts.claim is None
    if claims or ref.stranger:
        await relay.verify(ref, verify)
    if claims:
        await idempotency.claim(request, facts, idempotency.session_caller(ref.id, ref.role))
    return ref


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


ApiKey = Depends(require_api_key)
ClientDep = Annotated[str, Depends(client_of)]
FactsDep = Annotated[Facts, Depends(facts_of)]
RelayDep = Annotated[Relay, Depends(get_relay)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[SessionRef, Depends(get_session)]
