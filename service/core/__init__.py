"""What the service runs on: settings, the session relay, dispatch to workers, durable state,
idempotency records, connections, and the error-to-status table."""
