"""okrworkshop export: Markdown, JSON and CSV to stdout or a file; clear refusals."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from exports.bundle_json import export_json
from exports.csv_export import export_csv
from exports.formats import export_text
from okrworkshop.store import Workspace
from tests.cli.conftest import FIXED_TODAY, Cli


@pytest.fixture
def with_demo(cli: Cli) -> Cli:
    cli.ok("demo", "--no-open")
    return cli


def test_markdown_is_the_default(with_demo: Cli) -> None:
    result = with_demo.ok("export", "demo-kestrel")
    assert result.out.startswith("# Kestrel Labs 2026-Q4\n")
    assert "## Objectives and key results" in result.out
    assert result.err == ""
    assert with_demo.ok("export", "Kestrel", "--format", "markdown").out == result.out


def test_json_to_stdout_is_the_stored_cycle(with_demo: Cli, db_path: Path) -> None:
    out = with_demo.ok("export", "Kestrel", "--format", "json").out
    assert out == export_json(Workspace.open(db_path).load("demo-kestrel"))
    assert json.loads(out)["format"] == "okrworkshop-bundle"


def test_csv_to_stdout(with_demo: Cli, db_path: Path) -> None:
    out = with_demo.ok("export", "Kestrel", "--format", "csv").out
    assert out == export_csv(Workspace.open(db_path).load("demo-kestrel"))
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0][:2] == ["objective_id", "objective"]
    assert len(rows) == 1 + 27


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv"])
def test_output_file_holds_exactly_what_stdout_shows(
    with_demo: Cli, tmp_path: Path, fmt: str
) -> None:
    expected = with_demo.ok("export", "Kestrel", "--format", fmt).out
    target = tmp_path / "out" / f"summary.{fmt}"
    target.parent.mkdir()
    result = with_demo.ok("export", "Kestrel", "--format", fmt, "-o", str(target))
    assert result.out == ""
    assert result.err == f"wrote {target}\n"
    assert target.read_bytes() == expected.encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp files left


def test_output_replaces_an_existing_file(with_demo: Cli, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old summary\n", encoding="utf-8")
    with_demo.ok("export", "Kestrel", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("# Kestrel Labs 2026-Q4")


def test_dash_means_stdout(with_demo: Cli, tmp_path: Path) -> None:
    result = with_demo.ok("export", "Kestrel", "--format", "csv", "-o", "-")
    assert result.out.startswith("objective_id,")


def test_missing_folder_is_a_clear_error(with_demo: Cli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "summary.md"
    result = with_demo.fails("export", "Kestrel", "-o", str(target))
    assert result.err_lines == [
        f"okrworkshop: error: -o {target}: the folder {target.parent} does not exist"
    ]
    assert not target.parent.exists()


def test_output_to_a_folder_is_refused(with_demo: Cli, tmp_path: Path) -> None:
    result = with_demo.fails("export", "Kestrel", "-o", str(tmp_path))
    assert result.err_lines == [f"okrworkshop: error: -o {tmp_path}: is a folder; give a file name"]


def test_refused_export_leaves_the_output_file_alone(with_demo: Cli, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("keep me\n", encoding="utf-8")
    with_demo.fails("export", "Kestrel", "--session", "nope", "-o", str(target))
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_session_minutes(with_demo: Cli) -> None:
    out = with_demo.ok("export", "Kestrel", "--session", "ses-planning").out
    assert out.startswith("# Planning session — Kestrel Labs 2026-Q4\n")
    assert "| **Total** | **120 min** | **132 min** | **+12 min** |" in out
    assert "## Decisions" in out
    assert "## Parking lot" in out
    assert "| Share the final OKRs on the wiki | Sam Whitfield | 2026-10-03 | done |" in out


def test_unknown_session_lists_the_sessions(with_demo: Cli) -> None:
    result = with_demo.fails("export", "Kestrel", "--session", "ses-nope")
    assert result.err_lines == [
        "okrworkshop: error: cycle 'Kestrel Labs 2026-Q4' has no session 'ses-nope'; sessions: "
        "ses-planning (Planning session), ses-check-in (Weekly check-in), "
        "ses-retro (Quarterly review retro)"
    ]


def test_session_of_a_cycle_without_sessions(cli: Cli) -> None:
    cli.ok("new", "Acme")
    result = cli.fails("export", "Acme", "--session", "ses-1")
    assert result.err_lines == [
        "okrworkshop: error: cycle 'Acme' has no session 'ses-1'; sessions: none"
    ]


def test_session_needs_markdown_or_html(with_demo: Cli) -> None:
    result = with_demo.fails("export", "Kestrel", "--format", "csv", "--session", "ses-retro")
    assert result.err_lines == [
        "okrworkshop: error: --session works with --format markdown or html"
    ]


def test_html_page(with_demo: Cli, db_path: Path) -> None:
    out = with_demo.ok("export", "Kestrel", "--format", "html").out
    data = Workspace.open(db_path).load("demo-kestrel")
    assert out == export_text(data, "html", today=FIXED_TODAY)
    assert out.startswith("<!DOCTYPE html>")
    assert "<h1>Kestrel Labs 2026-Q4</h1>" in out


def test_html_minutes(with_demo: Cli) -> None:
    out = with_demo.ok("export", "Kestrel", "--format", "html", "--session", "ses-retro").out
    assert "<h1>Quarterly review retro</h1>" in out
    assert "<h2>Scores</h2>" in out


def test_unknown_format(with_demo: Cli) -> None:
    result = with_demo.fails("export", "Kestrel", "--format", "pdf")
    assert result.err_lines == [
        "okrworkshop: error: argument --format: invalid choice: 'pdf' (choose from 'markdown', "
        "'html', 'json', 'csv') (see 'okrworkshop export --help')"
    ]


def test_a_new_export_is_readable_as_files_usually_are(with_demo: Cli, tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "summary.md"
        with_demo.ok("export", "Kestrel", "-o", str(target))
        assert target.stat().st_mode & 0o777 == 0o644
        # A file that is there already keeps its permissions.
        target.chmod(0o600)
        with_demo.ok("export", "Kestrel", "-o", str(target))
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_mask)
