"""The compose file and the Kubernetes manifest agree with the server they run: the probes ask routes the
app has, on the port it serves, every AGS_* name is a setting, and the stop grace outlasts the drain."""

from __future__ import annotations

import inspect
import re

import yaml
from fastapi.routing import APIRoute

from service.__main__ import PORT
from service.app import create_app
from service.core.config import Settings
from service.hosts.process import HostProcess
from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
MANIFEST = list(yaml.safe_load_all((ROOT / "deploy" / "k8s" / "autograd-service.yaml").read_text()))
DOCKERFILE = (ROOT / "Dockerfile").read_text()
GETS = {r.path for r in create_app(Settings()).routes if isinstance(r, APIRoute) and "GET" in r.methods}
SETTINGS = set(Settings.model_fields)


def drain_seconds() -> float:
    """The longest a clean stop takes by default: a call in flight runs out its budget (the host is
    killed past it), then the hosts get ``HostProcess.close``'s time to write and exit."""
    s = Settings()
    close = inspect.signature(HostProcess.close).parameters["timeout"].default
    return s.max_compute_seconds + s.host_grace_seconds + close


def seconds(text: str) -> float:
    found = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", text)
    assert found and text, text
    return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)


def api_services() -> dict[str, dict]:
    """The compose services that run the API: those with the image's port published."""
    return {n: s for n, s in COMPOSE["services"].items() if any(str(p).endswith(":8000") for p in s.get("ports", []))}


def of_kind(kind: str) -> dict:
    return next(d for d in MANIFEST if d["kind"] == kind)


def container() -> dict:
    return of_kind("Deployment")["spec"]["template"]["spec"]["containers"][0]


def test_the_image_serves_on_the_servers_default_port():
    assert f"EXPOSE {PORT}" in DOCKERFILE and f'"--port", "{PORT}"' in DOCKERFILE


def test_compose_waits_for_readiness_and_outlasts_the_drain():
    services = api_services()
    assert set(services) >= {"api", "api-gpu", "api-ray-1", "api-ray-2"}
    for name, service in services.items():
        probe = " ".join(service["healthcheck"]["test"])
        assert f"127.0.0.1:{PORT}/readyz" in probe and "/readyz" in GETS, name
        assert seconds(service["stop_grace_period"]) > drain_seconds(), name
        assert all(key[4:].lower() in SETTINGS for key in service.get("environment", {}) if key.startswith("AGS_"))


def test_the_deployment_probes_routes_the_app_has_on_the_port_it_serves():
    c = container()
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": PORT}
    probes = {kind: c[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")}
    assert probes["livenessProbe"]["path"] == "/healthz" and probes["readinessProbe"]["path"] == "/readyz"
    for probe in probes.values():
        assert probe["path"] in GETS and ports.get(probe["port"], probe["port"]) == PORT
    service = of_kind("Service")["spec"]
    assert service["selector"] == of_kind("Deployment")["spec"]["selector"]["matchLabels"]
    assert [ports.get(p["targetPort"], p["targetPort"]) for p in service["ports"]] == [PORT]


def test_the_deployment_settings_are_real_and_its_state_is_on_the_volume():
    env = {e["name"]: e for e in container()["env"]}
    unknown = [name for name in env if not name.startswith("AGS_") or name[4:].lower() not in SETTINGS]
    assert env and not unknown
    state = env["AGS_STATE_DIR"]["value"]
    assert f"AGS_STATE_DIR={state}" in DOCKERFILE
    pod = of_kind("Deployment")["spec"]["template"]["spec"]
    mounts = {m["name"]: m["mountPath"] for m in container()["volumeMounts"]}
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
    assert [claims[name] for name, path in mounts.items() if path == state] == [
        of_kind("PersistentVolumeClaim")["metadata"]["name"]
    ]
    assert pod["securityContext"]["runAsUser"] == 10001 and "--uid 10001" in DOCKERFILE


def test_the_deployment_outlasts_the_drain():
    pod = of_kind("Deployment")["spec"]["template"]["spec"]
    assert pod["terminationGracePeriodSeconds"] > drain_seconds()
