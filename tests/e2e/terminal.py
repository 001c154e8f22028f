"""A real terminal for tests: a tmux server of our own running the installed command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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

    def start(
        self, command: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)
    ) -> None:
        options = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        # COLUMNS/LINES in the test runner's environment would pin the app to 80×24.
        shell = "env -u COLUMNS -u LINES " + " ".join(command)
        width, height = (str(n) for n in size)
        result = self.tmux(
            "new-session", "-d", "-s", "w", "-x", width, "-y", height, *options, shell
        )
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "w").stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "w").returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "w", *(["-l"] if literal else []), *keys)

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        """Poll ``condition`` (e.g. the file on disk) until it holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)  # poll interval while waiting on the condition
        raise AssertionError(f"timed out waiting for {what}")

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


def terminal_env(home: Path) -> dict[str, str]:
    """A clean environment for the app inside tmux."""
    return {
        "HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }
