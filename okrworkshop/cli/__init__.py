"""The ``okrworkshop`` command (DESIGN §7)."""

from okrworkshop.cli.main import main

__all__ = ["main"]
