// Types for index.js. Request and answer bodies are the generated OpenAPI types (schema.d.ts), so
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

/** An RFC 9457 problem+json body. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, unknown>[];
  [key: string]: unknown;
}

export class ProblemError extends Error {
  constructor(status: number, problem?: Problem, fallback?: string);
  readonly name: "ProblemError";
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: Record<string, unknown>[];
  readonly problem: Problem;
  /** 401, or 404 "Unknown session": the session is gone, not just this call. */
  readonly sessionGone: boolean;
}

export class NetworkError extends Error {
  constructor(message: string, cause?: unknown);
  readonly name: "NetworkError";
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
  session(created: Pick<SessionCreated, "id" | "token"> & Partial<SessionCreated>): Session;
}

export class Session {
  constructor(client: Client, created: Pick<SessionCreated, "id" | "token"> & Partial<SessionCreated>);
  readonly client: Client;
  readonly id: string;
  readonly token: string;
  readonly device: string | undefined;
  readonly dtype: string | undefined;
  readonly expiresAt: string | undefined;
  toJSON(): SessionCreated;
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
}

export function serverSentEvents(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<{ event: string; data: string }, void, undefined>;
