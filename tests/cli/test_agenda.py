"""``okrworkshop agenda``: check a custom agenda before the session, list the agendas folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli

GOOD = """
name = "Team planning"
kind = "planning"

[[stages]]
title = "Opening"
minutes = 5

[[stages]]
title = "Vote on candidates"
minutes = 10
activity = "brainstorm"
"""


def test_a_good_agenda_prints_its_stages(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = cli.ok("agenda", str(path))
    assert result.out.splitlines() == [
        "Team planning: 2 stages, 15 min, for planning sessions",
        "     5 min  Opening  (overview, key opening)",
        "    10 min  Vote on candidates  (brainstorm, key vote-on-candidates)",
    ]


def test_a_bad_agenda_names_every_problem_and_exits_2(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[stages]]\ntitle = "Opening"\nminutes = "10m"\n', encoding="utf-8")
    result = cli.fails("agenda", str(path))
    assert result.err_lines == [
        f"okrworkshop: error: {path}: not a usable agenda",
        "  stage 1 (Opening): minutes must be a whole number from 0 to 1440, not '10m'",
    ]
    missing = cli.fails("agenda", str(tmp_path / "nope.toml"))
    assert missing.err_lines[1] == "  does not exist"


def test_without_a_file_it_lists_the_agendas_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRWORKSHOP_AGENDAS", str(tmp_path))
    assert "No agendas in" in cli.ok("agenda").out
    (tmp_path / "team.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("stages = 3", encoding="utf-8")
    assert cli.ok("agenda").out.splitlines() == [
        f"Agendas in {tmp_path}:",
        "  broken.toml: has problems: stages must be one or more [[stages]] tables",
        "  team.toml: Team planning (2 stages, 15 min)",
    ]
