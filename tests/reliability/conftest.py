"""Reliability fixtures: reuse the app fixtures of the TUI tests."""

from tests.tui.conftest import make_app, reopen

__all__ = ["make_app", "reopen"]
