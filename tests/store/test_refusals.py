"""Files that are not a workspace we can read are refused, named, explained and left untouched."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Put
from okrworkshop.store import Workspace, WorkspaceError
from tests.conftest import cli_env
from tests.store.conftest import CYCLE_ID

META = {"1": {"app": "okrworkshop", "schema_version": 1}}
CYCLE = {"id": "cyc-1", "name": "Acme 2027-Q1"}


def _json(tables: dict[str, Any]) -> bytes:
    return json.dumps(tables).encode()


def _with_meta(**tables: Any) -> bytes:
    return _json({"meta": META, **tables})


# Each case: what the file holds (given the bytes of a real workspace) and words of the message.
BadFile = Callable[[bytes], bytes]
CASES: dict[str, tuple[BadFile, str]] = {
    "empty": (lambda real: b"", "is empty"),
    "blank": (lambda real: b" \n\t\n", "is empty"),
    "truncated": (lambda real: real[: len(real) // 2], "is not valid JSON"),
    "cut-at-the-last-byte": (lambda real: real[:-1], "is not valid JSON"),
    "garbage-bytes": (lambda real: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8"),
    "garbage-text": (lambda real: b"milk, eggs, bread\n", "is not valid JSON"),
    "latin-1": (
        lambda real: '{"_default": {"1": {"note": "café"}}}'.encode("latin-1"),
        "is not UTF-8",
    ),
    "utf-8-bom": (lambda real: b"\xef\xbb\xbf" + real, "is not valid JSON"),
    "a-list": (lambda real: b"[1, 2, 3]", "expected a JSON object of tables at the top"),
    "a-string": (lambda real: b'"workspace"', "found a string"),
    "null": (lambda real: b"null", "found null"),
    "table-not-an-object": (
        lambda real: _with_meta(cycles=[CYCLE]),
        "table 'cycles' should be an object, found a list",
    ),
    "document-not-an-object": (
        lambda real: _with_meta(cycles={"1": "Acme"}),
        "table 'cycles' document 1 should be an object, found a string",
    ),
    "document-key-not-a-number": (
        lambda real: _with_meta(cycles={"first": CYCLE}),
        "document key 'first', not a number",
    ),
    "document-key-a-superscript-digit": (
        lambda real: _with_meta(cycles={"²": CYCLE}),
        "document key '²', not a number",
    ),
    "record-id-not-a-string": (
        lambda real: _with_meta(cycles={"1": {**CYCLE, "id": 7}}),
        "table 'cycles' document 1 has no string id",
    ),
    "record-without-an-id": (
        lambda real: _with_meta(themes={"1": {"title": "Growth", "cycle_id": "cyc-1"}}),
        "table 'themes' document 1 has no string id",
    ),
    "record-without-a-cycle": (
        lambda real: _with_meta(cycles={"1": CYCLE}, objectives={"1": {"id": "o", "title": "x"}}),
        "table 'objectives' document 1 has no cycle_id",
    ),
    "another-apps-tinydb-file": (
        lambda real: _json({"_default": {}, "users": {"1": {"name": "Bob"}}}),
        "does not look like an okrworkshop workspace (it has the tables users)",
    ),
    "newer-schema-version": (
        lambda real: _json({"meta": {"1": {"app": "okrworkshop", "schema_version": 2}}}),
        "was written by a newer okrworkshop (schema version 2",
    ),
    "schema-version-not-a-number": (
        lambda real: _json({"meta": {"1": {"app": "okrworkshop", "schema_version": "1"}}}),
        "its schema version is '1'",
    ),
    "meta-without-document-1": (
        lambda real: _json({"meta": {"2": META["1"]}}),
        "its meta table has no document 1",
    ),
    "nan": (
        lambda real: _with_meta(cycles={"1": CYCLE}).replace(b'"Acme 2027-Q1"', b"NaN"),
        "NaN is not a number JSON allows",
    ),
    "infinity": (
        lambda real: _with_meta(cycles={"1": CYCLE}).replace(b'"Acme 2027-Q1"', b"-Infinity"),
        "-Infinity is not a number JSON allows",
    ),
    "nested-too-deep": (lambda real: b"[" * 100_000 + b"]" * 100_000, "is not a workspace"),
}


@pytest.fixture
def real_bytes(demo_workspace: Workspace) -> bytes:
    """The bytes of a real workspace holding the demo cycle."""
    return demo_workspace.path.read_bytes()


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file of the folder with its bytes: a refusal must change none and add none."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("case", CASES)
def test_opening_a_bad_file_is_refused_and_changes_nothing(
    tmp_path: Path, real_bytes: bytes, case: str
) -> None:
    bad_file, problem = CASES[case]
    path = tmp_path / "bad" / "workspace.json"
    path.parent.mkdir()
    path.write_bytes(bad_file(real_bytes))
    before = folder_state(path.parent)

    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(path)

    message = str(raised.value)
    assert str(path) in message
    assert problem in message
    assert "left untouched" in message or "upgrade okrworkshop" in message
    assert folder_state(path.parent) == before


@pytest.mark.parametrize("case", ["empty", "truncated", "garbage-bytes", "newer-schema-version"])
def test_a_file_damaged_while_open_is_not_written_over(
    cycle_workspace: Workspace, db_path: Path, real_bytes: bytes, case: str
) -> None:
    bad_file, problem = CASES[case]
    db_path.write_bytes(bad_file(real_bytes))
    before = folder_state(db_path.parent)

    with pytest.raises(WorkspaceError, match=re.escape(problem)):
        cycle_workspace.apply(CYCLE_ID, [Put("themes", {"id": "t1", "title": "Growth"})])
    with pytest.raises(WorkspaceError, match=re.escape(problem)):
        cycle_workspace.summaries()

    assert folder_state(db_path.parent) == before


def test_the_message_points_at_the_newest_backup(tmp_path: Path, real_bytes: bytes) -> None:
    workspace = Workspace.open(tmp_path / "workspace.json")
    backup = workspace.backup("before-import")
    workspace.path.write_bytes(real_bytes[:100])

    with pytest.raises(WorkspaceError, match="the newest backup is") as raised:
        Workspace.open(workspace.path)

    assert str(backup) in str(raised.value)


INVALID_RECORDS: dict[str, tuple[str, dict[str, Any], str]] = {
    "cycle-without-a-name": ("cycles", {"id": "cyc-1"}, "the cycles record 'cyc-1'"),
    "key-result-target-overflows": (
        "key_results",
        {"id": "kr-1", "title": "Revenue", "objective_id": "o", "target": 1e999},
        "must be a finite number",
    ),
    "objective-level-unknown": (
        "objectives",
        {"id": "obj-1", "title": "Grow", "level": "galaxy"},
        "the objectives record 'obj-1' is not valid",
    ),
}


def _file_with_record(table: str, record: dict[str, Any]) -> bytes:
    tables: dict[str, Any] = {"meta": META, "cycles": {"1": CYCLE}}
    if table == "cycles":
        tables["cycles"] = {"1": record}
    else:
        tables[table] = {"1": {**record, "cycle_id": "cyc-1"}}
    # json.dumps writes 1e999 as Infinity; a file can only hold it as a big literal.
    return json.dumps(tables).replace("Infinity", "1e999").encode()


@pytest.mark.parametrize("case", INVALID_RECORDS)
def test_a_record_the_model_refuses_is_reported_not_dropped(db_path: Path, case: str) -> None:
    table, record, problem = INVALID_RECORDS[case]
    db_path.write_bytes(_file_with_record(table, record))
    before = db_path.read_bytes()

    with pytest.raises(WorkspaceError) as raised:
        workspace = Workspace.open(db_path)
        workspace.summaries()
        workspace.load("cyc-1")

    assert str(db_path) in str(raised.value)
    assert problem in str(raised.value)
    assert db_path.read_bytes() == before


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "workspace.json"
    path.mkdir()

    with pytest.raises(WorkspaceError, match="cannot be read") as raised:
        Workspace.open(path)

    assert str(path) in str(raised.value)
    assert path.is_dir()
    assert list(path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_refused(db_path: Path, real_bytes: bytes) -> None:
    db_path.write_bytes(real_bytes)
    db_path.chmod(0o000)
    try:
        with pytest.raises(WorkspaceError, match="cannot be read: Permission denied") as raised:
            Workspace.open(db_path)
        assert str(db_path) in str(raised.value)
    finally:
        db_path.chmod(0o600)
    assert db_path.read_bytes() == real_bytes


def test_a_permission_error_is_refused_even_as_root(
    db_path: Path, real_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same refusal as above, simulated so that it also runs where tests run as root.
    db_path.write_bytes(real_bytes)
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == db_path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    with pytest.raises(WorkspaceError, match="cannot be read: Permission denied") as raised:
        Workspace.open(db_path)

    assert str(db_path) in str(raised.value)
    monkeypatch.undo()
    assert db_path.read_bytes() == real_bytes


CLI_CASES = [
    "empty",
    "truncated",
    "garbage-bytes",
    "another-apps-tinydb-file",
    "newer-schema-version",
    "nan",
]


@pytest.mark.parametrize("case", CLI_CASES)
def test_the_command_refuses_a_bad_file_in_one_line(
    tmp_path: Path, real_bytes: bytes, case: str
) -> None:
    bad_file, problem = CASES[case]
    path = tmp_path / "bad.json"
    path.write_bytes(bad_file(real_bytes))
    before = folder_state(tmp_path)

    result = subprocess.run(
        ["okrworkshop", "--db", str(path), "list", "--format", "json"],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "not-this-one.json"),
        check=False,
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"okrworkshop: error: workspace {path}: ")
    assert problem in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert folder_state(tmp_path) == before


def test_the_command_refuses_an_invalid_record_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "workspace.json"
    path.write_bytes(_file_with_record("cycles", {"id": "cyc-1"}))
    before = path.read_bytes()

    result = subprocess.run(
        ["okrworkshop", "list"], capture_output=True, text=True, env=cli_env(path), check=False
    )

    assert result.returncode == 2
    assert result.stderr.startswith(f"okrworkshop: error: workspace {path}: the cycles record")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_a_workspace_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    path = tmp_path / "notes.txt" / "workspace.json"

    result = subprocess.run(
        ["okrworkshop", "--db", str(path), "new", "Acme 2027-Q1"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr.startswith(f"okrworkshop: error: workspace {path}: cannot be created")
    assert len(result.stderr.splitlines()) == 1
    assert (tmp_path / "notes.txt").read_text() == "not a folder"
