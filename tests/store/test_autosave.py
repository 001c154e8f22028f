"""The app's background writer: everything handed over reaches the disk, even after a failure."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Cycle, CycleData, Op, Put, Update
from okrworkshop.model.history import History
from okrworkshop.store import Workspace, WorkspaceError
from okrworkshop.store.autosave import AutoSaver
from okrworkshop.store.watch import WriteReport
from tests.store.conftest import CYCLE_ID, Worker

# A safety net for a broken saver; the tests never wait on it when all goes well.
TIMEOUT = 30.0


def theme(i: int, title: str | None = None) -> Put:
    return Put("themes", {"id": f"theme-{i}", "title": title or f"Theme {i}"})


def themes_on_disk(db: Path) -> dict[str, str]:
    return {t.id: t.title for t in Workspace.open(db).load(CYCLE_ID).themes.values()}


class Errors:
    """``on_error``: what the app would show the user."""

    def __init__(self) -> None:
        self.seen: list[Exception] = []
        self.reported = threading.Event()

    def __call__(self, error: Exception) -> None:
        self.seen.append(error)
        self.reported.set()


@pytest.fixture
def make_saver() -> Iterator[Callable[..., AutoSaver]]:
    savers: list[AutoSaver] = []

    def make(workspace: Workspace, **kwargs: Any) -> AutoSaver:
        saver = AutoSaver(workspace, **kwargs)
        savers.append(saver)
        return saver

    yield make
    for saver in savers:
        saver.close(timeout=5)


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)


def test_flush_puts_everything_on_disk(
    cycle_workspace: Workspace, db_path: Path, make_saver: Callable[..., AutoSaver]
) -> None:
    saved: list[int] = []
    saver = make_saver(cycle_workspace, on_saved=saved.append)
    for i in range(30):
        saver.submit(CYCLE_ID, [theme(i)])
    saver.submit(CYCLE_ID, [Update("themes", "theme-0", {"title": "Renamed"})])

    assert saver.flush(TIMEOUT)

    assert saver.pending == 0
    on_disk = themes_on_disk(db_path)
    assert len(on_disk) == 30
    assert on_disk["theme-0"] == "Renamed"
    assert sum(saved) == 31


class GatedWorkspace(Workspace):
    """A workspace whose first write waits until the test opens the gate.

    Writes to the cycles in ``unwritable`` fail, as on a full disk.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.writing = threading.Event()
        self.gate = threading.Event()
        self.unwritable: set[str] = set()

    def apply(
        self, cycle_id: str, ops: Iterable[Op], history: History | None = None
    ) -> WriteReport:
        self.writing.set()
        assert self.gate.wait(TIMEOUT)
        if cycle_id in self.unwritable:
            raise WorkspaceError(self.path, "could not be saved: No space left on device")
        return super().apply(cycle_id, ops, history)


def test_quick_submits_are_coalesced_into_fewer_writes(
    cycle_workspace: Workspace,
    db_path: Path,
    make_saver: Callable[..., AutoSaver],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk_writes: list[str] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        disk_writes.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    workspace = GatedWorkspace(db_path)
    saver = make_saver(workspace)
    submits = 100
    saver.submit(CYCLE_ID, [theme(0)])
    assert workspace.writing.wait(TIMEOUT)  # the first write is under way ...
    for i in range(1, submits):  # ... while the user keeps typing
        saver.submit(CYCLE_ID, [theme(i)])
    workspace.gate.set()

    assert saver.flush(TIMEOUT)

    assert saver.writes < submits
    assert len(disk_writes) == saver.writes
    assert len(themes_on_disk(db_path)) == submits


def test_a_failed_write_stays_queued_and_is_written_once_fixed(
    cycle_workspace: Workspace,
    db_path: Path,
    make_saver: Callable[..., AutoSaver],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = db_path.read_bytes()
    errors = Errors()
    saver = make_saver(cycle_workspace, on_error=errors)
    full_disk(monkeypatch)

    saver.submit(CYCLE_ID, [theme(1, "First title")])
    assert not saver.flush(TIMEOUT)
    assert errors.reported.wait(TIMEOUT)
    saver.submit(CYCLE_ID, [Update("themes", "theme-1", {"title": "Typed after the error"})])

    [error] = errors.seen
    assert isinstance(error, WorkspaceError)
    assert str(db_path) in str(error)
    assert "No space left on device" in str(error)
    reported = saver.last_error  # what the status bar shows until the next write
    assert reported is error
    assert saver.pending == 2
    assert db_path.read_bytes() == before

    monkeypatch.undo()  # the user freed some space
    assert saver.flush(TIMEOUT)

    assert saver.pending == 0
    assert saver.last_error is None
    assert themes_on_disk(db_path) == {"theme-1": "Typed after the error"}


def test_a_retry_does_not_rewrite_what_was_already_saved(
    cycle_workspace: Workspace, db_path: Path, make_saver: Callable[..., AutoSaver]
) -> None:
    # One write held changes to two cycles; the first cycle's were saved, the second's failed.
    cycle_workspace.add_cycle(CycleData(Cycle(id="cyc-b", name="Other cycle")))
    workspace = GatedWorkspace(db_path)
    errors = Errors()
    saver = make_saver(workspace, on_error=errors)
    saver.submit(CYCLE_ID, [theme(0)])
    assert workspace.writing.wait(TIMEOUT)
    saver.submit(CYCLE_ID, [Update("objectives", "shared", {"owner": "Dana"})])
    saver.submit("cyc-b", [theme(1)])
    workspace.unwritable.add("cyc-b")
    workspace.gate.set()
    assert errors.reported.wait(TIMEOUT)
    assert saver.pending == 1  # only the unsaved change is still queued
    # meanwhile another process changes the saved field again
    Workspace.open(db_path).apply(CYCLE_ID, [Update("objectives", "shared", {"owner": "Eve"})])

    workspace.unwritable.clear()
    assert saver.flush(TIMEOUT)

    on_disk = Workspace.open(db_path)
    assert on_disk.load(CYCLE_ID).objectives["shared"].owner == "Eve"
    assert list(on_disk.load("cyc-b").themes) == ["theme-1"]


def test_retry_writes_the_queue_after_a_failure(
    cycle_workspace: Workspace,
    db_path: Path,
    make_saver: Callable[..., AutoSaver],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    errors = Errors()
    saved = threading.Event()
    saver = make_saver(cycle_workspace, on_error=errors, on_saved=lambda n: saved.set())
    full_disk(monkeypatch)
    saver.submit(CYCLE_ID, [theme(1)])
    assert errors.reported.wait(TIMEOUT)

    monkeypatch.undo()
    saver.retry()

    assert saved.wait(TIMEOUT)
    assert themes_on_disk(db_path) == {"theme-1": "Theme 1"}


def test_a_busy_workspace_is_reported_and_saved_when_free(
    cycle_workspace: Workspace,
    db_path: Path,
    make_saver: Callable[..., AutoSaver],
    start_worker: Callable[..., Worker],
) -> None:
    holder = start_worker("hold-lock", db_path)  # e.g. a long import from the command line
    holder.expect("locked")
    errors = Errors()
    saver = make_saver(Workspace(db_path, lock_timeout=0.2), on_error=errors)

    saver.submit(CYCLE_ID, [theme(1)])
    assert errors.reported.wait(TIMEOUT)

    assert "is busy" in str(errors.seen[0])
    assert saver.pending == 1
    holder.send("release")
    holder.expect("released")
    assert saver.flush(TIMEOUT)
    assert themes_on_disk(db_path) == {"theme-1": "Theme 1"}


def test_close_writes_everything_and_stops_the_thread(
    cycle_workspace: Workspace, db_path: Path
) -> None:
    before = set(threading.enumerate())
    saver = AutoSaver(cycle_workspace)
    started = set(threading.enumerate()) - before
    assert len(started) == 1
    saver.submit(CYCLE_ID, [theme(1)])

    assert saver.close(TIMEOUT)

    assert not any(thread.is_alive() for thread in started)
    assert themes_on_disk(db_path) == {"theme-1": "Theme 1"}
    with pytest.raises(RuntimeError, match="closed"):
        saver.submit(CYCLE_ID, [theme(2)])


def test_close_says_so_when_something_could_not_be_written(
    cycle_workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_bytes = db_path.read_bytes()
    before = set(threading.enumerate())
    saver = AutoSaver(cycle_workspace)
    started = set(threading.enumerate()) - before
    full_disk(monkeypatch)
    saver.submit(CYCLE_ID, [theme(1)])

    assert not saver.close(TIMEOUT)

    assert saver.pending == 1
    assert not any(thread.is_alive() for thread in started)
    assert db_path.read_bytes() == before_bytes
