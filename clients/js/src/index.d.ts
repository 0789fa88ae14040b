// The async generators below need these libs whatever the project's own `target` and `lib` are.
/// <reference lib="es2018.asyncgenerator" />
/// <reference lib="es2018.asynciterable" />
// Types for index.js (which `npm run typecheck` checks against them). Request and answer bodies are the generated OpenAPI types (schema.d.ts), so
// a route that changes on the server changes here when `npm run generate` is run (and the drift
// test fails until it is).
import type { components, paths } from "./schema.js";

export type { components, paths } from "./schema.js";

type Schemas = components["schemas"];
export type Tensor = NonNullable<Schemas["PutVariable"]["data"]>;
export type Variable = Schemas["VariableOut"];
export type VariableMeta = Schemas["VariableMeta"];
export type SessionCreated = Schemas["SessionCreated"];
export type SessionInfo = Schemas["SessionInfo"];
/** What reopens a session: `{id, token}` at least (`JSON.stringify(session)` keeps it). */
export type SessionHandle = Pick<SessionCreated, "id" | "token"> & Partial<SessionCreated>;
export type PutVariable = Schemas["PutVariable"];
export type ComputeAnswer = Schemas["ComputeOut"];
export type GradsAnswer = Schemas["GradsOut"];
export type GradBody = Schemas["Grad"];
export type ZeroGradBody = Schemas["ZeroGrad"];
export type ZeroGradAnswer = Schemas["ZeroGradOut"];
export type StepBody = Schemas["Step"];
export type StepAnswer = Schemas["StepOut"];
export type EvaluateBody = Schemas["Evaluate"];
export type EvaluateAnswer = Schemas["EvaluateOut"];
export type OpsAnswer = Schemas["OpsOut"];
/** What the caller wants back in `grads`: every leaf, none, or the named leaves. */
export type GradsWanted = "all" | "none" | string[];

/** A JSON graph: `{nodes: [{id, op, inputs?, attrs?}], outputs: [ids]}`. */
export interface Graph {
  nodes: { id: string; op: string; inputs?: string[]; attrs?: Record<string, unknown> }[];
  outputs: string[];
}

/** GET …/variables/{name}/graph: torch's backward graph, edges running forward (input → user). */
export interface AutogradGraph {
  variable: string;
  nodes: {
    id: string;
    name: string;
    kind: "output" | "op" | "leaf";
    shape: number[] | null;
    leaf: string | null;
    requires_grad_leaf: boolean;
  }[];
  edges: { from: string; to: string }[];
}

/** POST …/train: the body, the JSON answer (also the data of the stream's `done` event). */
export type TrainBody = Schemas["Train"];
export type TrainAnswer = Schemas["TrainOut"];
/** The data of one `progress` event; a non-finite loss is spelled as the contract spells it. */
export interface TrainProgress {
  step: number;
  loss: number | "NaN" | "Infinity" | "-Infinity";
  elapsed_s: number;
}
export type TrainEvent = { event: "progress"; data: TrainProgress } | { event: "done"; data: TrainAnswer };

/** POST …/viewers: a viewer token (shown once) and GET …/viewers' items (never the tokens). */
export type ViewerCreated = Schemas["ViewerCreated"];
export type ViewerInfo = Schemas["ViewerOut"];
/** A number as the contract spells it: NaN and the infinities as strings. */
export type Spelled = number | "NaN" | "Infinity" | "-Infinity";
/** A gradient in a `backward` event: its shape, its norm, and its values when it has at most 64. */
export interface GradSummary {
  shape: number[];
  norm: Spelled;
  data?: unknown;
}
/** One event of GET …/events; `id` is its number in the session's sequence (null for `end` `dropped`). */
export type LiveEvent =
  | { id: number; event: "hello"; data: { seq: number; variables: VariableMeta[] } }
  | { id: number; event: "reset"; data: { seq: number } }
  | { id: number; event: "leaf"; data: { name: string; shape: number[]; dtype: string; requires_grad: boolean } }
  | { id: number; event: "deleted"; data: { name: string } }
  | { id: number; event: "defined"; data: { names: string[] } }
  | { id: number; event: "backward"; data: { variable: string; grads: Record<string, GradSummary> } }
  | { id: number; event: "zero_grad"; data: { names: string[] } }
  | { id: number; event: "step"; data: { optimizer: string; names: string[] } }
  | { id: number; event: "train"; data: { step: number; loss: Spelled } }
  | { id: number | null; event: "end"; data: { reason: "deleted" | "expired" | "dropped" } };

/** An RFC 9457 problem+json body. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** An error answer; thrown as the class of its problem type (PROBLEM_TYPES), else of its status. */
export class ProblemError extends Error {
  constructor(status: number, problem?: Problem, fallback?: string);
  /** The class's own name: "ProblemError", "UnknownSession", ... */
  readonly name: string;
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: Record<string, unknown>[];
  readonly problem: Problem;
  /** 401, or 404 "Unknown session": the session is gone, not just this call. */
  readonly sessionGone: boolean;
}

// The families, by status: the class of a problem type this client does not know.
/** 401 */ export class AuthError extends ProblemError {}
/** 403 */ export class Forbidden extends ProblemError {}
/** 404 */ export class NotFound extends ProblemError {}
/** 405 */ export class MethodNotAllowed extends ProblemError {}
/** 409 */ export class Conflict extends ProblemError {}
/** 410 */ export class Gone extends ProblemError {}
/** 413 */ export class PayloadTooLarge extends ProblemError {}
/** 400 and 422 */ export class InvalidRequest extends ProblemError {}
/** 429 */ export class TooManyRequests extends ProblemError {}
/** 499 */ export class ClientClosedRequest extends ProblemError {}
/** 5xx */ export class ServerError extends ProblemError {}

// One class for each problem type the server answers.
/** The session is gone (expired, deleted), or the token is not its own. */
export class UnknownSession extends NotFound {}
/** A name the session does not hold. */
export class UnknownVariable extends NotFound {}
/** A viewer token id the session does not have. */
export class UnknownViewer extends NotFound {}
/** A viewer token on a call that changes the session: viewer tokens only read. */
export class ReadOnly extends Forbidden {}
/** The device asked for is not on the server. */
export class DeviceUnavailable extends Conflict {}
/** A retried Idempotency-Key whose call was applied once; its answer is no longer kept. */
export class IdempotentAnswerGone extends Conflict {}
/** The session ended its host twice, or its files are damaged: kept for the operator, not served. */
export class SessionQuarantined extends Gone {}
/** A tensor, graph or session over a configured limit. */
export class LimitExceeded extends PayloadTooLarge {}
/** The request body is over the server's limit. */
export class BodyTooLarge extends PayloadTooLarge {}
/** JSON nested deeper than the server parses. */
export class NestedTooDeeply extends PayloadTooLarge {}
/** The body is not JSON. */
export class MalformedJson extends InvalidRequest {}
/** A request the server's web framework could not read. */
export class BadRequest extends InvalidRequest {}
/** A tensor value that cannot be decoded. */
export class InvalidTensor extends InvalidRequest {}
/** Ids, references, cycles, an unknown op, arity or attributes. */
export class InvalidGraph extends InvalidRequest {}
/** The expression language; `errors` carries line and column. */
export class InvalidExpression extends InvalidGraph {}
/** Torch refused while running (shapes, dtypes, autograd). */
export class ComputationFailed extends InvalidRequest {}
/** Anomaly mode found a NaN or Inf; the detail names the node. */
export class AnomalyDetected extends ComputationFailed {}
/** The call ran over its time budget; nothing was applied. */
export class ComputeTimeLimitExceeded extends InvalidRequest {}
/** The same Idempotency-Key with a different request. */
export class IdempotencyKeyReused extends InvalidRequest {}
/** This very call ended its host twice, so the server does not run it again. */
export class CallRefused extends InvalidRequest {}
/** The server holds its most sessions, or this client makes them too fast. */
export class TooManySessions extends TooManyRequests {}
/** The session has as many event streams open on the server as it allows. */
export class TooManyWatchers extends TooManyRequests {}
/** This caller holds as many Idempotency-Keys as it may. */
export class TooManyIdempotencyKeys extends TooManyRequests {}
/** A change could not be made durable, so it was undone. */
export class StateNotWritten extends ServerError {}
/** The session's host is restarting, or the call ended it. */
export class HostUnavailable extends ServerError {}

/** Each problem type the server answers and its class; null: the status picks the class. */
export const PROBLEM_TYPES: Readonly<Record<string, typeof ProblemError | null>>;
/** The error for a problem answer: its type's class, else its status's family. */
export function problemError(status: number, problem?: Problem, fallback?: string): ProblemError;

/** No answer at all: the server is down, unreachable, or the call was aborted. */
export class NetworkError extends Error {
  constructor(message: string, cause?: unknown);
  readonly name: string;
}

export interface ClientOptions {
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
  accept?: string;
  headers?: Record<string, string>;
}

export interface EventsOptions {
  /** Resume after this event's number (the `id` of the last event seen). */
  lastEventId?: number;
  signal?: AbortSignal;
  /** The wait before the stream is opened again after a dropped connection. */
  retryMs?: number;
  /** Dropped connections in a row (with no event between) before it gives up. */
  tries?: number;
}

export class Client {
  constructor(baseUrl?: string, options?: ClientOptions);
  readonly baseUrl: string;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
  send(method: string, path: string, options?: RequestOptions): Promise<Response>;
  info(): Promise<Record<string, unknown>>;
  ops(): Promise<OpsAnswer>;
  evaluate(body: EvaluateBody): Promise<EvaluateAnswer>;
  createSession(options?: Schemas["CreateSession"]): Promise<Session>;
  session(created: SessionHandle): Session;
  /** Someone's session, read-only, from a viewer token they made with `share()`. */
  view(sessionId: string, token: string): Promise<Session>;
}

export class Session {
  constructor(client: Client, created: SessionHandle, options?: { readOnly?: boolean });
  readonly client: Client;
  /** Opened with a viewer token: every change is refused (ReadOnly), and close() leaves the session. */
  readonly readOnly: boolean;
  readonly id: string;
  readonly token: string;
  readonly device: string | undefined;
  readonly dtype: string | undefined;
  readonly expiresAt: string | undefined;
  toJSON(): SessionHandle;
  describe(): Promise<SessionInfo>;
  close(): Promise<void>;
  put(name: string, body: PutVariable): Promise<Variable>;
  get(name: string): Promise<Variable>;
  delete(name: string): Promise<void>;
  list(): Promise<VariableMeta[]>;
  compute(source: string | Graph, options?: { backward?: string; grads?: GradsWanted }): Promise<ComputeAnswer>;
  backward(
    variable: string,
    options?: { gradient?: Tensor; inputs?: string[]; grads?: GradsWanted },
  ): Promise<GradsAnswer>;
  grad(body: GradBody): Promise<GradsAnswer>;
  zeroGrad(body?: ZeroGradBody): Promise<ZeroGradAnswer>;
  step(body: StepBody): Promise<StepAnswer>;
  graph(name: string): Promise<AutogradGraph>;
  train(
    body: TrainBody,
    options?: { onProgress?: (progress: TrainProgress) => void; signal?: AbortSignal },
  ): Promise<TrainAnswer>;
  trainEvents(body: TrainBody, options?: { signal?: AbortSignal }): AsyncGenerator<TrainEvent, void, undefined>;
  share(options?: { expiresInS?: number }): Promise<ViewerCreated>;
  viewers(): Promise<ViewerInfo[]>;
  revokeViewer(viewerId: string): Promise<void>;
  events(options?: EventsOptions): AsyncGenerator<LiveEvent, void, undefined>;
}

export function serverSentEvents(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<{ event: string; data: string; id?: string }, void, undefined>;
