"""App fixtures: a fresh app on a temporary workspace with a fixed date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from okrworkshop.store import Workspace
from okrworkshop.tui.app import OkrWorkshopApp, create_app
from tests.conftest import TODAY, FakeClock


@pytest.fixture
def make_app(workspace: Workspace, clock: FakeClock) -> Callable[..., OkrWorkshopApp]:
    def make(cycle_id: str | None = None, theme: str = "textual-dark") -> OkrWorkshopApp:
        return create_app(
            workspace, cycle_id=cycle_id, today=lambda: TODAY, theme=theme, clock=clock
        )

    return make


@pytest.fixture
def reopen(db_path: Path) -> Callable[[], Workspace]:
    """The workspace as a new process would see it: a fresh read of the file."""
    return lambda: Workspace.open(db_path)
