// The checked-in types match what the server describes today, and the typings check.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { SCHEMA_FILE, typesFromServer } from "../scripts/generate-types.js";
import { startServer } from "../scripts/server.js";

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

test("src/schema.d.ts is what openapi-typescript makes of the live server's /openapi.json", async () => {
  const fresh = await typesFromServer(server.url);
  const checkedIn = await readFile(SCHEMA_FILE, "utf8");
  assert.ok(fresh === checkedIn, "src/schema.d.ts has drifted from the server's API: run `npm run generate` in clients/js");
});

test("index.d.ts and the TypeScript seed example type-check against the generated types", async () => {
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd }).catch((err) => {
    assert.fail(`tsc found type errors:\n${err.stdout}${err.stderr}`);
  });
  assert.equal(stdout, "");
});
