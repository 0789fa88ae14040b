// src/schema.d.ts from the service's own /openapi.json, by openapi-typescript.
//   node scripts/generate-types.js              start a server here, write src/schema.d.ts
//   node scripts/generate-types.js URL          read URL/openapi.json instead
// test/schema.test.js regenerates the same way from a live server and fails on any drift.

import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { startServer } from "./server.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../src/schema.d.ts", import.meta.url));
const BANNER = `/**
 * The autograd-service HTTP API, generated from its /openapi.json by openapi-typescript.
 * Do not edit: run \`npm run generate\` in clients/js after changing a route.
 */

`;

/** The TypeScript text for an OpenAPI document (a parsed object). */
export async function typesFor(document) {
  // defaultNonNullable false: a field with a server-side default stays optional in a request body.
  return BANNER + astToString(await openapiTS(document, { defaultNonNullable: false }));
}

export async function typesFromServer(url) {
  const answer = await fetch(`${url}/openapi.json`);
  if (!answer.ok) throw new Error(`GET ${url}/openapi.json answered ${answer.status}`);
  return typesFor(await answer.json());
}

async function main(url) {
  const server = url ? null : await startServer();
  try {
    await writeFile(SCHEMA_FILE, await typesFromServer(url ?? server.url));
    console.log(`wrote ${SCHEMA_FILE}`);
  } finally {
    await server?.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2]);
