"""The app killed mid-session: reopened, everything up to the last completed action is there."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from okrworkshop.store import Workspace
from tests.e2e.terminal import COMMAND, Terminal, terminal, terminal_env

pytestmark = pytest.mark.e2e
__all__ = ["terminal"]


def _saved(db: Path, title: str) -> bool:
    try:
        data = Workspace.open(db).load("demo-kestrel")
    except Exception:  # the file is being replaced at this instant; look again
        return False
    return any(o.title == title for o in data.objectives.values())


def test_kill_during_a_session_then_reopen(terminal: Terminal, tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    terminal.start([str(COMMAND), "--db", str(db), "demo"], terminal_env(tmp_path))
    terminal.wait_for("› Score key results")
    terminal.keys("n")
    terminal.wait_for("Start which session?")
    terminal.keys("p")
    terminal.wait_for("Start a planning session")
    terminal.keys("C-s")
    terminal.wait_for("› Opening and context")
    terminal.keys("]", "]")
    terminal.wait_for("› Draft objectives")
    titles = ["Clinics run their day from one screen", "Every patient gets a reminder"]
    for number, title in enumerate(titles, start=9):
        terminal.keys("o")
        terminal.wait_for("New objective")
        terminal.keys(title, literal=True)
        terminal.keys("Tab")
        terminal.wait_for("Level: Enter opens the list")
        terminal.keys("Enter")
        terminal.wait_for("Department")
        terminal.keys("c", "Enter")  # typing picks "Company" in the open list
        terminal.wait_for("Level Company")
        terminal.keys("C-s")
        terminal.wait_for(f"{number}. {title}")  # the row in the table, the form closed
    terminal.wait_until(lambda: _saved(db, titles[-1]), "the last objective on disk")

    pid = int(terminal.tmux("display", "-p", "-t", "w", "#{pane_pid}").stdout.strip())
    os.kill(pid, signal.SIGKILL)
    terminal.wait_for(None, gone=True)

    data = Workspace.open(db).load("demo-kestrel")
    found = {o.title: o for o in data.objectives.values()}
    for title in titles:
        assert found[title].level == "company"
    assert sum(1 for s in data.sessions.values() if s.kind == "planning") == 2

    # Reopened (on a screen tall enough for every row), the app shows them.
    terminal.start(
        [str(COMMAND), "--db", str(db), "open", "demo"], terminal_env(tmp_path), size=(120, 60)
    )
    terminal.wait_for("› Draft objectives")
    screen = terminal.wait_for("10. Every patient gets a reminder")
    assert "9. Clinics run their day from one screen" in screen
    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)
