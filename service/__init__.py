"""The HTTP service: FastAPI routes over the engine. No calculus here."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("autograd-service")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
