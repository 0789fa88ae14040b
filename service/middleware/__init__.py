"""The ASGI layers every request passes through: metrics, request id and access log, body limit,
the Idempotency-Key slot, JSON depth, and the request's size for the dispatcher."""
