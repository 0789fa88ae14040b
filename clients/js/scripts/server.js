// A real autograd-service for the tests and the type generator: `python -m service` on a free
// loopback port, from the repository root, stopped by stop(). The interpreter is $AUTOGRAD_PYTHON,
// else the repository's .venv (what `make install` builds), else python3 on the PATH.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function python() {
  if (process.env.AUTOGRAD_PYTHON) return process.env.AUTOGRAD_PYTHON;
  const venv = `${REPO_ROOT}.venv/bin/python`;
  return existsSync(venv) ? venv : "python3";
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Start the service and wait for /healthz; `env` gives its AGS_* settings. */
export async function startServer({ env = {}, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ["-m", "service", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"];
  // The caller's own AGS_* settings stay out: the tests and the generated types see the defaults,
  // except the per-client session creation rate: the tests make sessions faster than a real client.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AGS_")));
  const settings = { ...inherited, AGS_SESSION_CREATE_BURST: "1000000", ...env };
  const child = spawn(python(), args, { cwd: REPO_ROOT, env: settings, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await stop();
  throw new Error(`the service did not become healthy in ${timeoutMs} ms:\n${output}`);
}
