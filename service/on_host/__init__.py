"""What session hosts run: every function here runs on a host (a host process, a Ray actor, or the
server's own process with the inline backend), called with a ``Context``, never with a request. The
rows that name these functions, and the handlers that run on the server, are in service/api/, which
imports this package and never the reverse."""
