/**
 * The autograd-service HTTP API, generated from its /openapi.json by openapi-typescript.
 * Do not edit: run `npm run generate` in clients/js after changing a route.
 */

export interface paths {
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a session
         * @description A new session and its bearer token; every route under it needs that token.
         */
        post: operations["create_session_v1_sessions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe a session
         * @description Device, dtype, times, the bytes its tensors hold, and its variables without their data.
         */
        get: operations["get_session_v1_sessions__session_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete a session
         * @description Drops the session, its tensors and (when durable) its file; its token stops working.
         */
        delete: operations["delete_session_v1_sessions__session_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a session
         * @description Leaves, gradients and computed-variable definitions as one safetensors file (no token inside).
         */
        get: operations["export_session_v1_sessions__session_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a session from an exported file
         * @description The body is a file from ``GET …/export`` (safetensors); the new session gets a new id and token.
         */
        post: operations["import_session_v1_sessions_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/variables/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a variable and its gradient
         * @description Its value and ``grad`` (null until a backward reaches it); computed ones follow the current leaves. With ``Accept: application/x-npy``, the value (or with ``?field=grad`` the gradient) as an ``.npy`` file.
         */
        get: operations["get_variable_v1_sessions__session_id__variables__name__get"];
        /**
         * Create or replace a leaf
         * @description From data or an init; a replaced leaf starts with ``grad: null``. With ``Content-Type: application/x-npy`` the body is an ``.npy`` file (``?requires_grad=true`` to track it) and the answer leaves out the data.
         */
        put: operations["put_variable_v1_sessions__session_id__variables__name__put"];
        post?: never;
        /**
         * Delete a variable
         * @description Removes a leaf or a computed variable; computed variables that read a deleted leaf report it.
         */
        delete: operations["delete_variable_v1_sessions__session_id__variables__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List variables
         * @description Every variable without its data: leaves, then computed ones (with ``error`` if one cannot be evaluated).
         */
        get: operations["list_variables_v1_sessions__session_id__variables_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/compute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Define computed variables (and optionally run backward)
         * @description Each assigned name (or graph output) becomes a variable that follows its leaves.
         */
        post: operations["compute_v1_sessions__session_id__compute_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/backward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Backward: accumulate gradients into leaves
         * @description Like ``y.backward(gradient, inputs=...)``; answers each reached leaf's accumulated grad (``grads``: all of them, none, or the named ones).
         */
        post: operations["backward_v1_sessions__session_id__backward_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/grad": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Gradients without accumulation
         * @description Like ``torch.autograd.grad``: nothing is accumulated into ``.grad``.
         */
        post: operations["grad_v1_sessions__session_id__grad_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/zero_grad": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Zero gradients
         * @description Zeroes the named leaves' grads (all leaves with requires_grad by default), or sets them to null.
         */
        post: operations["zero_grad_v1_sessions__session_id__zero_grad_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/step": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One optimizer step on the leaves
         * @description ``optimizer.step()`` from the leaves' ``.grad``, in place, with torch.optim (sgd, adam, adamw, rmsprop, adagrad); its state (momentum, moments) is kept per configuration and leaves, and dropped when a leaf is replaced. ``zero_grad: true`` zeroes the stepped leaves' grads after. Answers ``{"variables": {name: variable}}`` for each stepped leaf.
         */
        post: operations["step_v1_sessions__session_id__step_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A fused training loop: zero, backward, optimizer step, 'steps' times
         * @description Each step drops the stepped leaves' grads (``zero_grad``), runs backward from ``loss`` and steps the optimizer, whose state is the one ``POST /step`` keeps. Answers ``{"steps", "losses", "logged_steps", "durable_steps"}``, a loss every ``log_every`` steps and at the last; with ``Accept: text/event-stream``, streams ``progress`` events and a ``done``.
         */
        post: operations["train_v1_sessions__session_id__train_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/viewers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List viewer tokens
         * @description The session's viewer tokens that have not expired: id, created_at, expires_at (never the tokens). Owner's token only.
         */
        get: operations["list_viewers_v1_sessions__session_id__viewers_get"];
        put?: never;
        /**
         * Make a viewer token
         * @description A read-only token for this session: it opens GET of the session, of its variables and their graphs, export and the events stream, and nothing else (403 ``/problems/read-only``). Owner's token only.
         */
        post: operations["create_viewer_v1_sessions__session_id__viewers_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/viewers/{viewer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a viewer token
         * @description The token stops opening the session at once. Owner's token only.
         */
        delete: operations["revoke_viewer_v1_sessions__session_id__viewers__viewer_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch a session: its changes as Server-Sent Events
         * @description Every change to the session as it happens. The owner's token or a viewer token.
         */
        get: operations["events_v1_sessions__session_id__events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate (and differentiate) without a session
         * @description The inputs become leaves of a throw-away session; answers outputs and, with backward, grads.
         */
        post: operations["evaluate_v1_evaluate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jacobian": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Jacobian on given inputs
         * @description ``torch.func.jacrev`` (``jacfwd`` with ``mode: "fwd"``) of ``output`` with respect to each ``wrt`` input: ``{"jacobian": {x: tensor of shape output.shape + x.shape}}``.
         */
        post: operations["jacobian_v1_jacobian_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/jacobian": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Jacobian of a session variable
         * @description ``torch.func.jacrev`` (``jacfwd`` with ``mode: "fwd"``) of ``output`` with respect to each ``wrt`` input: ``{"jacobian": {x: tensor of shape output.shape + x.shape}}``. Over the session's leaves, the others held fixed; nothing accumulates.
         */
        post: operations["session_jacobian_v1_sessions__session_id__jacobian_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hessian": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hessian on given inputs
         * @description ``torch.func.hessian`` of a scalar ``output``: ``{"hessian": {x: {x2: block of shape x.shape + x2.shape}}}``.
         */
        post: operations["hessian_v1_hessian_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/hessian": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hessian of a session variable
         * @description ``torch.func.hessian`` of a scalar ``output``: ``{"hessian": {x: {x2: block of shape x.shape + x2.shape}}}``. Over the session's leaves, the others held fixed; nothing accumulates.
         */
        post: operations["session_hessian_v1_sessions__session_id__hessian_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vjp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Vector-Jacobian product on given inputs
         * @description ``torch.func.vjp`` with the given ``cotangent``: ``{"output": value, "vjp": {x: tensor of x's shape}}``.
         */
        post: operations["vjp_v1_vjp_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/vjp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Vector-Jacobian product of a session variable
         * @description ``torch.func.vjp`` with the given ``cotangent``: ``{"output": value, "vjp": {x: tensor of x's shape}}``. Over the session's leaves, the others held fixed; nothing accumulates.
         */
        post: operations["session_vjp_v1_sessions__session_id__vjp_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jvp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Jacobian-vector product on given inputs
         * @description ``torch.func.jvp`` along the given ``tangents`` (one per input moved): ``{"output": value, "jvp": tensor of the output's shape}``.
         */
        post: operations["jvp_v1_jvp_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/jvp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Jacobian-vector product of a session variable
         * @description ``torch.func.jvp`` along the given ``tangents`` (one per input moved): ``{"output": value, "jvp": tensor of the output's shape}``. Over the session's leaves, the others held fixed; nothing accumulates.
         */
        post: operations["session_jvp_v1_sessions__session_id__jvp_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/value_and_grad": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Value and gradient on given inputs
         * @description ``torch.func.grad_and_value`` of a scalar ``output``: ``{"output": value, "grads": {x: tensor}}``.
         */
        post: operations["value_and_grad_v1_value_and_grad_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/value_and_grad": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Value and gradient of a session variable
         * @description ``torch.func.grad_and_value`` of a scalar ``output``: ``{"output": value, "grads": {x: tensor}}``. Over the session's leaves, the others held fixed; nothing accumulates.
         */
        post: operations["session_value_and_grad_v1_sessions__session_id__value_and_grad_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/variables/{name}/graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The autograd graph behind a variable
         * @description torch's backward graph for the variable, evaluated from the current leaves: nodes (``SumBackward0``; leaves by name, those that receive gradient), edges from inputs towards the output, and shapes. ``format=dot`` answers Graphviz DOT text (``dot -Tsvg`` draws it).
         */
        get: operations["variable_graph_v1_sessions__session_id__variables__name__graph_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}/gradcheck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check gradients against finite differences
         * @description ``torch.autograd.gradcheck`` of ``output`` in float64 on copies of the leaves (``wrt``: those with requires_grad by default). Answers ``{"ok": true}``, or ``{"ok": false, "detail": torch's report}``.
         */
        post: operations["gradcheck_v1_sessions__session_id__gradcheck_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The op catalogue
         * @description Every op with its tensor arity, attribute JSON schema, differentiability and doc; and the op each Python operator is, by its method's stem (``"and": "bitwise_and"`` for ``&``).
         */
        get: operations["ops_v1_ops_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Version, devices and limits
         * @description The version, the devices sessions may use, the dtypes, the op count and every limit in force.
         */
        get: operations["info_v1_info_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Liveness: 200 while the process serves requests.
         */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Readiness: 200 once every host is up with its sessions loaded, else 503 (a host is restarting).
         */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text: requests and latency per route, errors by type, sessions, bytes per device.
         */
        get: operations["metrics_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Backward
         * @example {
         *       "variable": "y"
         *     }
         */
        Backward: {
            /** Variable */
            variable: string;
            /**
             * Gradient
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            gradient?: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /** Inputs */
            inputs?: string[] | null;
            /**
             * Anomaly
             * @description fail (422) naming the backward function that returns NaN
             * @default false
             */
            anomaly?: boolean;
            /**
             * Grads
             * @description which gradients the answer carries: 'all' reached leaves (the default), 'none', or a list of leaf names (each must be a leaf with requires_grad); the gradients accumulate all the same
             * @default all
             */
            grads?: ("all" | "none") | string[];
        };
        /**
         * Compute
         * @example {
         *       "backward": "y",
         *       "expr": "y = x.sum()"
         *     }
         * @example {
         *       "backward": "y",
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       }
         *     }
         */
        Compute: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Backward
             * @description an output to run backward from, in the same call
             */
            backward?: string | null;
            /**
             * Retain Grad
             * @description outputs whose .grad is kept and accumulated by backward, as retain_grad()
             */
            retain_grad?: string[];
            /**
             * Grad Mode
             * @description 'no_grad': values with no graph (requires_grad false)
             * @default grad
             * @enum {string}
             */
            grad_mode?: "grad" | "no_grad";
            /**
             * Anomaly
             * @description fail (422) naming the node that makes the first NaN or Inf
             * @default false
             */
            anomaly?: boolean;
            /**
             * Grads
             * @description which gradients the answer carries: 'all' reached leaves (the default), 'none', or a list of leaf names (each must be a leaf with requires_grad); the gradients accumulate all the same
             * @default all
             */
            grads?: ("all" | "none") | string[];
        };
        /**
         * ComputeOut
         * @example {
         *       "grads": {
         *         "x": [
         *           [
         *             1,
         *             1
         *           ],
         *           [
         *             1,
         *             1
         *           ]
         *         ]
         *       },
         *       "variables": {
         *         "y": {
         *           "data": 4,
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "grad_fn": "SumBackward0",
         *           "is_leaf": false,
         *           "name": "y",
         *           "requires_grad": true,
         *           "shape": []
         *         }
         *       }
         *     }
         */
        ComputeOut: {
            /** Variables */
            variables: {
                [key: string]: components["schemas"]["VariableOut"];
            };
            /**
             * Grads
             * @description present when 'backward' was given
             */
            grads?: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            } | null;
        };
        /**
         * CreateSession
         * @example {
         *       "device": "cpu",
         *       "dtype": "float32"
         *     }
         */
        CreateSession: {
            /**
             * Device
             * @description 'auto', 'cpu', 'cuda' or 'cuda:N'
             * @default auto
             * @example cpu
             */
            device?: string;
            /**
             * Dtype
             * @description dtype for numbers given without one
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
            /**
             * Ttl Seconds
             * @description idle seconds before the session is dropped
             */
            ttl_seconds?: number | null;
        };
        /**
         * Evaluate
         * @example {
         *       "backward": "y",
         *       "expr": "y = (x * x).sum()",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ],
         *           "requires_grad": true
         *         }
         *       }
         *     }
         * @example {
         *       "backward": "y",
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "x2",
         *             "inputs": [
         *               "x",
         *               "x"
         *             ],
         *             "op": "mul"
         *           },
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "x2"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ],
         *           "requires_grad": true
         *         }
         *       }
         *     }
         */
        Evaluate: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
            /** Backward */
            backward?: string | null;
            /**
             * Grad Mode
             * @description 'no_grad': values with no graph (requires_grad false)
             * @default grad
             * @enum {string}
             */
            grad_mode?: "grad" | "no_grad";
        };
        /**
         * EvaluateOut
         * @example {
         *       "grads": {
         *         "x": [
         *           2,
         *           4,
         *           6
         *         ]
         *       },
         *       "outputs": {
         *         "y": {
         *           "data": 14,
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "grad_fn": "SumBackward0",
         *           "is_leaf": false,
         *           "name": "y",
         *           "requires_grad": true,
         *           "shape": []
         *         }
         *       }
         *     }
         */
        EvaluateOut: {
            /** Outputs */
            outputs: {
                [key: string]: components["schemas"]["VariableOut"];
            };
            /** Grads */
            grads: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /**
         * Grad
         * @example {
         *       "inputs": [
         *         "x"
         *       ],
         *       "outputs": [
         *         "y"
         *       ]
         *     }
         */
        Grad: {
            /** Outputs */
            outputs: string[];
            /** Inputs */
            inputs: string[];
            /** Grad Outputs */
            grad_outputs?: (number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            })[] | null;
            /**
             * Create Graph
             * @default false
             */
            create_graph?: boolean;
            /**
             * Allow Unused
             * @description null for inputs the outputs do not use (default: materialize_grads); else a 422 naming them
             */
            allow_unused?: boolean | null;
            /**
             * Materialize Grads
             * @description zeros instead of null for unused inputs
             * @default false
             */
            materialize_grads?: boolean;
        };
        /**
         * Gradcheck
         * @example {
         *       "output": "y"
         *     }
         * @example {
         *       "atol": 0.00001,
         *       "eps": 0.000001,
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        Gradcheck: {
            /**
             * Output
             * @description the variable whose gradients are checked
             */
            output: string;
            /**
             * Wrt
             * @description leaves to check; those with requires_grad by default
             */
            wrt?: string[] | null;
            /**
             * Eps
             * @description finite-difference step
             * @default 0.000001
             */
            eps?: number;
            /**
             * Atol
             * @default 0.00001
             */
            atol?: number;
            /**
             * Rtol
             * @default 0.001
             */
            rtol?: number;
        };
        /**
         * GradcheckOut
         * @example {
         *       "ok": true
         *     }
         */
        GradcheckOut: {
            /** Ok */
            ok: boolean;
            /**
             * Detail
             * @description torch's report, when the check failed
             */
            detail?: string | null;
        };
        /**
         * GradsOut
         * @example {
         *       "grads": {
         *         "x": [
         *           [
         *             2,
         *             2
         *           ],
         *           [
         *             2,
         *             2
         *           ]
         *         ]
         *       }
         *     }
         */
        GradsOut: {
            /** Grads */
            grads: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /** GraphEdge */
        GraphEdge: {
            /** From */
            from: string;
            /** To */
            to: string;
        };
        /** GraphNode */
        GraphNode: {
            /** Id */
            id: string;
            /** Name */
            name: string;
            /**
             * Kind
             * @description 'output', 'op' (a grad_fn), 'leaf' or another node of torch's graph
             */
            kind: string;
            /** Shape */
            shape?: number[] | null;
            /**
             * Leaf
             * @description the session leaf this node accumulates into
             */
            leaf?: string | null;
            /** Requires Grad Leaf */
            requires_grad_leaf: boolean;
        };
        /**
         * GraphOut
         * @example {
         *       "edges": [
         *         {
         *           "from": "n2",
         *           "to": "n1"
         *         },
         *         {
         *           "from": "n1",
         *           "to": "n0"
         *         }
         *       ],
         *       "nodes": [
         *         {
         *           "id": "n0",
         *           "kind": "output",
         *           "name": "y",
         *           "requires_grad_leaf": false,
         *           "shape": []
         *         },
         *         {
         *           "id": "n1",
         *           "kind": "op",
         *           "name": "SumBackward0",
         *           "requires_grad_leaf": false,
         *           "shape": []
         *         },
         *         {
         *           "id": "n2",
         *           "kind": "leaf",
         *           "leaf": "x",
         *           "name": "x",
         *           "requires_grad_leaf": true,
         *           "shape": [
         *             2,
         *             2
         *           ]
         *         }
         *       ],
         *       "variable": "y"
         *     }
         */
        GraphOut: {
            /** Variable */
            variable: string;
            /** Nodes */
            nodes: components["schemas"]["GraphNode"][];
            /**
             * Edges
             * @description from an input towards the output
             */
            edges: components["schemas"]["GraphEdge"][];
        };
        /**
         * Health
         * @example {
         *       "status": "ok"
         *     }
         */
        Health: {
            /**
             * Status
             * @constant
             */
            status: "ok";
        };
        /**
         * Hessian
         * @example {
         *       "expr": "y = (x ** 3).sum()",
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "attrs": {
         *               "value": 3
         *             },
         *             "id": "three",
         *             "op": "const"
         *           },
         *           {
         *             "id": "c",
         *             "inputs": [
         *               "x",
         *               "three"
         *             ],
         *             "op": "pow"
         *           },
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "c"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        Hessian: {
            /**
             * Expr
             * @description optional: an expression to differentiate, defining nothing
             */
            expr?: string | null;
            /** @description optional: a JSON graph instead of expr */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
        };
        /**
         * HessianOut
         * @example {
         *       "hessian": {
         *         "x": {
         *           "x": [
         *             [
         *               [
         *                 [
         *                   6,
         *                   0
         *                 ],
         *                 [
         *                   0,
         *                   0
         *                 ]
         *               ],
         *               [
         *                 [
         *                   0,
         *                   6
         *                 ],
         *                 [
         *                   0,
         *                   0
         *                 ]
         *               ]
         *             ],
         *             [
         *               [
         *                 [
         *                   0,
         *                   0
         *                 ],
         *                 [
         *                   6,
         *                   0
         *                 ]
         *               ],
         *               [
         *                 [
         *                   0,
         *                   0
         *                 ],
         *                 [
         *                   0,
         *                   6
         *                 ]
         *               ]
         *             ]
         *           ]
         *         }
         *       }
         *     }
         */
        HessianOut: {
            /**
             * Hessian
             * @description {x: {x2: block of shape x.shape + x2.shape}}
             */
            hessian: {
                [key: string]: {
                    [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                        dtype?: string;
                        shape: number[];
                        data?: unknown[];
                        b64?: string;
                    };
                };
            };
        };
        /**
         * InfoOut
         * @example {
         *       "backend": "process",
         *       "devices": [
         *         "cpu"
         *       ],
         *       "dtypes": [
         *         "float16",
         *         "bfloat16",
         *         "float32",
         *         "float64",
         *         "int32",
         *         "int64",
         *         "bool"
         *       ],
         *       "durability": "os",
         *       "hosts": [
         *         {
         *           "bytes": 36,
         *           "device": "cpu",
         *           "kills": {},
         *           "name": "cpu0",
         *           "pid": 4242,
         *           "restarts": 0,
         *           "sessions": 1,
         *           "up": true
         *         }
         *       ],
         *       "limits": {
         *         "max_body_bytes": 67108864,
         *         "max_compute_seconds": 60,
         *         "max_tensor_elements": 16777216
         *       },
         *       "ops": 223,
         *       "sessions": 1,
         *       "version": "0.1.0"
         *     }
         */
        InfoOut: {
            /** Version */
            version: string;
            /** Devices */
            devices: string[];
            /** Dtypes */
            dtypes: string[];
            /** Ops */
            ops: number;
            /** Sessions */
            sessions: number;
            /**
             * Limits
             * @description every limit in force, by setting name (AGS_ + upper case)
             */
            limits: {
                [key: string]: number;
            };
            /** Backend */
            backend: string;
            /** Durability */
            durability: string;
            /**
             * Hosts
             * @description each host: name, device, up, pid, restarts, kills, sessions, bytes
             */
            hosts: {
                [key: string]: unknown;
            }[];
        };
        /** Input */
        Input: {
            /**
             * Data
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            data: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /** Dtype */
            dtype?: ("float16" | "bfloat16" | "float32" | "float64" | "int32" | "int64" | "bool") | null;
            /**
             * Requires Grad
             * @default false
             */
            requires_grad?: boolean;
        };
        /**
         * Jacobian
         * @example {
         *       "expr": "h = sin(x) * x",
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        Jacobian: {
            /**
             * Expr
             * @description optional: an expression to differentiate, defining nothing
             */
            expr?: string | null;
            /** @description optional: a JSON graph instead of expr */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Mode
             * @description 'rev': torch.func.jacrev, 'fwd': torch.func.jacfwd
             * @default rev
             * @enum {string}
             */
            mode?: "rev" | "fwd";
        };
        /**
         * JacobianOut
         * @example {
         *       "jacobian": {
         *         "x": [
         *           [
         *             [
         *               [
         *                 1.3817732334136963,
         *                 0
         *               ],
         *               [
         *                 0,
         *                 0
         *               ]
         *             ],
         *             [
         *               [
         *                 0,
         *                 1.3817732334136963
         *               ],
         *               [
         *                 0,
         *                 0
         *               ]
         *             ]
         *           ],
         *           [
         *             [
         *               [
         *                 0,
         *                 0
         *               ],
         *               [
         *                 1.3817732334136963,
         *                 0
         *               ]
         *             ],
         *             [
         *               [
         *                 0,
         *                 0
         *               ],
         *               [
         *                 0,
         *                 1.3817732334136963
         *               ]
         *             ]
         *           ]
         *         ]
         *       }
         *     }
         */
        JacobianOut: {
            /**
             * Jacobian
             * @description {input: tensor of shape output.shape + input.shape}
             */
            jacobian: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /**
         * JsonGraph
         * @description The graph as JSON: ``{"nodes": [{id, op, inputs, attrs}], "outputs": [ids]}``.
         * @example {
         *       "nodes": [
         *         {
         *           "id": "a",
         *           "inputs": [
         *             "x"
         *           ],
         *           "op": "cos"
         *         },
         *         {
         *           "attrs": {
         *             "dim": [
         *               0
         *             ]
         *           },
         *           "id": "y",
         *           "inputs": [
         *             "a"
         *           ],
         *           "op": "sum"
         *         }
         *       ],
         *       "outputs": [
         *         "y"
         *       ]
         *     }
         */
        JsonGraph: {
            /** Nodes */
            nodes: components["schemas"]["JsonNode"][];
            /**
             * Outputs
             * @description the node ids that become variables
             */
            outputs: string[];
        };
        /**
         * JsonNode
         * @description A node as JSON: tensor inputs by position (variable or node ids), attributes by keyword.
         */
        JsonNode: {
            /**
             * Id
             * @description unique in the graph; an output's id names the variable it defines
             */
            id: string;
            /**
             * Op
             * @description an op of GET /v1/ops, by PyTorch's name
             */
            op: string;
            /**
             * Inputs
             * @description session variables, given inputs or node ids
             */
            inputs?: string[];
            /**
             * Attrs
             * @description the op's keyword arguments, torch's names
             */
            attrs?: {
                [key: string]: unknown;
            };
        };
        /**
         * Jvp
         * @example {
         *       "expr": "h = sin(x) * x",
         *       "output": "h",
         *       "tangents": {
         *         "x": [
         *           [
         *             1,
         *             0
         *           ],
         *           [
         *             0,
         *             0
         *           ]
         *         ]
         *       }
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "output": "h",
         *       "tangents": {
         *         "x": [
         *           [
         *             1,
         *             0
         *           ],
         *           [
         *             0,
         *             0
         *           ]
         *         ]
         *       }
         *     }
         */
        Jvp: {
            /**
             * Expr
             * @description optional: an expression to differentiate, defining nothing
             */
            expr?: string | null;
            /** @description optional: a JSON graph instead of expr */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Tangents
             * @description {leaf: tensor of the leaf's shape}
             */
            tangents: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /**
         * JvpOut
         * @example {
         *       "jvp": [
         *         [
         *           1.3817732334136963,
         *           0
         *         ],
         *         [
         *           0,
         *           0
         *         ]
         *       ],
         *       "output": [
         *         [
         *           0.8414709568023682,
         *           0.8414709568023682
         *         ],
         *         [
         *           0.8414709568023682,
         *           0.8414709568023682
         *         ]
         *       ]
         *     }
         */
        JvpOut: {
            /**
             * Output
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            output: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /**
             * Jvp
             * @description a tensor of the output's shape
             */
            jvp: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
        };
        /**
         * OpOut
         * @example {
         *       "arity": 1,
         *       "attrs": {
         *         "additionalProperties": false,
         *         "properties": {
         *           "dim": {
         *             "anyOf": [
         *               {
         *                 "type": "integer"
         *               },
         *               {
         *                 "items": {
         *                   "type": "integer"
         *                 },
         *                 "type": "array"
         *               },
         *               {
         *                 "type": "null"
         *               }
         *             ]
         *           },
         *           "keepdim": {
         *             "default": false,
         *             "type": "boolean"
         *           }
         *         },
         *         "title": "sum attributes",
         *         "type": "object"
         *       },
         *       "differentiable": true,
         *       "doc": "Sum of all elements, or over dim.",
         *       "name": "sum",
         *       "optional": 0,
         *       "params": [
         *         {
         *           "kind": "tensor",
         *           "name": "#0"
         *         },
         *         {
         *           "kind": "attr",
         *           "name": "dim"
         *         },
         *         {
         *           "kind": "attr",
         *           "name": "keepdim"
         *         },
         *         {
         *           "kind": "kw",
         *           "name": "dtype"
         *         }
         *       ]
         *     }
         */
        OpOut: {
            /** Name */
            name: string;
            /** Arity */
            arity: number;
            /** Optional */
            optional: number;
            /** Variadic */
            variadic: string | null;
            /** Params */
            params: {
                [key: string]: string;
            }[];
            /** Gather */
            gather: string | null;
            /**
             * Attrs
             * @description the attributes' JSON schema
             */
            attrs: {
                [key: string]: unknown;
            };
            /** Differentiable */
            differentiable: boolean;
            /** Doc */
            doc: string;
        };
        /**
         * OpsOut
         * @example {
         *       "operators": {
         *         "add": "add",
         *         "matmul": "matmul",
         *         "truediv": "div"
         *       },
         *       "ops": [
         *         {
         *           "arity": 1,
         *           "attrs": {
         *             "additionalProperties": false,
         *             "properties": {
         *               "dim": {
         *                 "anyOf": [
         *                   {
         *                     "type": "integer"
         *                   },
         *                   {
         *                     "items": {
         *                       "type": "integer"
         *                     },
         *                     "type": "array"
         *                   },
         *                   {
         *                     "type": "null"
         *                   }
         *                 ]
         *               },
         *               "keepdim": {
         *                 "default": false,
         *                 "type": "boolean"
         *               }
         *             },
         *             "title": "sum attributes",
         *             "type": "object"
         *           },
         *           "differentiable": true,
         *           "doc": "Sum of all elements, or over dim.",
         *           "name": "sum",
         *           "optional": 0,
         *           "params": [
         *             {
         *               "kind": "tensor",
         *               "name": "#0"
         *             },
         *             {
         *               "kind": "attr",
         *               "name": "dim"
         *             },
         *             {
         *               "kind": "attr",
         *               "name": "keepdim"
         *             },
         *             {
         *               "kind": "kw",
         *               "name": "dtype"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        OpsOut: {
            /** Ops */
            ops: components["schemas"]["OpOut"][];
            /** Operators */
            operators: {
                [key: string]: string;
            };
        };
        /**
         * PutVariable
         * @example {
         *       "data": [
         *         [
         *           1,
         *           1
         *         ],
         *         [
         *           1,
         *           1
         *         ]
         *       ],
         *       "requires_grad": true
         *     }
         */
        PutVariable: {
            /**
             * Data
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            data?: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /** Init */
            init?: ("zeros" | "ones" | "full" | "rand" | "randn") | null;
            /** Shape */
            shape?: number[] | null;
            /**
             * Value
             * @description the fill value for init 'full'
             */
            value?: number | null;
            /**
             * Seed
             * @description random seed for init 'rand' and 'randn'
             */
            seed?: number | null;
            /** Dtype */
            dtype?: ("float16" | "bfloat16" | "float32" | "float64" | "int32" | "int64" | "bool") | null;
            /**
             * Requires Grad
             * @default false
             */
            requires_grad?: boolean;
        };
        /**
         * Readiness
         * @example {
         *       "status": "ready"
         *     }
         */
        Readiness: {
            /**
             * Status
             * @enum {string}
             */
            status: "ready" | "starting";
        };
        /**
         * SessionCreated
         * @example {
         *       "device": "cpu",
         *       "dtype": "float32",
         *       "expires_at": "2026-12-07T01:10:01.573498Z",
         *       "id": "cpu0.RbFVX98daVzXPWJc",
         *       "token": "kM2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq"
         *     }
         */
        SessionCreated: {
            /** Id */
            id: string;
            /**
             * Token
             * @description the bearer token for every route under the session; shown once
             */
            token: string;
            /** Device */
            device: string;
            /** Dtype */
            dtype: string;
            /** Expires At */
            expires_at: string;
        };
        /**
         * SessionInfo
         * @example {
         *       "bytes": 36,
         *       "created_at": "2026-12-07T00:10:01.573498Z",
         *       "device": "cpu",
         *       "dtype": "float32",
         *       "expires_at": "2026-12-07T01:10:01.596235Z",
         *       "id": "cpu0.RbFVX98daVzXPWJc",
         *       "variables": [
         *         {
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "is_leaf": true,
         *           "name": "x",
         *           "requires_grad": true,
         *           "shape": [
         *             2,
         *             2
         *           ]
         *         },
         *         {
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "grad_fn": "SumBackward0",
         *           "is_leaf": false,
         *           "name": "y",
         *           "requires_grad": true,
         *           "shape": []
         *         }
         *       ]
         *     }
         */
        SessionInfo: {
            /** Id */
            id: string;
            /** Device */
            device: string;
            /** Dtype */
            dtype: string;
            /** Created At */
            created_at: string;
            /** Expires At */
            expires_at: string;
            /**
             * Bytes
             * @description bytes held by leaves, gradients and optimizer state
             */
            bytes: number;
            /** Variables */
            variables: components["schemas"]["VariableMeta"][];
        };
        /**
         * Share
         * @example {
         *       "expires_in_s": 3600
         *     }
         */
        Share: {
            /**
             * Expires In S
             * @description the viewer token's life in seconds; default the session's TTL
             */
            expires_in_s?: number | null;
        };
        /**
         * StatelessHessian
         * @example {
         *       "expr": "y = (x ** 3).sum()",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "attrs": {
         *               "value": 3
         *             },
         *             "id": "three",
         *             "op": "const"
         *           },
         *           {
         *             "id": "c",
         *             "inputs": [
         *               "x",
         *               "three"
         *             ],
         *             "op": "pow"
         *           },
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "c"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        StatelessHessian: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
        };
        /**
         * StatelessJacobian
         * @example {
         *       "expr": "h = sin(x) * x",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        StatelessJacobian: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Mode
             * @description 'rev': torch.func.jacrev, 'fwd': torch.func.jacfwd
             * @default rev
             * @enum {string}
             */
            mode?: "rev" | "fwd";
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
        };
        /**
         * StatelessJvp
         * @example {
         *       "expr": "h = sin(x) * x",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "tangents": {
         *         "x": [
         *           1,
         *           0,
         *           0
         *         ]
         *       }
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "tangents": {
         *         "x": [
         *           1,
         *           0,
         *           0
         *         ]
         *       }
         *     }
         */
        StatelessJvp: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Tangents
             * @description {leaf: tensor of the leaf's shape}
             */
            tangents: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
        };
        /**
         * StatelessValueAndGrad
         * @example {
         *       "expr": "y = (x * x).sum()",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "x2",
         *             "inputs": [
         *               "x",
         *               "x"
         *             ],
         *             "op": "mul"
         *           },
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "x2"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        StatelessValueAndGrad: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
        };
        /**
         * StatelessVjp
         * @example {
         *       "cotangent": [
         *         1,
         *         0,
         *         0
         *       ],
         *       "expr": "h = sin(x) * x",
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "cotangent": [
         *         1,
         *         0,
         *         0
         *       ],
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "inputs": {
         *         "x": {
         *           "data": [
         *             1,
         *             2,
         *             3
         *           ]
         *         }
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        StatelessVjp: {
            /**
             * Expr
             * @description the expression language: 'a = cos(x); y = sum(a * w)'
             */
            expr?: string | null;
            /** @description {nodes: [{id, op, inputs, attrs}], outputs: [ids]} */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Cotangent
             * @description a tensor of the output's shape
             */
            cotangent: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /**
             * Inputs
             * @description the leaves, by name
             */
            inputs?: {
                [key: string]: components["schemas"]["Input"];
            };
            /**
             * Device
             * @default cpu
             */
            device?: string;
            /**
             * Dtype
             * @default float32
             * @enum {string}
             */
            dtype?: "float16" | "bfloat16" | "float32" | "float64";
        };
        /**
         * Step
         * @example {
         *       "optimizer": {
         *         "lr": 0.1,
         *         "momentum": 0.9,
         *         "type": "sgd"
         *       },
         *       "zero_grad": true
         *     }
         * @example {
         *       "optimizer": {
         *         "lr": 0.01,
         *         "type": "adam"
         *       },
         *       "variables": [
         *         "w",
         *         "b"
         *       ]
         *     }
         */
        Step: {
            /**
             * Optimizer
             * @description torch.optim's name for the optimizer as 'type', and its keyword arguments (torch's defaults)
             */
            optimizer: {
                /**
                 * Type
                 * @description torch.optim.SGD: plain, with momentum, or Nesterov.
                 * @constant
                 */
                type: "sgd";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Momentum
                 * @default 0
                 */
                momentum?: number;
                /**
                 * Dampening
                 * @default 0
                 */
                dampening?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Nesterov
                 * @default false
                 */
                nesterov?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.Adam.
                 * @constant
                 */
                type: "adam";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Betas
                 * @default [
                 *       0.9,
                 *       0.999
                 *     ]
                 */
                betas?: number[];
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Amsgrad
                 * @default false
                 */
                amsgrad?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
                /**
                 * Decoupled Weight Decay
                 * @default false
                 */
                decoupled_weight_decay?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.AdamW: Adam with decoupled weight decay.
                 * @constant
                 */
                type: "adamw";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Betas
                 * @default [
                 *       0.9,
                 *       0.999
                 *     ]
                 */
                betas?: number[];
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0.01
                 */
                weight_decay?: number;
                /**
                 * Amsgrad
                 * @default false
                 */
                amsgrad?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.RMSprop.
                 * @constant
                 */
                type: "rmsprop";
                /**
                 * Lr
                 * @default 0.01
                 */
                lr?: number;
                /**
                 * Alpha
                 * @default 0.99
                 */
                alpha?: number;
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Momentum
                 * @default 0
                 */
                momentum?: number;
                /**
                 * Centered
                 * @default false
                 */
                centered?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.Adagrad.
                 * @constant
                 */
                type: "adagrad";
                /**
                 * Lr
                 * @default 0.01
                 */
                lr?: number;
                /**
                 * Lr Decay
                 * @default 0
                 */
                lr_decay?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Initial Accumulator Value
                 * @default 0
                 */
                initial_accumulator_value?: number;
                /**
                 * Eps
                 * @default 1e-10
                 */
                eps?: number;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            };
            /**
             * Variables
             * @description leaves to step; all leaves with requires_grad by default
             */
            variables?: string[] | null;
            /**
             * Zero Grad
             * @description zero the stepped leaves' gradients after the step
             * @default false
             */
            zero_grad?: boolean;
        };
        /**
         * StepOut
         * @example {
         *       "variables": {
         *         "x": {
         *           "data": [
         *             [
         *               0.9,
         *               0.9
         *             ],
         *             [
         *               0.9,
         *               0.9
         *             ]
         *           ],
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "grad": [
         *             [
         *               0,
         *               0
         *             ],
         *             [
         *               0,
         *               0
         *             ]
         *           ],
         *           "is_leaf": true,
         *           "name": "x",
         *           "requires_grad": true,
         *           "shape": [
         *             2,
         *             2
         *           ]
         *         }
         *       }
         *     }
         */
        StepOut: {
            /** Variables */
            variables: {
                [key: string]: components["schemas"]["VariableOut"];
            };
        };
        /**
         * Train
         * @example {
         *       "log_every": 10,
         *       "loss": "loss",
         *       "optimizer": {
         *         "lr": 0.01,
         *         "type": "adam"
         *       },
         *       "steps": 100
         *     }
         * @example {
         *       "loss": "loss",
         *       "optimizer": {
         *         "lr": 0.1,
         *         "momentum": 0.9,
         *         "type": "sgd"
         *       },
         *       "variables": [
         *         "w",
         *         "b"
         *       ]
         *     }
         */
        Train: {
            /**
             * Loss
             * @description the computed variable to minimise, a scalar
             */
            loss: string;
            /**
             * Optimizer
             * @description torch.optim's name for the optimizer as 'type', and its keyword arguments (torch's defaults)
             */
            optimizer: {
                /**
                 * Type
                 * @description torch.optim.SGD: plain, with momentum, or Nesterov.
                 * @constant
                 */
                type: "sgd";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Momentum
                 * @default 0
                 */
                momentum?: number;
                /**
                 * Dampening
                 * @default 0
                 */
                dampening?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Nesterov
                 * @default false
                 */
                nesterov?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.Adam.
                 * @constant
                 */
                type: "adam";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Betas
                 * @default [
                 *       0.9,
                 *       0.999
                 *     ]
                 */
                betas?: number[];
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Amsgrad
                 * @default false
                 */
                amsgrad?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
                /**
                 * Decoupled Weight Decay
                 * @default false
                 */
                decoupled_weight_decay?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.AdamW: Adam with decoupled weight decay.
                 * @constant
                 */
                type: "adamw";
                /**
                 * Lr
                 * @default 0.001
                 */
                lr?: number;
                /**
                 * Betas
                 * @default [
                 *       0.9,
                 *       0.999
                 *     ]
                 */
                betas?: number[];
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0.01
                 */
                weight_decay?: number;
                /**
                 * Amsgrad
                 * @default false
                 */
                amsgrad?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.RMSprop.
                 * @constant
                 */
                type: "rmsprop";
                /**
                 * Lr
                 * @default 0.01
                 */
                lr?: number;
                /**
                 * Alpha
                 * @default 0.99
                 */
                alpha?: number;
                /**
                 * Eps
                 * @default 1e-8
                 */
                eps?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Momentum
                 * @default 0
                 */
                momentum?: number;
                /**
                 * Centered
                 * @default false
                 */
                centered?: boolean;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            } | {
                /**
                 * Type
                 * @description torch.optim.Adagrad.
                 * @constant
                 */
                type: "adagrad";
                /**
                 * Lr
                 * @default 0.01
                 */
                lr?: number;
                /**
                 * Lr Decay
                 * @default 0
                 */
                lr_decay?: number;
                /**
                 * Weight Decay
                 * @default 0
                 */
                weight_decay?: number;
                /**
                 * Initial Accumulator Value
                 * @default 0
                 */
                initial_accumulator_value?: number;
                /**
                 * Eps
                 * @default 1e-10
                 */
                eps?: number;
                /**
                 * Maximize
                 * @default false
                 */
                maximize?: boolean;
            };
            /**
             * Steps
             * @description optimizer steps in this call
             * @default 1
             */
            steps?: number;
            /**
             * Variables
             * @description leaves to step; all leaves with requires_grad by default
             */
            variables?: string[] | null;
            /**
             * Zero Grad
             * @description drop the stepped leaves' grads before each backward, as optimizer.zero_grad() does
             * @default true
             */
            zero_grad?: boolean;
            /**
             * Log Every
             * @description answer (or stream) the loss every this many steps, and the last
             * @default 1
             */
            log_every?: number;
        };
        /**
         * TrainOut
         * @description Also the body of the stream's ``done`` event; a failure part-way is a problem with these fields.
         * @example {
         *       "durable_steps": 3,
         *       "logged_steps": [
         *         1,
         *         2,
         *         3
         *       ],
         *       "losses": [
         *         4,
         *         3.6,
         *         3.2
         *       ],
         *       "steps": 3
         *     }
         */
        TrainOut: {
            /**
             * Steps
             * @description steps applied
             */
            steps: number;
            /**
             * Losses
             * @description the loss of each logged step, before that step's update
             */
            losses: (number | string)[];
            /**
             * Logged Steps
             * @description the step (from 1) each loss belongs to
             */
            logged_steps: number[];
            /**
             * Durable Steps
             * @description steps that will survive a restart: all of them with a state dir, else 0
             */
            durable_steps: number;
        };
        /**
         * ValueAndGrad
         * @example {
         *       "expr": "y = (x * x).sum()",
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "x2",
         *             "inputs": [
         *               "x",
         *               "x"
         *             ],
         *             "op": "mul"
         *           },
         *           {
         *             "id": "y",
         *             "inputs": [
         *               "x2"
         *             ],
         *             "op": "sum"
         *           }
         *         ],
         *         "outputs": [
         *           "y"
         *         ]
         *       },
         *       "output": "y",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        ValueAndGrad: {
            /**
             * Expr
             * @description optional: an expression to differentiate, defining nothing
             */
            expr?: string | null;
            /** @description optional: a JSON graph instead of expr */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
        };
        /**
         * ValueAndGradOut
         * @example {
         *       "grads": {
         *         "x": [
         *           [
         *             2,
         *             2
         *           ],
         *           [
         *             2,
         *             2
         *           ]
         *         ]
         *       },
         *       "output": 4
         *     }
         */
        ValueAndGradOut: {
            /**
             * Output
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            output: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /** Grads */
            grads: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /**
         * VariableList
         * @example {
         *       "variables": [
         *         {
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "is_leaf": true,
         *           "name": "x",
         *           "requires_grad": true,
         *           "shape": [
         *             2,
         *             2
         *           ]
         *         },
         *         {
         *           "device": "cpu",
         *           "dtype": "float32",
         *           "grad_fn": "SumBackward0",
         *           "is_leaf": false,
         *           "name": "y",
         *           "requires_grad": true,
         *           "shape": []
         *         }
         *       ]
         *     }
         */
        VariableList: {
            /** Variables */
            variables: components["schemas"]["VariableMeta"][];
        };
        /**
         * VariableMeta
         * @description A variable without its data; a computed one that cannot be evaluated now carries ``error``.
         * @example {
         *       "device": "cpu",
         *       "dtype": "float32",
         *       "grad_fn": "SumBackward0",
         *       "is_leaf": false,
         *       "name": "y",
         *       "requires_grad": true,
         *       "shape": []
         *     }
         */
        VariableMeta: {
            /** Name */
            name: string;
            /** Shape */
            shape?: number[] | null;
            /** Dtype */
            dtype?: string | null;
            /** Device */
            device?: string | null;
            /** Requires Grad */
            requires_grad?: boolean | null;
            /** Is Leaf */
            is_leaf: boolean;
            /**
             * Grad Fn
             * @description torch's grad_fn class name, e.g. SumBackward0
             */
            grad_fn?: string | null;
            /** Error */
            error?: string | null;
        };
        /**
         * VariableOut
         * @example {
         *       "data": [
         *         [
         *           1,
         *           1
         *         ],
         *         [
         *           1,
         *           1
         *         ]
         *       ],
         *       "device": "cpu",
         *       "dtype": "float32",
         *       "grad": [
         *         [
         *           1,
         *           1
         *         ],
         *         [
         *           1,
         *           1
         *         ]
         *       ],
         *       "is_leaf": true,
         *       "name": "x",
         *       "requires_grad": true,
         *       "shape": [
         *         2,
         *         2
         *       ]
         *     }
         */
        VariableOut: {
            /** Name */
            name: string;
            /** Shape */
            shape: number[];
            /** Dtype */
            dtype: string;
            /** Device */
            device: string;
            /** Requires Grad */
            requires_grad: boolean;
            /** Is Leaf */
            is_leaf: boolean;
            /** Grad Fn */
            grad_fn: string | null;
            /**
             * Data
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            data: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /**
             * Grad
             * @description null until a backward reaches the leaf
             */
            grad: (number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            }) | null;
        };
        /**
         * ViewerCreated
         * @example {
         *       "expires_at": "2026-12-07T01:10:01.573498Z",
         *       "id": "vq3T0aZ1bXk",
         *       "token": "Vw2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq"
         *     }
         */
        ViewerCreated: {
            /**
             * Id
             * @description the viewer's id, to revoke its token
             */
            id: string;
            /**
             * Token
             * @description the read-only bearer token; shown once
             */
            token: string;
            /** Expires At */
            expires_at: string;
        };
        /**
         * ViewerList
         * @example {
         *       "viewers": [
         *         {
         *           "created_at": "2026-12-07T00:10:01.573498Z",
         *           "expires_at": "2026-12-07T01:10:01.573498Z",
         *           "id": "vq3T0aZ1bXk"
         *         }
         *       ]
         *     }
         */
        ViewerList: {
            /**
             * Viewers
             * @description the session's viewer tokens that have not expired (no tokens)
             */
            viewers: components["schemas"]["ViewerOut"][];
        };
        /** ViewerOut */
        ViewerOut: {
            /** Id */
            id: string;
            /** Created At */
            created_at: string;
            /** Expires At */
            expires_at: string;
        };
        /**
         * Vjp
         * @example {
         *       "cotangent": [
         *         [
         *           1,
         *           0
         *         ],
         *         [
         *           0,
         *           0
         *         ]
         *       ],
         *       "expr": "h = sin(x) * x",
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         * @example {
         *       "cotangent": [
         *         [
         *           1,
         *           0
         *         ],
         *         [
         *           0,
         *           0
         *         ]
         *       ],
         *       "graph": {
         *         "nodes": [
         *           {
         *             "id": "s",
         *             "inputs": [
         *               "x"
         *             ],
         *             "op": "sin"
         *           },
         *           {
         *             "id": "h",
         *             "inputs": [
         *               "s",
         *               "x"
         *             ],
         *             "op": "mul"
         *           }
         *         ],
         *         "outputs": [
         *           "h"
         *         ]
         *       },
         *       "output": "h",
         *       "wrt": [
         *         "x"
         *       ]
         *     }
         */
        Vjp: {
            /**
             * Expr
             * @description optional: an expression to differentiate, defining nothing
             */
            expr?: string | null;
            /** @description optional: a JSON graph instead of expr */
            graph?: components["schemas"]["JsonGraph"] | null;
            /**
             * Output
             * @description the variable (or graph output) to differentiate
             */
            output: string;
            /**
             * Wrt
             * @description leaves to differentiate with respect to
             */
            wrt: string[];
            /**
             * Cotangent
             * @description a tensor of the output's shape
             */
            cotangent: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
        };
        /**
         * VjpOut
         * @example {
         *       "output": [
         *         [
         *           0.8414709568023682,
         *           0.8414709568023682
         *         ],
         *         [
         *           0.8414709568023682,
         *           0.8414709568023682
         *         ]
         *       ],
         *       "vjp": {
         *         "x": [
         *           [
         *             1.3817732334136963,
         *             0
         *           ],
         *           [
         *             0,
         *             0
         *           ]
         *         ]
         *       }
         *     }
         */
        VjpOut: {
            /**
             * Output
             * @description A tensor: a number, a nested list (non-finite values as 'NaN', 'Infinity', '-Infinity'), {dtype, shape, data} with data flat and row-major, or {dtype, shape, b64} with little-endian bytes.
             */
            output: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                dtype?: string;
                shape: number[];
                data?: unknown[];
                b64?: string;
            };
            /**
             * Vjp
             * @description {input: tensor of the input's shape}
             */
            vjp: {
                [key: string]: number | boolean | ("NaN" | "Infinity" | "-Infinity") | unknown[] | {
                    dtype?: string;
                    shape: number[];
                    data?: unknown[];
                    b64?: string;
                };
            };
        };
        /**
         * ZeroGrad
         * @example {
         *       "variables": [
         *         "x"
         *       ]
         *     }
         */
        ZeroGrad: {
            /** Variables */
            variables?: string[] | null;
            /**
             * Set To None
             * @default false
             */
            set_to_none?: boolean;
        };
        /**
         * ZeroGradOut
         * @example {
         *       "zeroed": [
         *         "x"
         *       ]
         *     }
         */
        ZeroGradOut: {
            /** Zeroed */
            zeroed: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    create_session_v1_sessions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateSession"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cpu0.RbFVX98daVzXPWJc",
                     *       "token": "kM2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq",
                     *       "device": "cpu",
                     *       "dtype": "float32",
                     *       "expires_at": "2026-12-07T01:10:01.573498Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SessionCreated"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    get_session_v1_sessions__session_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cpu0.RbFVX98daVzXPWJc",
                     *       "device": "cpu",
                     *       "dtype": "float32",
                     *       "created_at": "2026-12-07T00:10:01.573498Z",
                     *       "expires_at": "2026-12-07T01:10:01.596235Z",
                     *       "bytes": 36,
                     *       "variables": [
                     *         {
                     *           "name": "x",
                     *           "shape": [
                     *             2,
                     *             2
                     *           ],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": true,
                     *           "grad_fn": null
                     *         },
                     *         {
                     *           "name": "y",
                     *           "shape": [],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": false,
                     *           "grad_fn": "SumBackward0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SessionInfo"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    delete_session_v1_sessions__session_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    export_session_v1_sessions__session_id__export_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a safetensors file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    import_session_v1_sessions_import_post: {
        parameters: {
            query?: {
                ttl_seconds?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cpu0.RbFVX98daVzXPWJc",
                     *       "token": "kM2pX0s1Vd9rQ7wYbZ4tN8cH3fJ6uL5eA1gR0iT2oWq",
                     *       "device": "cpu",
                     *       "dtype": "float32",
                     *       "expires_at": "2026-12-07T01:10:01.573498Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SessionCreated"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    get_variable_v1_sessions__session_id__variables__name__get: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
                /** @description with 'Accept: application/x-npy' only: 'data' for the value, 'grad' for the gradient */
                field?: "data" | "grad";
            };
            header?: never;
            path: {
                name: string;
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "x",
                     *       "shape": [
                     *         2,
                     *         2
                     *       ],
                     *       "dtype": "float32",
                     *       "device": "cpu",
                     *       "requires_grad": true,
                     *       "is_leaf": true,
                     *       "grad_fn": null,
                     *       "data": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ],
                     *       "grad": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VariableOut"];
                    "application/x-npy": string;
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    put_variable_v1_sessions__session_id__variables__name__put: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
                /** @description with an .npy body only: the leaf's requires_grad (a JSON body says it in the body) */
                requires_grad?: boolean;
            };
            header?: never;
            path: {
                name: string;
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutVariable"];
                "application/x-npy": string;
            };
        };
        responses: {
            /** @description replaced an existing variable */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "x",
                     *       "shape": [
                     *         2,
                     *         2
                     *       ],
                     *       "dtype": "float32",
                     *       "device": "cpu",
                     *       "requires_grad": true,
                     *       "is_leaf": true,
                     *       "grad_fn": null,
                     *       "data": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ],
                     *       "grad": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VariableOut"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "x",
                     *       "shape": [
                     *         2,
                     *         2
                     *       ],
                     *       "dtype": "float32",
                     *       "device": "cpu",
                     *       "requires_grad": true,
                     *       "is_leaf": true,
                     *       "grad_fn": null,
                     *       "data": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ],
                     *       "grad": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VariableOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    delete_variable_v1_sessions__session_id__variables__name__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    list_variables_v1_sessions__session_id__variables_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "variables": [
                     *         {
                     *           "name": "x",
                     *           "shape": [
                     *             2,
                     *             2
                     *           ],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": true,
                     *           "grad_fn": null
                     *         },
                     *         {
                     *           "name": "y",
                     *           "shape": [],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": false,
                     *           "grad_fn": "SumBackward0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VariableList"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    compute_v1_sessions__session_id__compute_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Compute"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "variables": {
                     *         "y": {
                     *           "name": "y",
                     *           "shape": [],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": false,
                     *           "grad_fn": "SumBackward0",
                     *           "data": 4,
                     *           "grad": null
                     *         }
                     *       },
                     *       "grads": {
                     *         "x": [
                     *           [
                     *             1,
                     *             1
                     *           ],
                     *           [
                     *             1,
                     *             1
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ComputeOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    backward_v1_sessions__session_id__backward_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Backward"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "grads": {
                     *         "x": [
                     *           [
                     *             2,
                     *             2
                     *           ],
                     *           [
                     *             2,
                     *             2
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GradsOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    grad_v1_sessions__session_id__grad_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Grad"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "grads": {
                     *         "x": [
                     *           [
                     *             2,
                     *             2
                     *           ],
                     *           [
                     *             2,
                     *             2
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GradsOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    zero_grad_v1_sessions__session_id__zero_grad_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ZeroGrad"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "zeroed": [
                     *         "x"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ZeroGradOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    step_v1_sessions__session_id__step_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Step"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "variables": {
                     *         "x": {
                     *           "name": "x",
                     *           "shape": [
                     *             2,
                     *             2
                     *           ],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": true,
                     *           "grad_fn": null,
                     *           "data": [
                     *             [
                     *               0.9,
                     *               0.9
                     *             ],
                     *             [
                     *               0.9,
                     *               0.9
                     *             ]
                     *           ],
                     *           "grad": [
                     *             [
                     *               0,
                     *               0
                     *             ],
                     *             [
                     *               0,
                     *               0
                     *             ]
                     *           ]
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["StepOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    train_v1_sessions__session_id__train_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 'text/event-stream' streams progress events */
                accept?: string;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Train"];
            };
        };
        responses: {
            /** @description with 'Accept: text/event-stream': 'progress' events (their data as below), then 'done' (data as the JSON answer) or 'error' (data a problem) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "steps": 3,
                     *       "losses": [
                     *         4,
                     *         3.6,
                     *         3.2
                     *       ],
                     *       "logged_steps": [
                     *         1,
                     *         2,
                     *         3
                     *       ],
                     *       "durable_steps": 3
                     *     }
                     */
                    "application/json": components["schemas"]["TrainOut"];
                    "text/event-stream": string;
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    list_viewers_v1_sessions__session_id__viewers_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ViewerList"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    create_viewer_v1_sessions__session_id__viewers_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["Share"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ViewerCreated"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    revoke_viewer_v1_sessions__session_id__viewers__viewer_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                viewer_id: string;
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    events_v1_sessions__session_id__events_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description resume after this event's number */
                "Last-Event-ID"?: number | null;
            };
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: 'hello' (or, resuming, the events missed, or 'reset'), then each change as it is written: leaf, deleted, defined, backward, zero_grad, step, train; 'end' last (docs/api.md, 'Live sessions') */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        id?: string;
                        event: string;
                        data: string;
                    };
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session has max_watchers_per_session streams open on this server */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    evaluate_v1_evaluate_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Evaluate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "outputs": {
                     *         "y": {
                     *           "name": "y",
                     *           "shape": [],
                     *           "dtype": "float32",
                     *           "device": "cpu",
                     *           "requires_grad": true,
                     *           "is_leaf": false,
                     *           "grad_fn": "SumBackward0",
                     *           "data": 14,
                     *           "grad": null
                     *         }
                     *       },
                     *       "grads": {
                     *         "x": [
                     *           2,
                     *           4,
                     *           6
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["EvaluateOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    jacobian_v1_jacobian_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatelessJacobian"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jacobian": {
                     *         "x": [
                     *           [
                     *             [
                     *               [
                     *                 1.3817732334136963,
                     *                 0
                     *               ],
                     *               [
                     *                 0,
                     *                 0
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 0,
                     *                 1.3817732334136963
                     *               ],
                     *               [
                     *                 0,
                     *                 0
                     *               ]
                     *             ]
                     *           ],
                     *           [
                     *             [
                     *               [
                     *                 0,
                     *                 0
                     *               ],
                     *               [
                     *                 1.3817732334136963,
                     *                 0
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 0,
                     *                 0
                     *               ],
                     *               [
                     *                 0,
                     *                 1.3817732334136963
                     *               ]
                     *             ]
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["JacobianOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    session_jacobian_v1_sessions__session_id__jacobian_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Jacobian"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jacobian": {
                     *         "x": [
                     *           [
                     *             [
                     *               [
                     *                 1.3817732334136963,
                     *                 0
                     *               ],
                     *               [
                     *                 0,
                     *                 0
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 0,
                     *                 1.3817732334136963
                     *               ],
                     *               [
                     *                 0,
                     *                 0
                     *               ]
                     *             ]
                     *           ],
                     *           [
                     *             [
                     *               [
                     *                 0,
                     *                 0
                     *               ],
                     *               [
                     *                 1.3817732334136963,
                     *                 0
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 0,
                     *                 0
                     *               ],
                     *               [
                     *                 0,
                     *                 1.3817732334136963
                     *               ]
                     *             ]
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["JacobianOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    hessian_v1_hessian_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatelessHessian"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hessian": {
                     *         "x": {
                     *           "x": [
                     *             [
                     *               [
                     *                 [
                     *                   6,
                     *                   0
                     *                 ],
                     *                 [
                     *                   0,
                     *                   0
                     *                 ]
                     *               ],
                     *               [
                     *                 [
                     *                   0,
                     *                   6
                     *                 ],
                     *                 [
                     *                   0,
                     *                   0
                     *                 ]
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 [
                     *                   0,
                     *                   0
                     *                 ],
                     *                 [
                     *                   6,
                     *                   0
                     *                 ]
                     *               ],
                     *               [
                     *                 [
                     *                   0,
                     *                   0
                     *                 ],
                     *                 [
                     *                   0,
                     *                   6
                     *                 ]
                     *               ]
                     *             ]
                     *           ]
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HessianOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    session_hessian_v1_sessions__session_id__hessian_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Hessian"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hessian": {
                     *         "x": {
                     *           "x": [
                     *             [
                     *               [
                     *                 [
                     *                   6,
                     *                   0
                     *                 ],
                     *                 [
                     *                   0,
                     *                   0
                     *                 ]
                     *               ],
                     *               [
                     *                 [
                     *                   0,
                     *                   6
                     *                 ],
                     *                 [
                     *                   0,
                     *                   0
                     *                 ]
                     *               ]
                     *             ],
                     *             [
                     *               [
                     *                 [
                     *                   0,
                     *                   0
                     *                 ],
                     *                 [
                     *                   6,
                     *                   0
                     *                 ]
                     *               ],
                     *               [
                     *                 [
                     *                   0,
                     *                   0
                     *                 ],
                     *                 [
                     *                   0,
                     *                   6
                     *                 ]
                     *               ]
                     *             ]
                     *           ]
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HessianOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    vjp_v1_vjp_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatelessVjp"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": [
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ],
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ]
                     *       ],
                     *       "vjp": {
                     *         "x": [
                     *           [
                     *             1.3817732334136963,
                     *             0
                     *           ],
                     *           [
                     *             0,
                     *             0
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["VjpOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    session_vjp_v1_sessions__session_id__vjp_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Vjp"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": [
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ],
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ]
                     *       ],
                     *       "vjp": {
                     *         "x": [
                     *           [
                     *             1.3817732334136963,
                     *             0
                     *           ],
                     *           [
                     *             0,
                     *             0
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["VjpOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    jvp_v1_jvp_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatelessJvp"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": [
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ],
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ]
                     *       ],
                     *       "jvp": [
                     *         [
                     *           1.3817732334136963,
                     *           0
                     *         ],
                     *         [
                     *           0,
                     *           0
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JvpOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    session_jvp_v1_sessions__session_id__jvp_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Jvp"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": [
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ],
                     *         [
                     *           0.8414709568023682,
                     *           0.8414709568023682
                     *         ]
                     *       ],
                     *       "jvp": [
                     *         [
                     *           1.3817732334136963,
                     *           0
                     *         ],
                     *         [
                     *           0,
                     *           0
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JvpOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    value_and_grad_v1_value_and_grad_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatelessValueAndGrad"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": 4,
                     *       "grads": {
                     *         "x": [
                     *           [
                     *             2,
                     *             2
                     *           ],
                     *           [
                     *             2,
                     *             2
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ValueAndGradOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    session_value_and_grad_v1_sessions__session_id__value_and_grad_post: {
        parameters: {
            query?: {
                /** @description 'list' for nested lists, 'b64' for {dtype, shape, b64} */
                encoding?: "list" | "b64";
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValueAndGrad"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "output": 4,
                     *       "grads": {
                     *         "x": [
                     *           [
                     *             2,
                     *             2
                     *           ],
                     *           [
                     *             2,
                     *             2
                     *           ]
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ValueAndGradOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    variable_graph_v1_sessions__session_id__variables__name__graph_get: {
        parameters: {
            query?: {
                /** @description 'json' for nodes and edges, 'dot' for Graphviz */
                format?: "json" | "dot";
            };
            header?: never;
            path: {
                name: string;
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "variable": "y",
                     *       "nodes": [
                     *         {
                     *           "id": "n0",
                     *           "name": "y",
                     *           "kind": "output",
                     *           "shape": [],
                     *           "leaf": null,
                     *           "requires_grad_leaf": false
                     *         },
                     *         {
                     *           "id": "n1",
                     *           "name": "SumBackward0",
                     *           "kind": "op",
                     *           "shape": [],
                     *           "leaf": null,
                     *           "requires_grad_leaf": false
                     *         },
                     *         {
                     *           "id": "n2",
                     *           "name": "x",
                     *           "kind": "leaf",
                     *           "shape": [
                     *             2,
                     *             2
                     *           ],
                     *           "leaf": "x",
                     *           "requires_grad_leaf": true
                     *         }
                     *       ],
                     *       "edges": [
                     *         {
                     *           "from": "n2",
                     *           "to": "n1"
                     *         },
                     *         {
                     *           "from": "n1",
                     *           "to": "n0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GraphOut"];
                    "text/vnd.graphviz": string;
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    gradcheck_v1_sessions__session_id__gradcheck_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Gradcheck"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ok": true
                     *     }
                     */
                    "application/json": components["schemas"]["GradcheckOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description A viewer token: it is read-only */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/read-only" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    ops_v1_ops_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ops": [
                     *         {
                     *           "name": "sum",
                     *           "arity": 1,
                     *           "optional": 0,
                     *           "variadic": null,
                     *           "params": [
                     *             {
                     *               "name": "#0",
                     *               "kind": "tensor"
                     *             },
                     *             {
                     *               "name": "dim",
                     *               "kind": "attr"
                     *             },
                     *             {
                     *               "name": "keepdim",
                     *               "kind": "attr"
                     *             },
                     *             {
                     *               "name": "dtype",
                     *               "kind": "kw"
                     *             }
                     *           ],
                     *           "gather": null,
                     *           "attrs": {
                     *             "title": "sum attributes",
                     *             "type": "object",
                     *             "properties": {
                     *               "dim": {
                     *                 "anyOf": [
                     *                   {
                     *                     "type": "integer"
                     *                   },
                     *                   {
                     *                     "type": "array",
                     *                     "items": {
                     *                       "type": "integer"
                     *                     }
                     *                   },
                     *                   {
                     *                     "type": "null"
                     *                   }
                     *                 ]
                     *               },
                     *               "keepdim": {
                     *                 "type": "boolean",
                     *                 "default": false
                     *               }
                     *             },
                     *             "additionalProperties": false
                     *           },
                     *           "differentiable": true,
                     *           "doc": "Sum of all elements, or over dim."
                     *         }
                     *       ],
                     *       "operators": {
                     *         "add": "add",
                     *         "truediv": "div",
                     *         "matmul": "matmul"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["OpsOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    info_v1_info_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "version": "0.1.0",
                     *       "devices": [
                     *         "cpu"
                     *       ],
                     *       "dtypes": [
                     *         "float16",
                     *         "bfloat16",
                     *         "float32",
                     *         "float64",
                     *         "int32",
                     *         "int64",
                     *         "bool"
                     *       ],
                     *       "ops": 223,
                     *       "sessions": 1,
                     *       "limits": {
                     *         "max_body_bytes": 67108864,
                     *         "max_tensor_elements": 16777216,
                     *         "max_compute_seconds": 60
                     *       },
                     *       "backend": "process",
                     *       "durability": "os",
                     *       "hosts": [
                     *         {
                     *           "name": "cpu0",
                     *           "device": "cpu",
                     *           "up": true,
                     *           "pid": 4242,
                     *           "restarts": 0,
                     *           "kills": {},
                     *           "sessions": 1,
                     *           "bytes": 36
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["InfoOut"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description a host is (re)starting */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    metrics_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Malformed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/malformed-json" | "/problems/bad-request" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description No token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/authentication-required" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Unknown session, wrong token, or unknown variable */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/unknown-session" | "/problems/unknown-viewer" | "/problems/unknown-variable" | "/problems/not-found" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Device not available, or an idempotent call's answer no longer kept */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/device-not-available" | "/problems/idempotent-answer-gone" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session was quarantined: it ended its host twice, or its files are damaged */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/session-quarantined" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Body, tensor, graph or session over its limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/limit-exceeded" | "/problems/request-body-too-large" | "/problems/json-nested-too-deeply" | "/problems/nested-too-deeply" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Invalid input, graph, expression, or an autograd error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/request-cannot-be-processed" | "/problems/invalid-request" | "/problems/invalid-tensor" | "/problems/invalid-graph" | "/problems/invalid-expression" | "/problems/computation-failed" | "/problems/anomaly-detected" | "/problems/compute-time-limit-exceeded" | "/problems/idempotency-key-reused" | "/problems/call-refused" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description Too many sessions, watchers of one session, or Idempotency-Keys of one caller */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/too-many-sessions" | "/problems/too-many-watchers" | "/problems/too-many-idempotency-keys" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
            /** @description The session's host is restarting, or the call ended it (over the compute budget or memory cap) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @enum {unknown} */
                        type: "/problems/state-not-written" | "/problems/host-unavailable" | "/problems/http-error";
                        title: string;
                        status: number;
                        detail: string;
                        errors?: Record<string, never>[];
                    };
                };
            };
        };
    };
}
