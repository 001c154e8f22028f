"""The real-terminal fixture."""

from tests.e2e.terminal import terminal

__all__ = ["terminal"]
