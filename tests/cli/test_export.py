"""okrworkshop export: Markdown, JSON and CSV to stdout or a file; clear refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from exports.bundle_json import export_json
from exports.csv_export import export_csv
from okrworkshop.store import Workspace
from tests.cli.conftest import Cli


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


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
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
    assert "| **Total** | **120 min** | **132.0 min** |" in out
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


def test_session_needs_markdown(with_demo: Cli) -> None:
    result = with_demo.fails("export", "Kestrel", "--format", "csv", "--session", "ses-retro")
    assert result.err_lines == ["okrworkshop: error: --session works with --format markdown"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "HTML export is not available in this version yet; use markdown"),
        (["--template", "mine.md.j2"], "--template is not supported by this version yet"),
    ],
)
def test_unimplemented_options_say_so(with_demo: Cli, args: list[str], message: str) -> None:
    result = with_demo.fails("export", "Kestrel", *args)
    assert result.err_lines == [f"okrworkshop: error: {message}"]


def test_unknown_format(with_demo: Cli) -> None:
    result = with_demo.fails("export", "Kestrel", "--format", "pdf")
    assert result.err_lines == [
        "okrworkshop: error: argument --format: invalid choice: 'pdf' (choose from 'markdown', "
        "'html', 'json', 'csv') (see 'okrworkshop export --help')"
    ]
