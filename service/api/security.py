"""What OpenAPI says a row needs: a session's bearer token, or the API key when the server has keys.

Requests never call these: the one route handler (service/api/verbs.py) checks the token or the key
itself. FastAPI reads them, from the signature each row is documented with, to write the security
schemes, the ``session_id`` path parameter and each operation's ``security``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer(auto_error=False, description="the token returned by POST /v1/sessions")
api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="needed only when the server sets AGS_API_KEYS"
)


async def api_key(key: Annotated[str | None, Depends(api_key_header)]) -> None:
    """Creating sessions and stateless work need a key when the operator configured keys."""
    raise NotImplementedError


async def session(
    session_id: str, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """The session named by the path, opened by its bearer token."""
    raise NotImplementedError


ApiKey = Depends(api_key)
Session = Annotated[None, Depends(session)]
