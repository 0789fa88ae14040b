// The autograd-service HTTP API for browsers and node: one Client per server, one Session per
// server-side session. No runtime dependencies: `fetch` does the I/O, and request bodies are the
// server's own JSON (field names as in /openapi.json, typed by schema.d.ts), so nothing is renamed.
// Every failed call throws: a ProblemError for an HTTP error answer (RFC 9457 problem+json), a
// NetworkError when no answer came. Served as is to the playground page: no build step.

/** An error answer from the service, with the fields of its problem+json body. */
export class ProblemError extends Error {
  constructor(status, problem = {}, fallback = "") {
    const title = problem.title ?? "HTTP error";
    const detail = problem.detail ?? fallback;
    super(detail ? `${status} ${title}: ${detail}` : `${status} ${title}`);
    this.name = "ProblemError";
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }

  /** True when the session itself is gone (expired, deleted, or the token does not open it). */
  get sessionGone() {
    return this.status === 401 || this.type === "/problems/unknown-session";
  }
}

/** No answer at all: the server is down, unreachable, or the call was aborted. */
export class NetworkError extends Error {
  constructor(message, cause) {
    super(message, { cause });
    this.name = "NetworkError";
  }
}

export class Client {
  /**
   * @param {string} [baseUrl] the service's origin; "" (the default) means the page's own origin.
   * @param {{apiKey?: string, headers?: Record<string, string>, fetch?: typeof fetch}} [options]
   */
  constructor(baseUrl = "", { apiKey, headers = {}, fetch: fetchImpl } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.headers = { ...headers, ...(apiKey ? { "X-API-Key": apiKey } : {}) };
    this.fetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  /** One HTTP call: JSON in, JSON out (null for 204), a ProblemError for any non-2xx answer. */
  async request(method, path, { body, token, signal, accept = "application/json" } = {}) {
    const response = await this.send(method, path, { body, token, signal, accept });
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** The raw Response of a call that succeeded; for streams. Errors are thrown as in request. */
  async send(method, path, { body, token, signal, accept = "application/json" } = {}) {
    const headers = { ...this.headers, Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      throw new NetworkError(`${method} ${path}: the service did not answer (${err.message})`, err);
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  info() {
    return this.request("GET", "/v1/info");
  }

  ops() {
    return this.request("GET", "/v1/ops");
  }

  /** The stateless route: an expression or graph on inline inputs, no session. */
  evaluate(body) {
    return this.request("POST", "/v1/evaluate", { body });
  }

  /** A new session on the server (device, dtype, ttl_seconds are optional). */
  async createSession(options = {}) {
    return new Session(this, await this.request("POST", "/v1/sessions", { body: options }));
  }

  /** A Session object for one made earlier, from the {id, token} that createSession answered. */
  session(created) {
    return new Session(this, created);
  }
}

export class Session {
  constructor(client, created) {
    this.client = client;
    this.id = created.id;
    this.token = created.token;
    this.device = created.device;
    this.dtype = created.dtype;
    this.expiresAt = created.expires_at;
  }

  /** The state to keep (e.g. in sessionStorage) to reopen this session with client.session(). */
  toJSON() {
    return { id: this.id, token: this.token, device: this.device, dtype: this.dtype, expires_at: this.expiresAt };
  }

  call(method, rest, options = {}) {
    return this.client.request(method, `/v1/sessions/${encodeURIComponent(this.id)}${rest}`, {
      ...options,
      token: this.token,
    });
  }

  /** GET the session: device, dtype, expiry and its variables (without data). */
  describe() {
    return this.call("GET", "");
  }

  /** DELETE the session on the server. */
  async close() {
    await this.call("DELETE", "");
  }

  /** Set a leaf: `{data, requires_grad?, dtype?}` or `{init, shape, value?, seed?, dtype?, requires_grad?}`. */
  put(name, body) {
    return this.call("PUT", variablePath(name), { body });
  }

  get(name) {
    return this.call("GET", variablePath(name));
  }

  async delete(name) {
    await this.call("DELETE", variablePath(name));
  }

  /** Every variable, without data or grad. */
  async list() {
    return (await this.call("GET", "/variables")).variables;
  }

  /** Define variables from an expression (`"y = x.sum()"`) or a JSON graph (`{nodes, outputs}`). */
  compute(source, { backward, grads } = {}) {
    const body = typeof source === "string" ? { expr: source } : { graph: source };
    if (backward !== undefined) body.backward = backward;
    if (grads !== undefined) body.grads = grads;
    return this.call("POST", "/compute", { body });
  }

  /** `variable.backward(gradient)`: leaf gradients accumulate; answers the leaves it reached. */
  backward(variable, { gradient, inputs, grads } = {}) {
    const body = { variable };
    if (gradient !== undefined) body.gradient = gradient;
    if (inputs !== undefined) body.inputs = inputs;
    if (grads !== undefined) body.grads = grads;
    return this.call("POST", "/backward", { body });
  }

  /** `torch.autograd.grad`: `{outputs, inputs, grad_outputs?, create_graph?, allow_unused?, ...}`. */
  grad(body) {
    return this.call("POST", "/grad", { body });
  }

  /** Zero the leaves' gradients (all of them, or `{variables: [...]}`; `set_to_none` as in torch). */
  zeroGrad(body = {}) {
    return this.call("POST", "/zero_grad", { body });
  }

  /** One optimizer step: `{optimizer: {type: "sgd", lr: 0.1}, variables?, zero_grad?}`. */
  step(body) {
    return this.call("POST", "/step", { body });
  }

  /** The autograd graph behind a variable: grad_fn nodes, leaves and edges. */
  graph(name) {
    return this.call("GET", `${variablePath(name)}/graph?format=json`);
  }

  /**
   * The server's fused loop: `{loss, optimizer, steps?, variables?, zero_grad?, log_every?}`.
   * With `onProgress`, the answer streams (text/event-stream) and each `{step, loss, elapsed_s}`
   * is passed to it as it arrives; aborting `signal` stops the loop after the current step.
   */
  async train(body, { onProgress, signal } = {}) {
    if (!onProgress) return this.call("POST", "/train", { body, signal });
    let done = null;
    for await (const { event, data } of this.trainEvents(body, { signal })) {
      if (event === "progress") onProgress(data);
      else if (event === "done") done = data;
    }
    if (done === null) throw new NetworkError("POST /train: the stream ended without its done event");
    return done;
  }

  /** The train stream's events, `{event: "progress" | "done", data}`; an `error` event is thrown. */
  async *trainEvents(body, { signal } = {}) {
    const path = `/v1/sessions/${encodeURIComponent(this.id)}/train`;
    const response = await this.client.send("POST", path, { body, token: this.token, signal, accept: "text/event-stream" });
    for await (const message of serverSentEvents(response.body, signal)) {
      const data = message.data ? JSON.parse(message.data) : null;
      if (message.event === "error") throw new ProblemError(data?.status ?? 500, data ?? {});
      yield { event: message.event, data };
    }
  }
}

const variablePath = (name) => `/variables/${encodeURIComponent(name)}`;

async function problemOf(response) {
  const text = await response.text();
  let problem = {};
  try {
    const parsed = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = parsed;
  } catch {
    // not JSON (a proxy's HTML page, say): its text becomes the detail
  }
  return new ProblemError(response.status, { title: response.statusText || undefined, ...problem }, text);
}

/**
 * The messages of a text/event-stream body (the WHATWG "server-sent events" format): blank-line
 * separated blocks of `field: value` lines; `data` lines join with "\n"; `:` lines are comments.
 */
export async function* serverSentEvents(stream, signal) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let message = { event: "message", data: [] };
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) return;
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw new NetworkError(`the event stream broke off (${err.message})`, err);
      }
      buffer += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = chunk.done ? "" : lines.pop();
      for (const line of lines) {
        if (line === "") {
          if (message.data.length) yield { event: message.event, data: message.data.join("\n") };
          message = { event: "message", data: [] };
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") message.event = value;
        else if (field === "data") message.data.push(value);
      }
      if (chunk.done) {
        finished = true;
        if (message.data.length) yield { event: message.event, data: message.data.join("\n") };
        return;
      }
    }
  } finally {
    // Leaving early (a break, an abort, an error) closes the connection: the server stops its loop.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
