// POST /v1/sessions/{id}/train through the client: the JSON answer, the progress stream, and a
// disconnect that stops the loop with the steps taken kept.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer } from "../scripts/server.js";
import { Client, ProblemError } from "../src/index.js";

let server;
let client;
before(async () => {
  server = await startServer();
  client = new Client(server.url);
});
after(() => server?.stop());

// loss = sum(x * x) from x = [1, 2, 3]; SGD with lr 0.1 scales x by 0.8 each step, the loss by 0.64.
async function quadratic() {
  const s = await client.createSession();
  await s.put("x", { data: [1, 2, 3], requires_grad: true });
  await s.compute("loss = (x * x).sum()");
  return s;
}
const SGD = { type: "sgd", lr: 0.1 };
const close = (actual, expected) =>
  assert.ok(
    actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]) <= 1e-5 * Math.abs(expected[i])),
    `${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`,
  );

describe("train", () => {
  test("the JSON answer has one loss per step, and the steps stay applied", async () => {
    const s = await quadratic();
    const answer = await s.train({ loss: "loss", optimizer: SGD, steps: 3 });
    assert.deepEqual([answer.steps, answer.logged_steps, answer.durable_steps], [3, [1, 2, 3], 3]); // the default server writes every step
    close(answer.losses, [14, 8.96, 5.7344]);
    close((await s.get("x")).data, [0.512, 1.024, 1.536]);
    await s.close();
  });

  test("with onProgress the losses stream in, one event per step, then the same answer", async () => {
    const s = await quadratic();
    const seen = [];
    const answer = await s.train({ loss: "loss", optimizer: SGD, steps: 3 }, { onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen.map((p) => p.step), [1, 2, 3]);
    close(seen.map((p) => p.loss), [14, 8.96, 5.7344]);
    assert.ok(seen.every((p, i) => p.elapsed_s >= (seen[i - 1]?.elapsed_s ?? 0)));
    close(answer.losses, [14, 8.96, 5.7344]);
    await s.close();
  });

  test("aborting the stream stops the loop on the server after the current step", async () => {
    const s = await quadratic();
    const stop = new AbortController();
    const training = s.train(
      { loss: "loss", optimizer: { type: "sgd", lr: 1e-6 }, steps: 1_000_000 },
      { onProgress: (p) => p.step >= 2 && stop.abort(), signal: stop.signal },
    );
    await assert.rejects(training);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const first = (await s.get("x")).data;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual((await s.get("x")).data, first, "x still changes: the loop did not stop");
    assert.ok(first[0] < 1 && first[0] > 1 - 1e-6 * 2 * 100_000, `x moved ${1 - first[0]}`);
    await s.close();
  });

  test("a loop that cannot start is a problem, streamed or not, and changes nothing", async () => {
    const s = await quadratic();
    for (const options of [{}, { onProgress: () => assert.fail("no step can be taken") }]) {
      const err = await s.train({ loss: "nope", optimizer: SGD, steps: 2 }, options).catch((e) => e);
      assert.ok(err instanceof ProblemError, String(err));
      assert.deepEqual([err.status, err.sessionGone, err.detail.includes("nope")], [422, false, true]);
    }
    assert.deepEqual((await s.get("x")).data, [1, 2, 3]);
    await s.close();
  });
});
