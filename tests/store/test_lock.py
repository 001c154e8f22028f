"""While another process holds the workspace lock, a write waits, then fails clearly."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Put
from okrworkshop.store import Workspace, WorkspaceError
from tests.store.conftest import CYCLE_ID, Worker

THEME = Put("themes", {"id": "growth", "title": "Growth"})


def test_a_write_fails_as_busy_while_another_process_holds_the_lock(
    cycle_workspace: Workspace, db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    holder = start_worker("hold-lock", db_path)
    holder.expect("locked")
    before = db_path.read_bytes()
    impatient = Workspace(db_path, lock_timeout=0.2)

    with pytest.raises(WorkspaceError, match="is busy") as raised:
        impatient.apply(CYCLE_ID, [THEME])

    assert str(db_path) in str(raised.value)
    assert str(impatient.lock_path) in str(raised.value)
    assert db_path.read_bytes() == before
    assert [s.cycle.id for s in impatient.summaries()] == [CYCLE_ID]  # reading still works

    holder.send("release")
    holder.expect("released")
    impatient.apply(CYCLE_ID, [THEME])
    assert "growth" in Workspace.open(db_path).load(CYCLE_ID).themes


def test_a_symlink_and_its_target_share_one_lock(
    tmp_path: Path, cycle_workspace: Workspace, db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db_path)
    holder = start_worker("hold-lock", link)
    holder.expect("locked")
    before = db_path.read_bytes()

    with pytest.raises(WorkspaceError, match="is busy"):
        Workspace(db_path, lock_timeout=0.2).apply(CYCLE_ID, [THEME])

    assert db_path.read_bytes() == before


def test_a_lock_that_cannot_be_taken_is_a_clear_error(
    cycle_workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # e.g. a workspace on a read-only disk: reading works, the lock file cannot be created
    real_open = os.open

    def read_only_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    before = db_path.read_bytes()

    with pytest.raises(WorkspaceError, match="Read-only file system") as raised:
        cycle_workspace.apply(CYCLE_ID, [THEME])

    assert str(db_path) in str(raised.value)
    assert db_path.read_bytes() == before
    assert [s.cycle.id for s in cycle_workspace.summaries()] == [CYCLE_ID]
