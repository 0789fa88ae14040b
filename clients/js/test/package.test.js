// The package as a web developer gets it: `npm pack`, then installed into a brand-new project
// (`npm init -y`, CommonJS by default), where the README's seed example runs as an ES module script,
// as TypeScript compiled with the README's tsconfig (target ES2017, its default lib, NodeNext), and
// from a CommonJS TypeScript file, each against a real server.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startServer } from "../scripts/server.js";

const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");
const README_URL = "http://127.0.0.1:8000";

/** The README's code blocks of one language, in order. */
async function readmeBlocks(lang) {
  const readme = await readFile(join(PACKAGE, "README.md"), "utf8");
  return [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** What a block says it prints: the `// ...` comment of each console.log line, up to two spaces. */
const expectedOutput = (code) =>
  code
    .split("\n")
    .filter((line) => line.trimStart().startsWith("console.log("))
    .map((line) => line.split("// ")[1].split("  ")[0]);

let server;
let project;
before(async () => {
  server = await startServer();
  project = await mkdtemp(join(tmpdir(), "ags-js-package-"));
});
after(async () => {
  await server?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

test("npm pack installs into a new project where the seed example runs as ESM, TypeScript and CommonJS", async () => {
  const env = { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
  const packed = await run("npm", ["pack", "--silent", "--pack-destination", project], { cwd: PACKAGE, env });
  const tarball = join(project, packed.stdout.trim().split("\n").pop());
  const app = join(project, "app");
  await run("mkdir", [app]);
  await run("npm", ["init", "-y"], { cwd: app, env });
  assert.equal(JSON.parse(await readFile(join(app, "package.json"), "utf8")).type ?? "commonjs", "commonjs");
  await run("npm", ["install", "--offline", tarball], { cwd: app, env });

  const [esm] = await readmeBlocks("js");
  const [ts] = await readmeBlocks("ts");
  const [tsconfig] = await readmeBlocks("json");
  const here = (code) => code.replaceAll(README_URL, server.url);
  await writeFile(join(app, "seed.mjs"), here(esm));
  await writeFile(join(app, "typed.mts"), here(ts));
  await writeFile(
    join(app, "required.cts"),
    here(`import { Client, UnknownVariable } from "@autograd-service/client";

async function main(): Promise<void> {
  const s = await new Client("${README_URL}").createSession();
  const missing = await s.get("nothing").catch((err: unknown) => err);
  console.log(missing instanceof UnknownVariable, (await s.put("x", { data: 2 })).data);
  await s.close();
}
main();
`),
  );
  await writeFile(join(app, "tsconfig.json"), tsconfig);
  const compiled = await run(process.execPath, [TSC, "-p", "."], { cwd: app }).catch((err) => err);
  assert.equal(compiled.code ?? 0, 0, `tsc failed in a new project:\n${compiled.stdout}${compiled.stderr}`);

  const lines = async (file) => (await run(process.execPath, [file], { cwd: app })).stdout.trim().split("\n");
  assert.deepEqual(await lines("seed.mjs"), expectedOutput(esm));
  assert.deepEqual(await lines("typed.mjs"), expectedOutput(ts));
  assert.deepEqual(await lines("required.cjs"), ["true 2"]);
  assert.deepEqual(expectedOutput(esm).slice(0, 2), ["4 SumBackward0", "[[3,3],[3,3]]"]);
});
