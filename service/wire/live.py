"""The body and answers of the viewer token routes (service/api/viewers.py), as models for the OpenAPI
document; the events stream's data is written in docs/api.md and service/wire/events.py."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from service.wire.schemas import Body

EXPIRES = "2026-12-07T01:10:01.573498Z"
VIEWER: dict[str, Any] = {"id": "vq3T0aZ1bXk", "created_at": "2026-12-07T00:10:01.573498Z", "expires_at": EXPIRES}


class Share(Body):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [{"expires_in_s": 3600}]})
    expires_in_s: int | None = Field(None, description="the viewer token's life in seconds; default the session's TTL")


class ViewerCreated(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": VIEWER["id"], "token": "Vw2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq", "expires_at": EXPIRES}
            ]
        }
    )
    id: str = Field(description="the viewer's id, to revoke its token")
    token: str = Field(description="the read-only bearer token; shown once")
    expires_at: str


class ViewerOut(BaseModel):
    id: str
    created_at: str
    expires_at: str


class ViewerList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"viewers": [VIEWER]}]})
    viewers: list[ViewerOut] = Field(description="the session's viewer tokens that have not expired (no tokens)")
