// The shipped types against the code: index.d.ts and the TypeScript example compile, and index.js
// (// @ts-check, JSDoc typed from index.d.ts) implements what index.d.ts declares.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");

for (const project of ["tsconfig.json", "tsconfig.implementation.json"]) {
  test(`tsc -p ${project} finds no error`, async () => {
    const done = await run(process.execPath, [TSC, "-p", project], { cwd: PACKAGE }).catch((err) => err);
    assert.equal(done.code ?? 0, 0, `${done.stdout}${done.stderr}`);
  });
}

test("the implementation check covers index.js itself, not only the declarations", async () => {
  const { stdout } = await run(process.execPath, [TSC, "-p", "tsconfig.implementation.json", "--listFilesOnly"], { cwd: PACKAGE });
  assert.ok(stdout.split("\n").some((file) => file.endsWith("/src/index.js")), stdout);
});
