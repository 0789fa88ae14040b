"""Settings, read once from ``AGS_*`` environment variables; tests pass their own.

Each setting is described here and nowhere else by hand: ``table`` makes docs/settings.md (and
``python -m service --settings``) from these fields, and a test holds the two together.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic.json_schema import JsonDict
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.core import machine

MiB = 1 << 20
CPUS = machine.cpus()  # the CPUs this process may use (a container's quota, an affinity mask), once
BY_MACHINE: JsonDict = {"shown_default": "the CPUs"}  # a default this machine decides, as docs/settings.md shows it


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AGS_", extra="ignore")

    max_body_bytes: int = Field(64 * MiB, description="largest request body, cut while reading (413)")
    max_tensor_elements: int = Field(16_777_216, description="elements in any one tensor (413)")
    max_session_bytes: int = Field(1024 * MiB, description="bytes of leaves and gradients per session (413)")
    max_session_variables: int = Field(1000, description="leaves and computed variables per session (413)")
    max_tensor_dims: int = Field(32, description="dimensions of any one tensor (413)")
    max_sessions: int = Field(1000, description="live sessions on this server (429)")
    max_graph_nodes: int = Field(1000, description="nodes in one graph, computed variables expanded (413)")
    max_expr_length: int = Field(10_000, description="characters in one expression (422)")
    max_expr_depth: int = Field(100, description="nesting depth of one expression (422)")
    max_json_depth: int = Field(100, description="nesting depth of a JSON body, checked before parsing (413)")
    max_compute_seconds: float = Field(
        60.0, description="time budget of one call: estimated before, checked between nodes and in backward (422)"
    )
    default_ttl_seconds: int = Field(3600, description="idle time after which a session is dropped")
    max_ttl_seconds: int = Field(7 * 24 * 3600, description="largest ttl_seconds a client may ask for")
    sweep_interval_seconds: float = Field(10.0, description="how often expired sessions are dropped")
    idempotency_ttl_seconds: float = Field(86400, description="how long an Idempotency-Key's answer is kept")
    state_dir: str | None = Field(
        None, description="folder for durable sessions; unset: none (inline) or a private temporary one (process)"
    )
    backend: Literal["inline", "process", "ray"] = Field(
        "process",
        description="where sessions live: 'process' (host processes), 'inline' (this process), 'ray' (Ray actors)",
    )
    ray_namespace: str = Field(
        "autograd-service", description="the Ray namespace of this deployment's host actors (ray backend)"
    )
    ray_address: str | None = Field(
        None, description="the Ray cluster of the ray backend: 'auto', 'ray://host:10001'; unset: a local instance"
    )
    cpu_hosts: int = Field(
        max(2, CPUS),
        ge=1,
        description="CPU host processes with the process backend",
        json_schema_extra={"shown_default": "the CPUs, at least 2"},
    )
    host_memory_bytes: int = Field(
        0,
        ge=0,
        description="memory cap per host process (its address space, RLIMIT_AS; on a GPU its memory fraction); 0:"
        " what it starts with plus its share of the memory this server may use (a container's limit included)",
    )
    host_grace_seconds: float = Field(
        2.0, gt=0, description="past max_compute_seconds plus this, a running call's host is killed and restarted"
    )
    durability: Literal["always", "os", "off"] = Field(
        "os", description="'always': fsync before each answer; 'os': write before, fsync about once a second"
    )
    cpu_threads: int = Field(
        CPUS, ge=1, description="threads per CPU host for calls (inline and ray backends)", json_schema_extra=BY_MACHINE
    )
    torch_threads: int = Field(
        CPUS, description="torch intra-op threads (set_num_threads)", json_schema_extra=BY_MACHINE
    )
    torch_interop_threads: int = Field(
        CPUS,
        description="torch inter-op threads (set_num_interop_threads, once per process)",
        json_schema_extra=BY_MACHINE,
    )
    parse_on_host_bytes: int = Field(
        0, ge=0, description="a JSON body this large (0: any) is parsed on its session's host, not on the event loop"
    )
    quick_max_bytes: int = Field(
        256 << 10,
        description="a call of a session holding at most this (and with a body this small) runs quick: on the"
        " thread that received it",
    )
    quick_max_flops: float = Field(
        1e6, description="a call whose shape pass estimates more floating-point work runs on its host's runner"
    )
    graph_cache_size: int = Field(512, description="compiled graphs kept (LRU) per server; 0 turns the cache off")

    header_timeout_seconds: float = Field(10.0, description="a request head not complete by then closes its connection")
    keep_alive_seconds: int = Field(5, description="an idle keep-alive connection is closed after this")
    max_connections: int = Field(1000, description="connections and requests in flight; past it new requests get 503")
    max_header_bytes: int = Field(16 * 1024, description="largest request head (request line and headers)")
    session_create_rate: float = Field(
        2.0, description="sessions one client (API key, else address) may create per second, on average (429)"
    )
    session_create_burst: int = Field(60, description="sessions one client may create at once before the rate applies")
    unused_ttl_seconds: int = Field(300, description="idle time after which a session never used since made is dropped")
    max_watchers_per_session: int = Field(
        32, ge=1, description="event streams (GET …/events) one session may have open on this server (429)"
    )
    event_backlog: int = Field(
        1024,
        ge=1,
        description="events a session's host keeps for watchers resuming with Last-Event-ID; a watcher this many"
        " events behind is dropped",
    )

    api_keys: str = Field(
        "", description="comma-separated API keys; when set, creating sessions and stateless routes need X-API-Key"
    )
    cors_origins: str = Field("", description="comma-separated origins allowed by CORS; off when empty")
    idempotency_caller_bytes: int = Field(
        8 * MiB, description="answers kept for Idempotency-Key retries, per caller; older ones drop to a 409"
    )
    idempotency_caller_keys: int = Field(
        10_000, description="Idempotency-Keys one caller may hold within the TTL; a new one past it is a 429"
    )

    @property
    def written_durability(self) -> str:
        """The durability in effect: ``off`` where nothing is written (the inline backend with no state
        folder; every other backend writes to a private folder when none is set)."""
        return "off" if self.backend == "inline" and self.state_dir is None else self.durability

    @property
    def call_deadline_seconds(self) -> float:
        """Past this a running call's host is killed: the compute budget, then the grace to stop on its own."""
        return self.max_compute_seconds + self.host_grace_seconds

    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    def limits(self) -> dict[str, float]:
        """The limits a client may want to know, for /v1/info."""
        return {
            name: getattr(self, name)
            for name in (
                "max_body_bytes",
                "max_tensor_elements",
                "max_session_bytes",
                "max_session_variables",
                "max_tensor_dims",
                "max_sessions",
                "max_graph_nodes",
                "max_expr_length",
                "max_expr_depth",
                "max_json_depth",
                "max_compute_seconds",
                "host_memory_bytes",
                "cpu_hosts",
                "header_timeout_seconds",
                "max_connections",
                "session_create_rate",
                "session_create_burst",
                "unused_ttl_seconds",
                "default_ttl_seconds",
                "max_ttl_seconds",
                "max_watchers_per_session",
                "event_backlog",
            )
        }


def table() -> str:
    """Every setting as a Markdown table: its variable, its default and what it does."""
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        default = extra.get("shown_default") or ("unset" if field.default in (None, "") else f"`{field.default}`")
        rows.append(f"| `AGS_{name.upper()}` | {default} | {field.description} |")
    return "\n".join(rows) + "\n"
