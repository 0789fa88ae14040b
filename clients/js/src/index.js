// The autograd-service HTTP API for browsers and node: one Client per server, one Session per
// server-side session. No runtime dependencies: `fetch` does the I/O, and request bodies are the
// server's own JSON (field names as in /openapi.json, typed by schema.d.ts), so nothing is renamed.
// Every failed call throws: a ProblemError for an HTTP error answer (RFC 9457 problem+json), a
// NetworkError when no answer came. Served as is to the playground page: no build step.
// @ts-check: `npm run typecheck` checks this file against the declarations in index.d.ts.

/**
 * @typedef {import("./index.js").Problem} Problem
 * @typedef {import("./index.js").ClientOptions} ClientOptions
 * @typedef {import("./index.js").RequestOptions} RequestOptions
 * @typedef {import("./index.js").SessionCreated} SessionCreated
 * @typedef {import("./index.js").SessionHandle} SessionHandle
 * @typedef {import("./index.js").PutVariable} PutVariable
 * @typedef {import("./index.js").Graph} Graph
 * @typedef {import("./index.js").GradsWanted} GradsWanted
 * @typedef {import("./index.js").Tensor} Tensor
 * @typedef {import("./index.js").GradBody} GradBody
 * @typedef {import("./index.js").ZeroGradBody} ZeroGradBody
 * @typedef {import("./index.js").StepBody} StepBody
 * @typedef {import("./index.js").TrainBody} TrainBody
 * @typedef {import("./index.js").TrainAnswer} TrainAnswer
 * @typedef {import("./index.js").TrainProgress} TrainProgress
 * @typedef {import("./index.js").TrainEvent} TrainEvent
 * @typedef {import("./index.js").LiveEvent} LiveEvent
 * @typedef {import("./index.js").ViewerCreated} ViewerCreated
 * @typedef {import("./index.js").ViewerInfo} ViewerInfo
 * @typedef {import("./index.js").EvaluateBody} EvaluateBody
 * @typedef {import("./index.js").components["schemas"]["CreateSession"]} CreateSession
 * @typedef {import("./index.js").ProblemError} DeclaredProblemError
 * @typedef {import("./index.js").NetworkError} DeclaredNetworkError
 * @typedef {import("./index.js").Client} DeclaredClient
 * @typedef {import("./index.js").Session} DeclaredSession
 */

/**
 * An error answer from the service, with the fields of its problem+json body. Each problem `type`
 * the server answers has a subclass named for it (PROBLEM_TYPES); a type this client does not know
 * is thrown as its status's family (AuthError, NotFound, Conflict, Gone, PayloadTooLarge, InvalidRequest,
 * TooManyRequests, ServerError), else as a plain ProblemError.
 */
/** @implements {DeclaredProblemError} */
export class ProblemError extends Error {
  /**
   * @param {number} status
   * @param {Problem} [problem]
   * @param {string} [fallback] the detail when the body has none (the answer's text)
   */
  constructor(status, problem = {}, fallback = "") {
    const title = problem.title ?? "HTTP error";
    const detail = problem.detail ?? fallback;
    super(detail ? `${status} ${title}: ${detail}` : `${status} ${title}`);
    this.name = new.target.name;
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

// The families, by status (the fallback for a problem type not in PROBLEM_TYPES).
export class AuthError extends ProblemError {}
export class Forbidden extends ProblemError {}
export class NotFound extends ProblemError {}
export class MethodNotAllowed extends ProblemError {}
export class Conflict extends ProblemError {}
export class Gone extends ProblemError {}
export class PayloadTooLarge extends ProblemError {}
export class InvalidRequest extends ProblemError {}
export class TooManyRequests extends ProblemError {}
export class ClientClosedRequest extends ProblemError {}
export class ServerError extends ProblemError {}

// One class for each problem the server names (service/core/problems.py), in its family.
export class UnknownSession extends NotFound {}
export class UnknownVariable extends NotFound {}
export class UnknownViewer extends NotFound {}
export class ReadOnly extends Forbidden {}
export class DeviceUnavailable extends Conflict {}
export class IdempotentAnswerGone extends Conflict {}
export class SessionQuarantined extends Gone {}
export class LimitExceeded extends PayloadTooLarge {}
export class BodyTooLarge extends PayloadTooLarge {}
export class NestedTooDeeply extends PayloadTooLarge {}
export class MalformedJson extends InvalidRequest {}
export class BadRequest extends InvalidRequest {}
export class InvalidTensor extends InvalidRequest {}
export class InvalidGraph extends InvalidRequest {}
export class InvalidExpression extends InvalidGraph {}
export class ComputationFailed extends InvalidRequest {}
export class AnomalyDetected extends ComputationFailed {}
export class ComputeTimeLimitExceeded extends InvalidRequest {}
export class IdempotencyKeyReused extends InvalidRequest {}
export class CallRefused extends InvalidRequest {}
export class TooManySessions extends TooManyRequests {}
export class TooManyWatchers extends TooManyRequests {}
export class TooManyIdempotencyKeys extends TooManyRequests {}
export class StateNotWritten extends ServerError {}
export class HostUnavailable extends ServerError {}

/**
 * Every problem type the server answers and the class thrown for it; null: a type whose status
 * varies, so its status picks the class.
 * @type {Readonly<Record<string, typeof ProblemError | null>>}
 */
export const PROBLEM_TYPES = Object.freeze({
  "/problems/malformed-json": MalformedJson,
  "/problems/bad-request": BadRequest,
  "/problems/authentication-required": AuthError,
  "/problems/read-only": ReadOnly,
  "/problems/unknown-session": UnknownSession,
  "/problems/unknown-viewer": UnknownViewer,
  "/problems/unknown-variable": UnknownVariable,
  "/problems/not-found": NotFound,
  "/problems/method-not-allowed": MethodNotAllowed,
  "/problems/device-not-available": DeviceUnavailable,
  "/problems/idempotent-answer-gone": IdempotentAnswerGone,
  "/problems/session-quarantined": SessionQuarantined,
  "/problems/limit-exceeded": LimitExceeded,
  "/problems/request-body-too-large": BodyTooLarge,
  "/problems/json-nested-too-deeply": NestedTooDeeply,
  "/problems/nested-too-deeply": NestedTooDeeply,
  "/problems/request-cannot-be-processed": InvalidRequest,
  "/problems/invalid-request": InvalidRequest,
  "/problems/invalid-tensor": InvalidTensor,
  "/problems/invalid-graph": InvalidGraph,
  "/problems/invalid-expression": InvalidExpression,
  "/problems/computation-failed": ComputationFailed,
  "/problems/anomaly-detected": AnomalyDetected,
  "/problems/compute-time-limit-exceeded": ComputeTimeLimitExceeded,
  "/problems/idempotency-key-reused": IdempotencyKeyReused,
  "/problems/call-refused": CallRefused,
  "/problems/too-many-sessions": TooManySessions,
  "/problems/too-many-watchers": TooManyWatchers,
  "/problems/too-many-idempotency-keys": TooManyIdempotencyKeys,
  "/problems/client-closed-request": ClientClosedRequest,
  "/problems/service-error": ServerError,
  "/problems/internal-server-error": ServerError,
  "/problems/state-not-written": StateNotWritten,
  "/problems/host-unavailable": HostUnavailable,
  "/problems/http-error": null,
});

/** @type {Readonly<Record<number, typeof ProblemError>>} */
const BY_STATUS = Object.freeze({
  400: InvalidRequest,
  401: AuthError,
  403: Forbidden,
  404: NotFound,
  405: MethodNotAllowed,
  409: Conflict,
  410: Gone,
  413: PayloadTooLarge,
  422: InvalidRequest,
  429: TooManyRequests,
  499: ClientClosedRequest,
});

/**
 * The error for a problem answer: its type's class, else its status's family.
 * @param {number} status
 * @param {Problem} [problem]
 * @param {string} [fallback]
 * @returns {ProblemError}
 */
export function problemError(status, problem = {}, fallback = "") {
  const known = typeof problem.type === "string" && Object.hasOwn(PROBLEM_TYPES, problem.type);
  const byType = known ? PROBLEM_TYPES[/** @type {string} */ (problem.type)] : null;
  const cls = byType ?? (Object.hasOwn(BY_STATUS, status) ? BY_STATUS[status] : status >= 500 ? ServerError : ProblemError);
  return new cls(status, problem, fallback);
}

/**
 * No answer at all: the server is down, unreachable, or the call was aborted.
 * @implements {DeclaredNetworkError}
 */
export class NetworkError extends Error {
  /**
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(message, cause) {
    super(message, { cause });
    /** @type {"NetworkError"} */
    this.name = "NetworkError";
  }
}

/** @implements {DeclaredClient} */
export class Client {
  /**
   * @param {string} [baseUrl] the service's origin; "" (the default) means the page's own origin.
   * @param {ClientOptions} [options]
   */
  constructor(baseUrl = "", { apiKey, headers = {}, fetch: fetchImpl } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    /** @type {Record<string, string>} */
    this.headers = { ...headers, ...(apiKey ? { "X-API-Key": apiKey } : {}) };
    /** @type {typeof fetch} */
    this.fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * One HTTP call: JSON in, JSON out (null for 204), a ProblemError for any non-2xx answer.
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<any>}
   */
  async request(method, path, { body, token, signal, accept = "application/json", headers } = {}) {
    const response = await this.send(method, path, { body, token, signal, accept, headers });
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /**
   * The raw Response of a call that succeeded; for streams. Errors are thrown as in request.
   * @param {string} method
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<Response>}
   */
  async send(method, path, { body, token, signal, accept = "application/json", headers: extra = {} } = {}) {
    /** @type {Record<string, string>} */
    const headers = { ...this.headers, ...extra, Accept: accept };
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
      throw new NetworkError(`${method} ${path}: the service did not answer (${messageOf(err)})`, err);
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

  /**
   * The stateless route: an expression or graph on given inputs, no session.
   * @param {EvaluateBody} body
   */
  evaluate(body) {
    return this.request("POST", "/v1/evaluate", { body });
  }

  /**
   * A new session on the server (device, dtype, ttl_seconds are optional).
   * @param {CreateSession} [options]
   */
  async createSession(options = {}) {
    return new Session(this, await this.request("POST", "/v1/sessions", { body: options }));
  }

  /**
   * A Session object for one made earlier, from the {id, token} that createSession answered.
   * @param {SessionHandle} created
   */
  session(created) {
    return new Session(this, created);
  }

  /**
   * Someone's session, read-only, from a viewer token they made (session.share()): it reads the
   * session and watches its events; every change is refused (ReadOnly).
   * @param {string} sessionId
   * @param {string} token the viewer token
   */
  async view(sessionId, token) {
    const info = await this.request("GET", `/v1/sessions/${encodeURIComponent(sessionId)}`, { token });
    return new Session(this, { ...info, id: sessionId, token }, { readOnly: true });
  }
}

/** @implements {DeclaredSession} */
export class Session {
  /**
   * @param {Client} client
   * @param {SessionHandle} created
   * @param {{readOnly?: boolean}} [options] readOnly: opened with a viewer token (client.view)
   */
  constructor(client, created, { readOnly = false } = {}) {
    this.client = client;
    this.id = created.id;
    this.token = created.token;
    this.device = created.device;
    this.dtype = created.dtype;
    this.expiresAt = created.expires_at;
    this.readOnly = readOnly;
  }

  /**
   * The state to keep (e.g. in sessionStorage) to reopen this session with client.session().
   * @returns {SessionHandle}
   */
  toJSON() {
    return { id: this.id, token: this.token, device: this.device, dtype: this.dtype, expires_at: this.expiresAt };
  }

  /**
   * A call on this session's path, with its token.
   * @param {string} method
   * @param {string} rest the path after /v1/sessions/{id}
   * @param {RequestOptions} [options]
   */
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

  /** DELETE the session on the server (a session opened read-only is left as it is). */
  async close() {
    if (!this.readOnly) await this.call("DELETE", "");
  }

  /**
   * A viewer token: read-only, for client.view(session.id, token) elsewhere (the owner's token only).
   * @param {{expiresInS?: number}} [options] its life in seconds; by default as long as the session may live
   * @returns {Promise<ViewerCreated>}
   */
  share({ expiresInS } = {}) {
    return this.call("POST", "/viewers", { body: expiresInS === undefined ? {} : { expires_in_s: expiresInS } });
  }

  /**
   * The viewer tokens that have not expired (ids and times, never the tokens).
   * @returns {Promise<ViewerInfo[]>}
   */
  async viewers() {
    return (await this.call("GET", "/viewers")).viewers;
  }

  /**
   * Revoke a viewer token: it stops opening the session at once.
   * @param {string} viewerId
   */
  async revokeViewer(viewerId) {
    await this.call("DELETE", `/viewers/${encodeURIComponent(viewerId)}`);
  }

  /**
   * The session's changes as they happen (GET …/events): `hello` first (or, from `lastEventId`, the
   * events after it), then `leaf`, `backward`, `train`, … until `end`. A dropped connection is opened
   * again, after `retryMs`, from the last event seen (`reset` says what was missed is gone: read the
   * state again); a refusal is thrown. Aborting `signal` ends the iteration.
   * @param {import("./index.js").EventsOptions} [options]
   * @returns {AsyncGenerator<LiveEvent, void, undefined>}
   */
  async *events({ lastEventId, signal, retryMs = 1000, tries = 5 } = {}) {
    const path = `/v1/sessions/${encodeURIComponent(this.id)}/events`;
    let last = lastEventId;
    for (let failures = 0; ; ) {
      try {
        /** @type {Record<string, string>} */
        const headers = last === undefined ? {} : { "Last-Event-ID": String(last) };
        const response = await this.client.send("GET", path, { token: this.token, signal, accept: "text/event-stream", headers });
        if (response.body === null) throw new NetworkError("GET /events: the answer has no body to stream");
        for await (const message of serverSentEvents(response.body, signal)) {
          const id = message.id === undefined ? null : Number(message.id);
          if (id !== null) last = id;
          failures = 0;
          const event = /** @type {LiveEvent} */ ({ id, event: message.event, data: JSON.parse(message.data) });
          yield event;
          if (event.event === "end") return;
        }
      } catch (err) {
        const again = err instanceof NetworkError || (err instanceof ProblemError && err.status === 503);
        if (!again || signal?.aborted) throw err;
      }
      if (signal?.aborted) return;
      if (++failures >= tries) throw new NetworkError(`GET /events: the stream broke off ${failures} times`);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }

  /**
   * Set a leaf: `{data, requires_grad?, dtype?}` or `{init, shape, value?, seed?, dtype?, requires_grad?}`.
   * @param {string} name
   * @param {PutVariable} body
   */
  put(name, body) {
    return this.call("PUT", variablePath(name), { body });
  }

  /** @param {string} name */
  get(name) {
    return this.call("GET", variablePath(name));
  }

  /** @param {string} name */
  async delete(name) {
    await this.call("DELETE", variablePath(name));
  }

  /** Every variable, without data or grad. */
  async list() {
    return (await this.call("GET", "/variables")).variables;
  }

  /**
   * Define variables from an expression (`"y = x.sum()"`) or a JSON graph (`{nodes, outputs}`).
   * @param {string | Graph} source
   * @param {{backward?: string, grads?: GradsWanted}} [options]
   */
  compute(source, { backward, grads } = {}) {
    /** @type {Record<string, unknown>} */
    const body = typeof source === "string" ? { expr: source } : { graph: source };
    if (backward !== undefined) body.backward = backward;
    if (grads !== undefined) body.grads = grads;
    return this.call("POST", "/compute", { body });
  }

  /**
   * `variable.backward(gradient)`: leaf gradients accumulate; answers the leaves it reached.
   * @param {string} variable
   * @param {{gradient?: Tensor, inputs?: string[], grads?: GradsWanted}} [options]
   */
  backward(variable, { gradient, inputs, grads } = {}) {
    /** @type {Record<string, unknown>} */
    const body = { variable };
    if (gradient !== undefined) body.gradient = gradient;
    if (inputs !== undefined) body.inputs = inputs;
    if (grads !== undefined) body.grads = grads;
    return this.call("POST", "/backward", { body });
  }

  /**
   * `torch.autograd.grad`: `{outputs, inputs, grad_outputs?, create_graph?, allow_unused?, ...}`.
   * @param {GradBody} body
   */
  grad(body) {
    return this.call("POST", "/grad", { body });
  }

  /**
   * Zero the leaves' gradients (all of them, or `{variables: [...]}`; `set_to_none` as in torch).
   * @param {ZeroGradBody} [body]
   */
  zeroGrad(body = {}) {
    return this.call("POST", "/zero_grad", { body });
  }

  /**
   * One optimizer step: `{optimizer: {type: "sgd", lr: 0.1}, variables?, zero_grad?}`.
   * @param {StepBody} body
   */
  step(body) {
    return this.call("POST", "/step", { body });
  }

  /**
   * The autograd graph behind a variable: grad_fn nodes, leaves and edges.
   * @param {string} name
   */
  graph(name) {
    return this.call("GET", `${variablePath(name)}/graph?format=json`);
  }

  /**
   * The server's fused loop: `{loss, optimizer, steps?, variables?, zero_grad?, log_every?}`.
   * With `onProgress`, the answer streams (text/event-stream) and each `{step, loss, elapsed_s}`
   * is passed to it as it arrives; aborting `signal` stops the loop after the current step.
   * @param {TrainBody} body
   * @param {{onProgress?: (progress: TrainProgress) => void, signal?: AbortSignal}} [options]
   * @returns {Promise<TrainAnswer>}
   */
  async train(body, { onProgress, signal } = {}) {
    if (!onProgress) return this.call("POST", "/train", { body, signal });
    /** @type {TrainAnswer | null} */
    let done = null;
    for await (const message of this.trainEvents(body, { signal })) {
      if (message.event === "progress") onProgress(message.data);
      else if (message.event === "done") done = message.data;
    }
    if (done === null) throw new NetworkError("POST /train: the stream ended without its done event");
    return done;
  }

  /**
   * The train stream's events, `{event: "progress" | "done", data}`; an `error` event is thrown.
   * @param {TrainBody} body
   * @param {{signal?: AbortSignal}} [options]
   * @returns {AsyncGenerator<TrainEvent, void, undefined>}
   */
  async *trainEvents(body, { signal } = {}) {
    const path = `/v1/sessions/${encodeURIComponent(this.id)}/train`;
    const response = await this.client.send("POST", path, { body, token: this.token, signal, accept: "text/event-stream" });
    if (response.body === null) throw new NetworkError("POST /train: the answer has no body to stream");
    for await (const message of serverSentEvents(response.body, signal)) {
      const data = message.data ? JSON.parse(message.data) : null;
      if (message.event === "error") throw problemError(data?.status ?? 500, data ?? {});
      yield /** @type {TrainEvent} */ ({ event: message.event, data });
    }
  }
}

/** @param {string} name */
const variablePath = (name) => `/variables/${encodeURIComponent(name)}`;

/** @param {unknown} err */
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

/**
 * @param {Response} response an answer that is not 2xx
 * @returns {Promise<ProblemError>}
 */
async function problemOf(response) {
  const text = await response.text();
  /** @type {Problem} */
  let problem = {};
  try {
    const parsed = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) problem = parsed;
  } catch {
    // not JSON (a proxy's HTML page, say): its text becomes the detail
  }
  return problemError(response.status, { title: response.statusText || undefined, ...problem }, text);
}

/**
 * The messages of a text/event-stream body (the WHATWG "server-sent events" format): blank-line
 * separated blocks of `field: value` lines; `data` lines join with "\n"; `:` lines are comments.
 * @type {typeof import("./index.js").serverSentEvents}
 */
export async function* serverSentEvents(stream, signal) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  /** @type {{event: string, data: string[], id?: string}} */
  let message = { event: "message", data: [] };
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) return;
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw new NetworkError(`the event stream broke off (${messageOf(err)})`, err);
      }
      buffer += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = chunk.done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (line === "") {
          if (message.data.length) yield { event: message.event, data: message.data.join("\n"), ...(message.id === undefined ? {} : { id: message.id }) };
          message = { event: "message", data: [] };
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") message.event = value;
        else if (field === "data") message.data.push(value);
        else if (field === "id") message.id = value;
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
