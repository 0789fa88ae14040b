"""Dependencies the routes declare with ``Annotated``: the registry and an authorised session."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.config import Settings
from service.registry import Entry, Registry

bearer = HTTPBearer(auto_error=False, description="the token returned by POST /v1/sessions")


def get_registry(request: Request) -> Registry:
    registry: Registry = request.app.state.registry
    return registry


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_entry(
    session_id: str,
    registry: Annotated[Registry, Depends(get_registry)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Entry:
    header = None if credentials is None else f"{credentials.scheme} {credentials.credentials}"
    return registry.authorize(session_id, header)


RegistryDep = Annotated[Registry, Depends(get_registry)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
EntryDep = Annotated[Entry, Depends(get_entry)]
EncodingDep = Annotated[
    Literal["list", "b64"], Query(description="'list' for nested lists, 'b64' for {dtype, shape, b64}")
]
