"""The installed ``okrworkshop`` command in a real terminal (tmux): type, quit, check the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrworkshop.store import Workspace

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).parent / "okrworkshop"


class Terminal:
    """A tmux server of our own with one 120×40 window running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def start(self, command: list[str], env: dict[str, str]) -> None:
        options = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        # COLUMNS/LINES in the test runner's environment would pin the app to 80×24.
        shell = "env -u COLUMNS -u LINES " + " ".join(command)
        result = self.tmux("new-session", "-d", "-s", "w", "-x", "120", "-y", "40", *options, shell)
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "w").stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "w").returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "w", *(["-l"] if literal else []), *keys)

    def wait_for(self, condition: str | None, *, gone: bool = False, timeout: float = 30.0) -> str:
        """Poll the screen until ``condition`` shows (or the program ends, with gone=True)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            if gone and not self.alive():
                return screen
            screen = self.screen()
            if condition is not None and condition in screen:
                return screen
            time.sleep(0.05)  # poll interval while waiting on the screen's content
        what = "the program to end" if gone else repr(condition)
        raise AssertionError(f"timed out waiting for {what}; the screen showed:\n{screen}")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    term = Terminal(f"okrw-{uuid.uuid4().hex[:8]}")
    yield term
    term.tmux("kill-server")


def test_demo_in_a_real_terminal_saves_what_was_typed(terminal: Terminal, tmp_path: Path) -> None:
    assert COMMAND.exists(), f"the okrworkshop command is not installed at {COMMAND}"
    db = tmp_path / "w.json"
    env = {
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }
    terminal.start([str(COMMAND), "--db", str(db), "demo"], env)
    screen = terminal.wait_for("Score key results")
    assert "Kestrel Labs" in screen

    # Start a planning session and go to the drafting stage.
    terminal.keys("n")
    terminal.wait_for("Start which session?")
    terminal.keys("p")
    terminal.wait_for("Start a planning session")
    terminal.keys("C-s")
    terminal.wait_for("› Opening and context")
    terminal.keys("]", "]")
    terminal.wait_for("› Draft objectives")

    # Add an objective by typing; a team objective needs its team.
    terminal.keys("o")
    terminal.wait_for("New objective")
    terminal.keys("Patients book without calling us", literal=True)
    terminal.keys("C-s")
    terminal.wait_for("needs a team name")
    terminal.keys("Tab", "Tab")
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
