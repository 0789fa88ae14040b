// The text/event-stream reader, fed the byte chunks a server may send (split anywhere).
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverSentEvents } from "../src/index.js";

function streamOf(...chunks) {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return new ReadableStream({
    pull(controller) {
      if (bytes.length) controller.enqueue(bytes.shift());
      else controller.close();
    },
  });
}

async function collect(stream) {
  const out = [];
  for await (const message of serverSentEvents(stream)) out.push(message);
  return out;
}

test("events, data lines and comments, split across chunks and line endings", async () => {
  const stream = streamOf(': ping\r\n\r\nevent: progress\r\ndata: {"st', 'ep": 1}\n\nevent: done\ndata: a\ndata: b\n\n', "data: tail");
  assert.deepEqual(await collect(stream), [
    { event: "progress", data: '{"step": 1}' },
    { event: "done", data: "a\nb" },
    { event: "message", data: "tail" },
  ]);
});

test("a multi-byte character split between chunks is decoded whole", async () => {
  const bytes = new TextEncoder().encode("data: ∇\n\n");
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, 7));
      controller.enqueue(bytes.slice(7));
      controller.close();
    },
  });
  assert.deepEqual(await collect(stream), [{ event: "message", data: "∇" }]);
});

test("leaving the loop early cancels the stream (that is how a client disconnects)", async () => {
  let cancelled = false;
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode("data: 1\n\n"));
    },
    cancel() {
      cancelled = true;
    },
  });
  for await (const message of serverSentEvents(stream)) {
    assert.equal(message.data, "1");
    break;
  }
  assert.equal(cancelled, true);
});
