// Live sessions through the client, against a real server: a read-only session from a viewer token,
// session.events() from hello to end, and a resume after the connection drops mid-stream.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer } from "../scripts/server.js";
import { Client, ReadOnly, UnknownSession } from "../src/index.js";

let server;
let client;
before(async () => {
  server = await startServer();
  client = new Client(server.url);
});
after(() => server?.stop());

// x = ones(2, 2), y = x.sum(): each backward adds 1 to every element of x.grad, as in torch.
async function seeded() {
  const s = await client.createSession();
  await s.put("x", { data: [[1, 1], [1, 1]], requires_grad: true });
  await s.compute("y = x.sum()");
  return s;
}
const filled = (k) => [[k, k], [k, k]];

// A fetch whose events streams the test can cut, as a network would: the body errors mid-stream.
function cuttable() {
  const asked = [];
  let current = null;
  const fetchImpl = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (!String(input).endsWith("/events")) return response;
    asked.push(init.headers["Last-Event-ID"] ?? null);
    const reader = response.body.getReader();
    const body = new ReadableStream({
      start: (controller) => (current = { controller, reader }),
      pull: async (controller) => {
        const chunk = await reader.read().catch(() => ({ done: true }));
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const cut = () => {
    current.controller.error(new TypeError("the network went away"));
    current.reader.cancel().catch(() => undefined);
  };
  return { fetchImpl, cut, asked };
}

describe("live sessions", () => {
  test("a viewer token opens the session read-only: it reads, and a change is refused", async () => {
    const s = await seeded();
    const made = await s.share();
    assert.deepEqual(Object.keys(made).sort(), ["expires_at", "id", "token"]);
    const seen = await client.view(s.id, made.token);
    assert.equal(seen.readOnly, true);
    assert.equal((await seen.get("y")).data, 4);
    await assert.rejects(seen.backward("y"), ReadOnly);
    assert.deepEqual((await s.viewers()).map((v) => v.id), [made.id]);
    await s.revokeViewer(made.id);
    await assert.rejects(seen.get("y"), UnknownSession);
    await seen.close(); // a read-only session is left as it is
    assert.equal((await s.get("x")).grad, null);
    await s.close();
  });

  test("events: hello, each change as it is written, and end when the session is deleted", async () => {
    const s = await seeded();
    const events = s.events();
    const next = async () => (await events.next()).value;
    const hello = await next();
    assert.deepEqual([hello.id, hello.event, hello.data.variables.map((v) => v.name)], [2, "hello", ["x", "y"]]);
    for (const k of [1, 2, 3]) {
      await s.backward("y");
      const event = await next();
      assert.deepEqual([event.id, event.event, event.data.grads.x], [2 + k, "backward", { shape: [2, 2], norm: 2 * k, data: filled(k) }]);
    }
    await s.close();
    assert.deepEqual(await next(), { id: 6, event: "end", data: { reason: "deleted" } });
    assert.equal((await events.next()).done, true);
  });

  test("a dropped connection is opened again after the last event seen, and nothing is missed", async () => {
    const s = await seeded();
    const { fetchImpl, cut, asked } = cuttable();
    const watching = await new Client(server.url, { fetch: fetchImpl }).view(s.id, (await s.share()).token);
    const events = watching.events({ retryMs: 50 });
    const next = async () => (await events.next()).value;
    assert.equal((await next()).event, "hello");
    await s.backward("y");
    assert.deepEqual((await next()).data.grads.x.data, filled(1));
    cut();
    await s.backward("y");
    await s.backward("y");
    const resumed = [await next(), await next()];
    assert.deepEqual(resumed.map((e) => [e.id, e.data.grads.x.data]), [[4, filled(2)], [5, filled(3)]]);
    assert.deepEqual(asked, [null, "3"]);
    await events.return(undefined);
    await s.close();
  });
});
