"""Thin routers: parse, call one engine function on the session's worker, shape the answer."""
