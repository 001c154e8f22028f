"""Two real app windows (two terminals) on one workspace: each shows what the other saves."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrworkshop.store import Workspace
from tests.e2e.terminal import COMMAND, TMUX, Terminal, terminal_env

pytestmark = pytest.mark.e2e


@pytest.fixture
def second_terminal(terminal: Terminal) -> Iterator[Terminal]:
    """Another terminal beside the first (a tmux server of its own)."""
    assert TMUX is not None
    term = Terminal(f"okrw-{uuid.uuid4().hex[:8]}")
    yield term
    term.tmux("kill-server")


def capture(window: Terminal, line: str) -> None:
    """c, a capture line, Enter: a decision or parking-lot item in the running session."""
    window.keys("c")
    window.wait_for("Capture into")
    window.keys(line, literal=True)
    window.keys("Enter")


def test_an_edit_in_one_window_shows_up_in_the_other(
    terminal: Terminal, second_terminal: Terminal, tmp_path: Path
) -> None:
    db = tmp_path / "w.json"
    made = subprocess.run(
        [str(COMMAND), "--db", str(db), "demo", "--no-open"], capture_output=True, check=False
    )
    assert made.returncode == 0, made.stderr
    env = terminal_env(tmp_path)
    first, second = terminal, second_terminal
    for window in (first, second):
        window.start([str(COMMAND), "--db", str(db), "open", "Kestrel"], env)
    for window in (first, second):
        window.wait_for("✎ Captured 0")

    capture(first, "d We review key results every Monday")
    first.wait_for("✎ Captured 1")
    second.wait_for("✎ Captured 1")
    second.wait_for("Loaded changes saved by another okrworkshop")

    capture(second, "p Pricing page for clinics")
    second.wait_for("✎ Captured 2")
    first.wait_for("✎ Captured 2")

    for window in (first, second):
        window.keys("C-q")
    for window in (first, second):
        window.wait_for(None, gone=True)
    texts = {c.text for c in Workspace.open(db).load("demo-kestrel").captures.values()}
    assert {"We review key results every Monday", "Pricing page for clinics"} <= texts
