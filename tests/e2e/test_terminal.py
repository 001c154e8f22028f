"""The installed ``okrworkshop`` command in a real terminal (tmux): type, quit, check the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrworkshop.store import Workspace
from tests.e2e.terminal import COMMAND, Terminal, terminal_env

pytestmark = pytest.mark.e2e


def start_planning(terminal: Terminal) -> None:
    """n, p and ctrl+s: a planning session with the default agenda, at its first stage."""
    terminal.keys("n")
    terminal.wait_for("Start which session?")
    terminal.keys("p")
    terminal.wait_for("Start a planning session")
    terminal.keys("C-s")
    terminal.wait_for("› Opening and context")


def test_demo_in_a_real_terminal_saves_what_was_typed(terminal: Terminal, tmp_path: Path) -> None:
    assert COMMAND.exists(), f"the okrworkshop command is not installed at {COMMAND}"
    db = tmp_path / "w.json"
    env = terminal_env(tmp_path)
    terminal.start([str(COMMAND), "--db", str(db), "demo"], env)
    screen = terminal.wait_for("Score key results")
    assert "Kestrel Labs" in screen

    # Start a planning session and go to the drafting stage.
    start_planning(terminal)
    terminal.keys("]", "]")
    terminal.wait_for("› Draft objectives")

    # Add an objective by typing; a team objective needs its team.
    terminal.keys("o")
    terminal.wait_for("New objective")
    terminal.keys("Patients book without calling us", literal=True)
    terminal.keys("Tab")
    terminal.wait_for("Level: Enter opens the list")
    terminal.keys("Enter")
    terminal.wait_for("Department")
    terminal.keys("t", "Enter")  # typing picks "Team" in the open list
    terminal.wait_for("Level Team")
    terminal.keys("C-s")
    terminal.wait_for("needs a team name")
    terminal.keys("Tab")
    terminal.wait_for("Team: the team or department")
    terminal.keys("Booking", literal=True)
    terminal.keys("C-s")
    terminal.wait_for("9. Patients book without calling us")

    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)

    data = Workspace.open(db).load("demo-kestrel")
    added = [o for o in data.objectives.values() if o.title == "Patients book without calling us"]
    assert len(added) == 1
    assert (added[0].level, added[0].team) == ("team", "Booking")
    assert sorted(s.kind for s in data.sessions.values()) == [
        "check-in",
        "planning",
        "planning",
        "retro",
    ]


def test_a_live_session_survives_a_restart_with_its_undo(
    terminal: Terminal, tmp_path: Path
) -> None:
    db = tmp_path / "w.json"
    env = terminal_env(tmp_path)
    terminal.start([str(COMMAND), "--db", str(db), "demo"], env)
    terminal.wait_for("Score key results")
    start_planning(terminal)

    # The timer runs, a decision is captured, and the app is closed mid-session.
    terminal.keys("s")
    terminal.wait_for("left of 10 min · ends")
    terminal.wait_for("09:59 left of 10 min")  # a second of session time has passed
    terminal.keys("c")
    terminal.wait_for("Capture into Planning session")
    terminal.keys("d We check in every Monday", literal=True)
    terminal.wait_for("Decision: We check in every Monday")
    terminal.keys("Enter")
    terminal.wait_for("Captured 1")
    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)

    # Opened again: the timer waits paused, and ctrl+z still undoes the capture.
    terminal.start([str(COMMAND), "--db", str(db), "open", "kestrel"], env)
    terminal.wait_for("paused")
    terminal.keys("C-z")
    terminal.wait_for("Undid: capture decision 'We check in every Monday'")
    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)

    data = Workspace.open(db).load("demo-kestrel")
    (session,) = [s for s in data.sessions.values() if s.started_at is not None and not s.closed]
    assert session.timer_stage is None, "quitting paused the timer"
    assert data.captures_of(session.id) == []


def test_a_key_pressed_as_a_stage_opens_is_not_lost(terminal: Terminal, tmp_path: Path) -> None:
    # A facilitator skipping stages presses ] again the moment the next one shows; while the
    # drafting table was still being drawn that key went into the hidden brainstorm line.
    db = tmp_path / "w.json"
    terminal.start([str(COMMAND), "--db", str(db), "demo"], terminal_env(tmp_path), (160, 45))
    terminal.wait_for("Score key results")
    start_planning(terminal)
    terminal.keys("]")
    terminal.wait_for("› Brainstorm objective candidates")
    terminal.keys("]")
    terminal.wait_for("› Draft objectives")
    terminal.keys("]")
    terminal.wait_for("› Key results, 3 to 5 per objective", timeout=10)
    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)
