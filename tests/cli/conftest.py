"""Run the command in-process against a test workspace, on a fixed day."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.cli.main import main

# ``okrworkshop.cli.main`` the attribute is the function; this is the module
cli_main_module = sys.modules["okrworkshop.cli.main"]

FIXED_TODAY = date(2026, 11, 24)


class FixedDate(date):
    """``date`` whose today() is the tests' fixed day (the demo and new cycles depend on it)."""

    @classmethod
    def today(cls) -> FixedDate:
        return cls(FIXED_TODAY.year, FIXED_TODAY.month, FIXED_TODAY.day)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


class Cli:
    """``cli("list", "--format", "json")`` runs one command and captures what it printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
        self.capsys = capsys
        self.db_path = db_path

    def __call__(self, *argv: str) -> Result:
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *argv: str) -> Result:
        result = self(*argv)
        assert result.code == 0, result.err
        return result

    def fails(self, *argv: str, code: int = 2) -> Result:
        """A refused command: exit code 2, nothing on stdout, one error line first."""
        result = self(*argv)
        assert result.code == code, (result.code, result.out, result.err)
        assert result.err.startswith("okrworkshop: error: ")
        assert result.out == ""
        return result


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("OKRWORKSHOP_DB", str(db_path))
    monkeypatch.setattr(cli_main_module, "date", FixedDate)

    def no_app(*args: Any, **kwargs: Any) -> int:
        raise AssertionError("the command tried to open the TUI")

    monkeypatch.setattr(cli_main_module, "_run_app", no_app)
    return Cli(capsys, db_path)
