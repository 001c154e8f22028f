"""Every action is one atomic write: the file holds the old or the new state, never a mix."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Delete, Put, Update
from okrworkshop.store import CycleNotFoundError, Workspace, WorkspaceError
from tests.store.conftest import CYCLE_ID, temp_files

NEW_OBJECTIVE = Put("objectives", {"id": "obj-new", "title": "Ship v2", "level": "company"})
NEW_KEY_RESULT = Put(
    "key_results", {"id": "kr-new", "title": "10 pilots", "objective_id": "obj-new"}
)


def records(path: Path, table: str) -> dict[str, dict[str, Any]]:
    """A table of the file as plain JSON, by record id."""
    raw = json.loads(path.read_bytes())
    return {doc["id"]: doc for doc in raw.get(table, {}).values()}


def count_replaces(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every ``os.replace`` (each one is a write of the workspace)."""
    calls: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_an_action_is_one_write_that_holds_every_change(
    cycle_workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = count_replaces(monkeypatch)

    cycle_workspace.apply(
        CYCLE_ID,
        [
            NEW_OBJECTIVE,
            NEW_KEY_RESULT,
            Update("objectives", "shared", {"owner": "Dana"}),
            Update("cycles", CYCLE_ID, {"description": "Focus on onboarding"}),
        ],
    )

    assert writes == [str(db_path)]
    objectives = records(db_path, "objectives")
    assert objectives["obj-new"]["title"] == "Ship v2"
    assert objectives["obj-new"]["cycle_id"] == CYCLE_ID
    assert objectives["shared"]["owner"] == "Dana"
    assert records(db_path, "key_results")["kr-new"]["objective_id"] == "obj-new"
    reopened = Workspace.open(db_path).load(CYCLE_ID)
    assert reopened.cycle.description == "Focus on onboarding"
    assert set(reopened.objectives) == {"shared", "obj-new"}
    assert temp_files(db_path.parent) == []


def test_a_delete_is_on_disk_after_apply(cycle_workspace: Workspace, db_path: Path) -> None:
    cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])
    cycle_workspace.apply(CYCLE_ID, [Delete("objectives", "shared")])

    assert set(records(db_path, "objectives")) == {"obj-new"}


def test_the_files_permissions_are_kept(cycle_workspace: Workspace, db_path: Path) -> None:
    db_path.chmod(0o640)

    cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])

    assert stat.S_IMODE(db_path.stat().st_mode) == 0o640
    assert "obj-new" in records(db_path, "objectives")


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _fail_temp_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize(
    "break_disk",
    [_fail_replace, _fail_fsync, _fail_temp_file],
    ids=["replace", "fsync", "temp-file"],
)
def test_a_full_disk_leaves_the_file_as_it_was(
    cycle_workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch, break_disk: Any
) -> None:
    before = db_path.read_bytes()
    break_disk(monkeypatch)

    with pytest.raises(WorkspaceError) as raised:
        cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])

    message = str(raised.value)
    assert str(db_path) in message
    assert "No space left on device" in message
    assert "not changed" in message
    assert db_path.read_bytes() == before
    assert temp_files(db_path.parent) == []

    monkeypatch.undo()  # space was freed: the same workspace saves again
    cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])
    assert "obj-new" in records(db_path, "objectives")


def test_an_action_that_fails_half_way_writes_nothing(
    cycle_workspace: Workspace, db_path: Path
) -> None:
    before = db_path.read_bytes()
    broken = Put("objectives", {"title": "a record without an id"})

    with pytest.raises(KeyError):
        cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE, broken])

    assert db_path.read_bytes() == before


def test_an_action_on_a_cycle_deleted_elsewhere_writes_nothing(
    cycle_workspace: Workspace, db_path: Path
) -> None:
    Workspace.open(db_path).delete_cycle(CYCLE_ID)
    before = db_path.read_bytes()

    with pytest.raises(CycleNotFoundError, match="no longer in the workspace"):
        cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])

    assert db_path.read_bytes() == before


def test_a_workspace_reached_through_a_symlink_stays_a_symlink(
    tmp_path: Path, cycle_workspace: Workspace, db_path: Path
) -> None:
    # e.g. a workspace kept in a synced folder and linked from the data folder
    link = tmp_path / "elsewhere" / "linked.json"
    link.parent.mkdir()
    link.symlink_to(db_path)

    Workspace.open(link).apply(CYCLE_ID, [NEW_OBJECTIVE])

    assert link.is_symlink()
    assert "obj-new" in records(db_path, "objectives")
    assert temp_files(link.parent) == []


def test_tables_this_version_does_not_know_are_kept(
    cycle_workspace: Workspace, db_path: Path
) -> None:
    # e.g. written by a later okrworkshop of the same schema version: never dropped on save
    raw = json.loads(db_path.read_bytes())
    raw["notes"] = {"1": {"id": "n1", "text": "kept"}}
    db_path.write_text(json.dumps(raw))

    cycle_workspace.apply(CYCLE_ID, [NEW_OBJECTIVE])

    assert records(db_path, "notes") == {"n1": {"id": "n1", "text": "kept"}}
    assert "obj-new" in records(db_path, "objectives")
