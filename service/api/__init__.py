"""The HTTP API: routers (parse, authenticate, name the function the session's host runs, beside
each route) and their dependencies (deps)."""
