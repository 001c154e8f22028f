"""Export from the installed app in a real terminal (tmux): keys only, the file on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import COMMAND, Terminal, terminal_env

pytestmark = pytest.mark.e2e


def test_export_the_retro_minutes_with_the_keyboard(terminal: Terminal, tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    target = tmp_path / "wiki" / "retro.md"
    target.parent.mkdir()
    terminal.start([str(COMMAND), "--db", str(db), "demo"], terminal_env(tmp_path))
    terminal.wait_for("Score key results")

    terminal.keys("e")
    terminal.wait_for("Minutes of Quarterly review retro")
    terminal.keys("Tab", "Tab")  # format, what, then the file (the template row is hidden)
    terminal.wait_for("Write to: the file to write")
    terminal.keys("C-u")
    # ctrl+u runs as an action; typing before it has run would be wiped with the old path.
    terminal.wait_until(lambda: "Write to /" not in terminal.screen(), "the file field cleared")
    terminal.keys(str(target), literal=True)
    terminal.keys("C-s")
    screen = terminal.wait_for("Wrote")
    assert "retro.md" in screen
    assert target.exists()
    minutes = target.read_text(encoding="utf-8")
    assert minutes.startswith("# Quarterly review retro — Kestrel Labs")
    assert "## Retro: OKR retro" in minutes
    terminal.keys("C-q")
    terminal.wait_for(None, gone=True)
