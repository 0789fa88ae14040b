"""Which of the project's modules one ``POST …/backward`` enters, for docs/architecture.md's walk.

A profile hook records every file whose code runs while one backward (``y = (x * x).sum()``, warm)
is answered (from the request sent to the answer back, on every thread of this process), with
``inline`` the server and the host together, with ``process`` the server's side only.

    .venv/bin/python scripts/walk.py [inline|process]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.app import create_app  # noqa: E402
from service.core.config import Settings  # noqa: E402

seen: set[str] = set()
recording = threading.Event()


def profile(frame: FrameType, event: str, arg: Any) -> None:
    if event == "call" and recording.is_set() and (path := Path(frame.f_code.co_filename)).is_relative_to(ROOT):
        seen.add(str(path.relative_to(ROOT)))


async def walk(backend: str) -> int:
    app = create_app(Settings(backend=backend, state_dir=tempfile.mkdtemp()))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://walk") as c,
    ):
        s = (await c.post("/v1/sessions", json={})).json()
        auth, base = {"Authorization": f"Bearer {s['token']}"}, f"/v1/sessions/{s['id']}"
        await c.put(f"{base}/variables/x", json={"data": [1.0, 2.0], "requires_grad": True}, headers=auth)
        await c.post(f"{base}/compute", json={"expr": "y = (x * x).sum()"}, headers=auth)
        for _ in range(3):  # warm: caches filled, lazy imports done
            await c.post(f"{base}/backward", json={"variable": "y"}, headers=auth)
        sys.setprofile(profile)
        recording.set()
        answer = await c.post(f"{base}/backward", json={"variable": "y"}, headers=auth)
        recording.clear()
        sys.setprofile(None)
        return answer.status_code


def main() -> None:
    backend = sys.argv[1] if len(sys.argv) > 1 else "inline"
    threading.setprofile(profile)  # the host's threads (inline) start after this; recorded only during the call
    status = asyncio.run(walk(backend))
    modules = sorted(m for m in seen if m.startswith(("service/", "engine/")))
    print(f"POST …/backward ({backend}) answered {status}; {len(modules)} modules entered:")
    print("\n".join(f"  {m}" for m in modules))


if __name__ == "__main__":
    main()
