// Errors are thrown as the class of their problem type first, their status's family second.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer } from "../scripts/server.js";
import {
  AuthError,
  Client,
  Conflict,
  DeviceUnavailable,
  IdempotentAnswerGone,
  InvalidExpression,
  InvalidRequest,
  NotFound,
  PROBLEM_TYPES,
  ProblemError,
  ServerError,
  TooManyIdempotencyKeys,
  TooManyRequests,
  TooManySessions,
  UnknownSession,
  UnknownVariable,
} from "../src/index.js";

/** A client whose every call is answered with this status and body, without a server. */
const answering = (status, body) =>
  new Client("http://server.invalid", {
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json" } }),
  });

const refusal = (status, body) => answering(status, body).info().catch((e) => e);

describe("by type, then by status", () => {
  test("a 409 whose type says the idempotent answer is gone is not DeviceUnavailable", async () => {
    const err = await refusal(409, { type: "/problems/idempotent-answer-gone", title: "Idempotent answer gone", status: 409, detail: "d" });
    assert.ok(err instanceof IdempotentAnswerGone && err instanceof Conflict && err instanceof ProblemError);
    assert.ok(!(err instanceof DeviceUnavailable));
    assert.deepEqual([err.name, err.status, err.type, err.detail], ["IdempotentAnswerGone", 409, "/problems/idempotent-answer-gone", "d"]);
  });

  test("a 429 for the idempotency cap is not TooManySessions", async () => {
    const err = await refusal(429, { type: "/problems/too-many-idempotency-keys", title: "Too many idempotency keys", status: 429 });
    assert.ok(err instanceof TooManyIdempotencyKeys && err instanceof TooManyRequests && !(err instanceof TooManySessions));
  });

  test("a type this client does not know falls back to its status's family", async () => {
    for (const [status, family] of [[401, AuthError], [404, NotFound], [409, Conflict], [422, InvalidRequest], [429, TooManyRequests], [503, ServerError]]) {
      const err = await refusal(status, { type: "/problems/from-a-newer-server", title: "T", status });
      assert.equal(err.constructor, family, `status ${status}`);
    }
    const teapot = await refusal(418, { title: "I'm a teapot" });
    assert.equal(teapot.constructor, ProblemError);
  });

  test("a type named like an Object property is not looked up on the prototype", async () => {
    const err = await refusal(404, { type: "constructor", title: "T", status: 404 });
    assert.equal(err.constructor, NotFound);
  });

  test("every class in the table is a ProblemError subclass named as exported", () => {
    for (const [type, cls] of Object.entries(PROBLEM_TYPES)) {
      assert.ok(type.startsWith("/problems/"), type);
      if (cls !== null) assert.ok(cls.prototype instanceof ProblemError || cls === ProblemError, type);
    }
  });
});

describe("against a real server", () => {
  let server;
  let client;
  before(async () => {
    server = await startServer();
    client = new Client(server.url);
  });
  after(() => server?.stop());

  test("each refusal arrives as its problem's class", async () => {
    const s = await client.createSession();
    try {
      assert.ok((await s.get("nothing").catch((e) => e)) instanceof UnknownVariable);
      assert.ok((await s.compute("y = x +").catch((e) => e)) instanceof InvalidExpression);
      assert.ok((await client.session({ id: s.id, token: "wrong" }).describe().catch((e) => e)) instanceof UnknownSession);
      assert.ok((await client.request("GET", `/v1/sessions/${s.id}`).catch((e) => e)) instanceof AuthError);
      assert.ok((await client.createSession({ device: "cuda:7" }).catch((e) => e)) instanceof DeviceUnavailable);
    } finally {
      await s.close();
    }
  });
});
