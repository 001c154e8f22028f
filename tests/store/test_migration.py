"""Older workspace files are backed up, then migrated on open; the backup holds the old bytes."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.store import SCHEMA_VERSION, Workspace, WorkspaceError
from tests.conftest import cli_env
from tests.store.conftest import FIXTURES

V0_FILES = ["workspace-v0-empty.json", "workspace-v0-cycle.json"]


def old_workspace(tmp_path: Path, name: str) -> Path:
    """A copy of a version-0 fixture, as a user's file would be."""
    path = tmp_path / "workspace.json"
    shutil.copyfile(FIXTURES / name, path)
    return path


def file_schema_version(path: Path) -> Any:
    return json.loads(path.read_bytes())["meta"]["1"]["schema_version"]


@pytest.mark.parametrize("name", V0_FILES)
def test_a_version_0_file_is_backed_up_then_migrated(tmp_path: Path, name: str) -> None:
    path = old_workspace(tmp_path, name)
    original = path.read_bytes()
    assert "meta" not in json.loads(original)  # the fixture really is version 0

    workspace = Workspace.open(path)

    backups = workspace.backups()
    assert len(backups) == 1
    assert backups[0].parent == path.parent
    assert ".schema0-" in backups[0].name
    assert backups[0].read_bytes() == original
    assert file_schema_version(path) == SCHEMA_VERSION == 1
    Workspace.open(path).summaries()  # reads cleanly at version 1


def test_the_migrated_file_keeps_every_record(tmp_path: Path) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")

    workspace = Workspace.open(path)

    [summary] = workspace.summaries()
    assert summary.cycle.name == "Acme 2026-Q4"
    assert (summary.objectives, summary.key_results) == (1, 1)
    cycle = workspace.load("cyc-2026q4")
    assert cycle.objectives["obj-1"].title == "Customers love onboarding"
    assert cycle.key_results["kr-1"].current == 45


def test_an_empty_version_0_file_becomes_an_empty_workspace(tmp_path: Path) -> None:
    path = old_workspace(tmp_path, "workspace-v0-empty.json")

    assert Workspace.open(path).summaries() == []


def test_a_migrated_file_is_not_migrated_or_written_again(tmp_path: Path) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")
    Workspace.open(path)
    migrated = path.read_bytes()

    workspace = Workspace.open(path)

    assert len(workspace.backups()) == 1
    assert path.read_bytes() == migrated


def test_a_failed_migration_leaves_the_old_file_and_says_where_the_copy_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")
    original = path.read_bytes()

    def replace(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)

    with pytest.raises(WorkspaceError, match="could not be migrated: No space left") as raised:
        Workspace.open(path)

    assert str(path) in str(raised.value)
    assert path.read_bytes() == original
    [backup] = Workspace(path).backups()
    assert str(backup) in str(raised.value)
    assert backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.glob(".*.tmp")) == []


def test_no_migration_without_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")
    original = path.read_bytes()

    def copy2(src: Any, dst: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copy2", copy2)

    with pytest.raises(WorkspaceError, match="could not be backed up") as raised:
        Workspace.open(path)

    assert str(path) in str(raised.value)
    assert path.read_bytes() == original


def test_another_apps_tinydb_file_is_not_migrated(tmp_path: Path) -> None:
    # Plain TinyDB keeps its documents in "_default"; okrworkshop never writes there.
    path = tmp_path / "notes.json"
    path.write_bytes(b'{"_default": {"1": {"text": "buy milk"}}}')
    before = path.read_bytes()

    with pytest.raises(WorkspaceError, match="does not look like an okrworkshop workspace"):
        Workspace.open(path)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.json"]


def test_the_command_migrates_and_lists_an_old_workspace(tmp_path: Path) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")

    result = subprocess.run(
        ["okrworkshop", "list", "--format", "json"],
        capture_output=True,
        text=True,
        env=cli_env(path),
        check=True,
    )

    assert [cycle["name"] for cycle in json.loads(result.stdout)] == ["Acme 2026-Q4"]
    assert file_schema_version(path) == 1
    assert len(Workspace(path).backups()) == 1


def test_two_commands_opening_an_old_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = old_workspace(tmp_path, "workspace-v0-cycle.json")
    command = ["okrworkshop", "list", "--format", "json"]

    first = subprocess.Popen(command, stdout=subprocess.PIPE, env=cli_env(path))
    second = subprocess.Popen(command, stdout=subprocess.PIPE, env=cli_env(path))
    outputs = [process.communicate()[0] for process in (first, second)]

    assert [process.returncode for process in (first, second)] == [0, 0]
    assert all(json.loads(output)[0]["id"] == "cyc-2026q4" for output in outputs)
    assert len(Workspace(path).backups()) == 1
    assert file_schema_version(path) == 1
