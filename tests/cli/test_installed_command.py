"""The installed ``okrworkshop`` command, run for real: exit codes and the shape of stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

COMMAND = Path(sys.executable).parent / "okrworkshop"


def run(db_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    executable = str(COMMAND) if COMMAND.exists() else shutil.which("okrworkshop")
    if executable is None:
        pytest.skip("the okrworkshop command is not installed")
    return subprocess.run(
        [executable, *argv],
        env=cli_env(db_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_new_list_export_round(db_path: Path, tmp_path: Path) -> None:
    created = run(db_path, "new", "Acme 2027-Q1", "--starts", "2027-01-01")
    assert (created.returncode, created.stderr) == (0, "")
    cycle_id = created.stdout.strip()
    listed = run(db_path, "list", "--format", "json")
    assert listed.returncode == 0
    assert [row["id"] for row in json.loads(listed.stdout)] == [cycle_id]
    bundle = tmp_path / "acme.json"
    exported = run(db_path, "export", "Acme", "--format", "json", "-o", str(bundle))
    assert (exported.returncode, exported.stdout) == (0, "")
    assert json.loads(bundle.read_text(encoding="utf-8"))["cycle"]["id"] == cycle_id


def test_bad_input_is_exit_2_with_one_line(db_path: Path) -> None:
    result = run(db_path, "new", "Acme", "--starts", "2027-02-30")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "okrworkshop: error: argument --starts: '2027-02-30' is not a date like 2027-03-31 "
        "(see 'okrworkshop new --help')\n"
    )


def test_unknown_command_has_no_usage_dump(db_path: Path) -> None:
    result = run(db_path, "frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "usage:" not in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_bundle_lists_problems_on_indented_lines(db_path: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bad.json"
    bundle.write_text(
        json.dumps(
            {
                "format": "okrworkshop-bundle",
                "schema_version": 1,
                "cycle": {"id": "c1", "name": ""},
                "objectives": [{"id": "o1", "title": "x", "level": "team"}],
            }
        ),
        encoding="utf-8",
    )
    result = run(db_path, "import", str(bundle))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"okrworkshop: error: {bundle}: is not a valid bundle (2 problems); nothing was imported",
        "  cycle.name: must not be blank",
        "  objectives[0]: a team objective needs a team name",
    ]


def test_lint_exit_codes(db_path: Path, tmp_path: Path) -> None:
    assert run(db_path, "demo", "--no-open").stdout == "demo-kestrel\n"
    assert run(db_path, "lint", "Kestrel").returncode == 1
    quiet = run(db_path, "lint", "Kestrel", "--select", "objective-no-owner", "--format", "json")
    assert quiet.returncode == 0
    assert {f["rule"] for f in json.loads(quiet.stdout)} == {"objective-no-owner"}


def test_schema_prints_json(db_path: Path) -> None:
    result = run(db_path, "schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "okrworkshop bundle"
    assert not db_path.exists()
