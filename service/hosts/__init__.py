"""Session hosts: where sessions live and every call on them runs (see seam.py for the backends)."""
