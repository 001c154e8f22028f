"""The writer process: saves off the app's interpreter, sees other writers, survives a crash."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrworkshop.model import Objective, Put, Update
from okrworkshop.store import CycleNotFoundError, Workspace, WorkspaceError
from okrworkshop.store.autosave import AutoSaver
from okrworkshop.store.writer import WriterProcess
from tests.store.conftest import CYCLE_ID


def _objective(object_id: str, title: str) -> Put:
    return Put(
        "objectives", Objective(id=object_id, title=title, level="company").model_dump(mode="json")
    )


@pytest.fixture
def writer(cycle_workspace: Workspace) -> Iterator[WriterProcess]:
    process = WriterProcess(cycle_workspace.path)
    yield process
    process.close()


def test_the_writer_applies_batches_and_sees_other_writers(
    writer: WriterProcess, cycle_workspace: Workspace
) -> None:
    writer.apply(CYCLE_ID, [_objective("obj-a", "First from the app")])
    other = Workspace.open(cycle_workspace.path)
    other.apply(CYCLE_ID, [_objective("obj-b", "From the command line meanwhile")])
    writer.apply(CYCLE_ID, [Update("objectives", "obj-a", {"owner": "Ana"})])
    data = Workspace.open(cycle_workspace.path).load(CYCLE_ID)
    assert data.objectives["obj-a"].owner == "Ana"
    assert data.objectives["obj-b"].title == "From the command line meanwhile", (
        "the writer's kept copy never overwrites another process's save"
    )


def test_errors_come_back_as_ours(writer: WriterProcess, cycle_workspace: Workspace) -> None:
    with pytest.raises(CycleNotFoundError):
        writer.apply("no-such-cycle", [_objective("obj-x", "Lost")])
    good = cycle_workspace.path.read_bytes()
    cycle_workspace.path.write_bytes(good[: len(good) // 2])
    with pytest.raises(WorkspaceError) as caught:
        writer.apply(CYCLE_ID, [_objective("obj-y", "Not saved")])
    assert "is not valid JSON" in str(caught.value)
    assert cycle_workspace.path.read_bytes() == good[: len(good) // 2], "left untouched"


def test_a_crashed_writer_is_started_again_and_nothing_is_lost(
    writer: WriterProcess, cycle_workspace: Workspace
) -> None:
    writer.start()
    assert writer._process is not None
    writer._process.send_signal(signal.SIGKILL)
    writer._process.wait()
    writer.apply(CYCLE_ID, [_objective("obj-c", "Sent after the crash")])
    assert Workspace.open(cycle_workspace.path).load(CYCLE_ID).objectives["obj-c"].title == (
        "Sent after the crash"
    )


def test_the_autosaver_saves_through_the_writer(
    writer: WriterProcess, cycle_workspace: Workspace, tmp_path: Path
) -> None:
    saver = AutoSaver(cycle_workspace, apply=writer.apply)
    for n in range(20):
        saver.submit(CYCLE_ID, [_objective(f"obj-{n}", f"Objective number {n}")])
    assert saver.close()
    data = Workspace.open(cycle_workspace.path).load(CYCLE_ID)
    assert {f"obj-{n}" for n in range(20)} <= set(data.objectives)
    assert saver.writes < 20, "quick edits are coalesced into fewer writes"
