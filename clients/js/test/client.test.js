// The client against a real `python -m service` (started here on a free loopback port).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer } from "../scripts/server.js";
import { Client, NetworkError, ProblemError } from "../src/index.js";

let server;
let client;
before(async () => {
  server = await startServer();
  client = new Client(server.url);
});
after(() => server?.stop());

async function withSession(work) {
  const session = await client.createSession();
  try {
    return await work(session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

const f32 = (values) => values.map(Math.fround);

describe("the seed example", () => {
  test("grads accumulate over backward calls until zeroed, as x.grad in torch", () =>
    withSession(async (s) => {
      const x = await s.put("x", { data: [[1, 1], [1, 1]], requires_grad: true });
      assert.deepEqual([x.is_leaf, x.requires_grad, x.grad], [true, true, null]);
      const { variables } = await s.compute("y = x.sum()");
      assert.deepEqual([variables.y.data, variables.y.grad_fn, variables.y.is_leaf], [4, "SumBackward0", false]);
      for (const expected of [1, 2, 3]) {
        const { grads } = await s.backward("y");
        assert.deepEqual(grads.x, [[expected, expected], [expected, expected]]);
      }
      assert.deepEqual(await s.zeroGrad(), { zeroed: ["x"] });
      assert.deepEqual((await s.get("x")).grad, [[0, 0], [0, 0]]);
      await s.backward("y");
      assert.deepEqual((await s.get("x")).grad, [[1, 1], [1, 1]]);
    }));

  test("cos of ones(4, 5) is float32 cos(1) everywhere", () =>
    withSession(async (s) => {
      const { variables } = await s.compute("c = cos(ones(4, 5))");
      assert.deepEqual(variables.c.shape, [4, 5]);
      assert.deepEqual(variables.c.data.flat(), Array(20).fill(0.5403023362159729));
    }));
});

describe("sessions and variables", () => {
  test("a session is described, reopened from its saved JSON, and deleted", async () => {
    const s = await client.createSession({ dtype: "float64" });
    assert.equal(s.dtype, "float64");
    assert.match(s.expiresAt, /^\d{4}-\d\d-\d\dT/);
    const again = client.session(JSON.parse(JSON.stringify(s)));
    await again.put("w", { init: "full", shape: [2], value: 0.25 });
    const described = await s.describe();
    assert.deepEqual([described.id, described.dtype, described.variables.map((v) => v.name)], [s.id, "float64", ["w"]]);
    await s.close();
    await assert.rejects(s.describe(), (err) => err instanceof ProblemError && err.status === 404 && err.sessionGone);
  });

  test("put replaces, get reads, list names, delete removes", () =>
    withSession(async (s) => {
      assert.deepEqual((await s.put("a", { data: [1, 2] })).data, [1, 2]);
      const replaced = await s.put("a", { data: [[3]], dtype: "int64" });
      assert.deepEqual([replaced.data, replaced.dtype, replaced.shape], [[[3]], "int64", [1, 1]]);
      await s.put("b", { init: "zeros", shape: [3] });
      assert.deepEqual((await s.get("b")).data, [0, 0, 0]);
      assert.deepEqual((await s.list()).map((v) => [v.name, v.shape]), [["a", [1, 1]], ["b", [3]]]);
      await s.delete("a");
      assert.deepEqual((await s.list()).map((v) => v.name), ["b"]);
      await assert.rejects(s.get("a"), (err) => err.status === 404 && err.title === "Unknown variable" && !err.sessionGone);
    }));

  test("names are sent path-encoded", () =>
    withSession(async (s) => {
      await assert.rejects(s.get("a/b"), (err) => err instanceof ProblemError && err.status === 404 && !err.sessionGone);
    }));
});

describe("compute, backward, grad, step", () => {
  test("a JSON graph computes as its expression does, and backward in the same call", () =>
    withSession(async (s) => {
      await s.put("x", { data: [0, 0], requires_grad: true });
      await s.put("w", { data: [2, 3] });
      const graph = {
        nodes: [
          { id: "a", op: "cos", inputs: ["x"] },
          { id: "b", op: "mul", inputs: ["a", "w"] },
          { id: "y", op: "sum", inputs: ["b"], attrs: { dim: [0], keepdim: false } },
        ],
        outputs: ["y"],
      };
      const answer = await s.compute(graph, { backward: "y" });
      assert.equal(answer.variables.y.data, 5);
      assert.deepEqual(answer.grads.x, [-0, -0]); // -sin(0) * w
      assert.deepEqual(Object.keys(answer.variables), ["y"]);
    }));

  test("grad is torch.autograd.grad: the answer only, nothing accumulates", () =>
    withSession(async (s) => {
      await s.put("x", { data: [1, 2, 3], requires_grad: true });
      await s.compute("y = (x * x).sum()");
      assert.deepEqual(await s.grad({ outputs: ["y"], inputs: ["x"] }), { grads: { x: [2, 4, 6] } });
      assert.equal((await s.get("x")).grad, null);
    }));

  test("backward with a gradient, then one SGD step moves the leaf by lr * grad", () =>
    withSession(async (s) => {
      await s.put("x", { data: [1, 2, 3], requires_grad: true });
      await s.compute("y = x * x");
      assert.deepEqual((await s.backward("y", { gradient: [1, 1, 1] })).grads.x, [2, 4, 6]);
      const { variables } = await s.step({ optimizer: { type: "sgd", lr: 0.1 } });
      assert.deepEqual(variables.x.data, f32([1 - 0.2, 2 - 0.4, 3 - 0.6]));
      assert.deepEqual((await s.get("x")).data, f32([0.8, 1.6, 2.4]));
    }));

  test("the autograd graph of x @ x has two edges from x, as torch's DotBackward0 has", () =>
    withSession(async (s) => {
      await s.put("x", { data: [1, 2, 3], requires_grad: true });
      await s.compute("m = x @ x");
      const graph = await s.graph("m");
      const names = Object.fromEntries(graph.nodes.map((n) => [n.id, n.name]));
      assert.deepEqual(
        graph.edges.map((e) => `${names[e.from]}->${names[e.to]}`),
        ["x->DotBackward0", "x->DotBackward0", "DotBackward0->m"],
      );
    }));

  test("evaluate needs no session", async () => {
    const answer = await client.evaluate({ expr: "y = (x * x).sum()", inputs: { x: { data: [3], requires_grad: true } }, backward: "y" });
    assert.deepEqual([answer.outputs.y.data, answer.grads.x], [9, [6]]);
  });
});

describe("errors are typed problems", () => {
  test("a bad expression is a 422 with its position, and the session lives on", () =>
    withSession(async (s) => {
      const err = await s.compute("y = x +").catch((e) => e);
      assert.ok(err instanceof ProblemError && err instanceof Error);
      assert.deepEqual([err.status, err.type, err.title, err.sessionGone], [422, "/problems/invalid-expression", "Invalid expression", false]);
      assert.equal(err.detail, "line 1, column 8: syntax error: invalid syntax");
      assert.deepEqual(err.errors, [{ line: 1, column: 8, msg: "syntax error: invalid syntax" }]);
      assert.equal(err.message, "422 Invalid expression: line 1, column 8: syntax error: invalid syntax");
      assert.equal((await s.compute("y = 2 * ones(1)")).variables.y.data[0], 2);
    }));

  test("a body of the wrong type names the field in errors", () =>
    withSession(async (s) => {
      const err = await s.put("z", { data: 1, requires_grad: "maybe" }).catch((e) => e);
      assert.deepEqual([err.status, err.title, err.detail.split(":")[0]], [422, "Invalid request", "requires_grad"]);
      assert.deepEqual(err.errors.map((e) => [e.loc, e.type]), [[["body", "requires_grad"], "bool_type"]]);
    }));

  test("no token is a 401, a wrong token a 404: both mean the session is gone to this caller", () =>
    withSession(async (s) => {
      const bare = await client.request("GET", `/v1/sessions/${s.id}`).catch((e) => e);
      assert.deepEqual([bare.status, bare.title, bare.sessionGone], [401, "Authentication required", true]);
      const wrong = await client.session({ id: s.id, token: "not-the-token" }).describe().catch((e) => e);
      assert.deepEqual([wrong.status, wrong.type, wrong.sessionGone], [404, "/problems/unknown-session", true]);
    }));

  test("a server that is not there is a NetworkError, not a problem", async () => {
    const nobody = new Client("http://127.0.0.1:9");
    const err = await nobody.info().catch((e) => e);
    assert.ok(err instanceof NetworkError && !(err instanceof ProblemError));
    assert.match(err.message, /^GET \/v1\/info: the service did not answer/);
  });
});

describe("a server that requires an API key", () => {
  let keyed;
  before(async () => {
    keyed = await startServer({ env: { AGS_API_KEYS: "team-key" } });
  });
  after(() => keyed?.stop());

  test("the key goes in X-API-Key; without it making a session is a 401", async () => {
    const refused = await new Client(keyed.url).createSession().catch((e) => e);
    assert.deepEqual([refused.status, refused.title], [401, "Authentication required"]);
    const s = await new Client(keyed.url, { apiKey: "team-key" }).createSession();
    assert.deepEqual((await s.put("x", { data: 2 })).data, 2);
    await s.close();
  });
});
