"""Every command, given any arguments, answers with an exit code and at most a clear message."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.bundle_json import export_json
from okrworkshop.cli import main
from okrworkshop.demo import build_demo
from okrworkshop.store import Workspace
from tests.conftest import TODAY

# ``okrworkshop.cli.main`` the attribute is the function; the module is in sys.modules.
cli_main = importlib.import_module("okrworkshop.cli.main")

COMMANDS = ["new", "list", "open", "export", "import", "lint", "schema", "demo", "bogus", ""]
OPTIONS = [
    "--format",
    "--starts",
    "--ends",
    "--session",
    "--team",
    "--template",
    "-o",
    "--replace",
    "--into",
    "--select",
    "--ignore",
    "--db",
    "--no-open",
    "--help",
    "--version",
    "-x",
]
VALUES = st.one_of(
    st.sampled_from(
        [
            "json",
            "markdown",
            "csv",
            "html",
            "text",
            "demo",
            "kestrel",
            "demo-kestrel",
            "2027-01-01",
            "2027-02-30",
            "2027-13-01",
            "0000-00-00",
            "9999-12-31",
            "-1",
            "objective-output-verb",
            "no-such-rule,other",
            "ses-retro",
            "",
            " ",
            "\u202e",
            "🎯",
            "x" * 5000,
            "../../etc/passwd",
            "/dev/null",
            "-",
            "NaN",
            "inf",
        ]
    ),
    st.text(max_size=20).filter(lambda s: "\x00" not in s),
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def hostile_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    db = tmp_path / "w.json"
    workspace = Workspace.open(db)
    workspace.add_cycle(build_demo(TODAY))
    bundle = tmp_path / "bundle.json"
    bundle.write_text(export_json(build_demo(TODAY)).replace("demo-kestrel", "other-cycle"))
    monkeypatch.setenv("OKRWORKSHOP_DB", str(db))
    monkeypatch.chdir(tmp_path)

    def no_app(*args: Any, **kwargs: Any) -> int:
        return 0  # the TUI itself is tested elsewhere; here only the argument handling

    monkeypatch.setattr(cli_main, "_run_app", no_app)
    return db, bundle


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(COMMANDS),
    rest=st.lists(st.one_of(st.sampled_from(OPTIONS), VALUES), max_size=6),
)
def test_any_arguments_get_an_exit_code_never_a_traceback(
    hostile_env: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    command: str,
    rest: list[str],
) -> None:
    db, bundle = hostile_env
    argv = ([command] if command else []) + [str(bundle) if v == "BUNDLE" else v for v in rest]
    before = _digest(db)
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 1, 2), argv
    if code == 2:
        lines = err.splitlines()
        assert lines and lines[0].startswith("okrworkshop: error: "), (argv, err)
        assert all(line.startswith("  ") for line in lines[1:]), "details are indented lines"
        assert _digest(db) == before, f"a refused command changed the workspace: {argv}"
    assert "Traceback" not in err


def test_exporting_to_a_device_writes_into_it_and_never_replaces_it(
    hostile_env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path("/dev/null").stat()
    assert main(["export", "demo", "--format", "json", "-o", "/dev/null"]) == 0
    after = Path("/dev/null").stat()
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )


def test_error_messages_show_control_characters_as_escapes(
    hostile_env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["open", "\x1b[31mred\x07"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b[31mred\\x07" in err


LONG_NAME = "x" * 3000  # longer than any file name the system can look up


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lint", LONG_NAME], "no cycle matches"),
        (["--db", LONG_NAME, "list"], "cannot be opened: File name too long"),
        (["export", "demo-kestrel", "-o", LONG_NAME], "cannot write: File name too long"),
    ],
)
def test_a_name_too_long_for_any_file_is_a_clear_error(
    hostile_env: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    db, _ = hostile_env
    before = _digest(db)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("okrworkshop: error: ") and message in err
    assert "Traceback" not in err
    assert _digest(db) == before
