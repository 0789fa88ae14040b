"""The HTTP API: thin routers (parse, call one engine verb through the registry, shape the answer)
and their dependencies (deps)."""
