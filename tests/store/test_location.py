"""Where the workspace lives: ``--db``, then ``OKRWORKSHOP_DB``, then the user data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from platformdirs import user_data_path

from okrworkshop.store import Workspace, default_workspace_path, resolve_workspace_path


def okrworkshop(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the installed command; its stdout."""
    result = subprocess.run(
        ["okrworkshop", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def cycle_names(path: Path) -> list[str]:
    return [summary.cycle.name for summary in Workspace.open(path).summaries()]


def test_by_default_the_workspace_is_in_the_user_data_folder() -> None:
    expected = user_data_path("okrworkshop", appauthor=False) / "workspace.json"
    assert "OKRWORKSHOP_DB" not in os.environ
    assert Path(os.environ["HOME"]) in expected.parents  # the test's home, not the real one
    if sys.platform.startswith("linux"):
        assert expected == Path(os.environ["XDG_DATA_HOME"]) / "okrworkshop" / "workspace.json"
    assert not expected.parent.exists()  # as on a fresh machine

    cycle_id = okrworkshop("new", "Acme 2027-Q1").strip()

    assert default_workspace_path() == expected
    assert cycle_names(expected) == ["Acme 2027-Q1"]
    listed = json.loads(okrworkshop("list", "--format", "json"))
    assert [cycle["id"] for cycle in listed] == [cycle_id]


def test_the_environment_variable_names_the_workspace(tmp_path: Path) -> None:
    chosen = tmp_path / "team" / "okr.json"

    okrworkshop("new", "Acme 2027-Q1", env={**os.environ, "OKRWORKSHOP_DB": str(chosen)})

    assert cycle_names(chosen) == ["Acme 2027-Q1"]
    assert not default_workspace_path().exists()


@pytest.mark.parametrize("where", ["before the command", "after the command"])
def test_db_beats_the_environment_variable(tmp_path: Path, where: str) -> None:
    from_env, from_option = tmp_path / "env.json", tmp_path / "option.json"
    env = {**os.environ, "OKRWORKSHOP_DB": str(from_env)}
    if where == "before the command":
        okrworkshop("--db", str(from_option), "new", "Acme 2027-Q1", env=env)
    else:
        okrworkshop("new", "Acme 2027-Q1", "--db", str(from_option), env=env)

    assert cycle_names(from_option) == ["Acme 2027-Q1"]
    assert not from_env.exists()
    assert not default_workspace_path().exists()


def test_a_tilde_in_the_environment_variable_means_home() -> None:
    # e.g. OKRWORKSHOP_DB set in a config file, where no shell expands "~"
    okrworkshop("new", "Acme 2027-Q1", env={**os.environ, "OKRWORKSHOP_DB": "~/okr/ws.json"})

    assert cycle_names(Path(os.environ["HOME"]) / "okr" / "ws.json") == ["Acme 2027-Q1"]


def test_the_precedence_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_workspace_path() == default_workspace_path()
    assert resolve_workspace_path("") == default_workspace_path()
    monkeypatch.setenv("OKRWORKSHOP_DB", str(tmp_path / "env.json"))
    assert resolve_workspace_path() == tmp_path / "env.json"
    assert resolve_workspace_path(tmp_path / "cli.json") == tmp_path / "cli.json"
    monkeypatch.setenv("OKRWORKSHOP_DB", "")
    assert resolve_workspace_path() == default_workspace_path()
