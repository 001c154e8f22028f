"""Shared fixtures: every test gets its own workspace file; nothing touches the real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from okrworkshop.demo import build_demo
from okrworkshop.model import CycleData
from okrworkshop.store import Workspace

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 0, 0)


class FakeClock:
    """A wall clock that moves only when a test says so (timers without sleeping)."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test reads or writes the user's real workspace or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("OKRWORKSHOP_DB", raising=False)
    yield


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def clock() -> FakeClock:
    """The app's wall clock in a test: it moves only with ``clock.advance``."""
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.json"


@pytest.fixture
def workspace(db_path: Path) -> Workspace:
    return Workspace.open(db_path)


@pytest.fixture
def demo() -> CycleData:
    return build_demo(TODAY)


@pytest.fixture
def demo_workspace(workspace: Workspace, demo: CycleData) -> Workspace:
    workspace.add_cycle(demo)
    return workspace


def cli_env(db_path: Path) -> dict[str, str]:
    """Environment for running the installed command against a test workspace."""
    env = dict(os.environ)
    env["OKRWORKSHOP_DB"] = str(db_path)
    return env
