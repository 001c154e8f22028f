"""The undo history is saved with each edit, so undo and redo survive a restart."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from okrworkshop.editing import CycleEditor, UndoFailed
from okrworkshop.model import CycleData, Delete, edits
from okrworkshop.model.history import HISTORY_LIMIT
from okrworkshop.store import Workspace
from okrworkshop.store.autosave import AutoSaver

NOW = datetime(2027, 1, 11, 10, 0)


def editor_on(workspace: Workspace, cycle_id: str, now: datetime = NOW) -> CycleEditor:
    """What the app does when it opens a cycle."""
    history = workspace.load_history(cycle_id).recent(now)
    return CycleEditor(
        workspace.load(cycle_id), AutoSaver(workspace), history=history, clock=lambda: now
    )


def close(editor: CycleEditor) -> None:
    assert editor.saver is not None
    assert editor.saver.close()


def test_undo_and_redo_work_after_a_restart(demo_workspace: Workspace, db_path: Path) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    editor.apply(edits.delete_objective(editor.data, "obj-d1"))
    editor.apply(edits.update("themes", "thm-patients", "rename theme", title="Patients first"))
    close(editor)

    restarted = editor_on(Workspace.open(db_path), "demo-kestrel")
    assert "obj-d1" not in restarted.data.objectives
    undone = restarted.undo()
    assert undone is not None and undone.label == "rename theme"
    undone = restarted.undo()
    assert undone is not None and undone.label.startswith("delete objective")
    assert restarted.data.objectives["obj-d1"].title == "Make booking effortless for patients"
    close(restarted)

    again = editor_on(Workspace.open(db_path), "demo-kestrel")
    assert again.data.objectives["obj-t1"].parent_id == "obj-d1", "the undo reached the disk"
    assert again.redo() is not None
    assert "obj-d1" not in again.data.objectives
    close(again)
    assert "obj-d1" not in Workspace.open(db_path).load("demo-kestrel").objectives


def test_bookkeeping_is_saved_but_not_undoable(demo_workspace: Workspace, db_path: Path) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    editor.apply(
        edits.update("sessions", "ses-retro", "move", current_stage="reflect"), undoable=False
    )
    close(editor)
    restarted = editor_on(Workspace.open(db_path), "demo-kestrel")
    assert restarted.data.sessions["ses-retro"].current_stage == "reflect"
    assert restarted.undo() is None
    close(restarted)


def test_the_history_keeps_the_newest_steps_and_forgets_old_days(
    demo_workspace: Workspace, db_path: Path
) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    for i in range(HISTORY_LIMIT + 5):
        editor.apply(edits.update("themes", "thm-patients", f"title {i}", title=f"Theme {i}"))
    close(editor)
    history = Workspace.open(db_path).load_history("demo-kestrel")
    assert len(history.undo) == HISTORY_LIMIT
    assert history.undo[-1].done.label == f"title {HISTORY_LIMIT + 4}"
    assert history.undo[0].done.label == "title 5"
    assert len(history.recent(NOW + timedelta(hours=25)).undo) == 0


def test_a_step_that_no_longer_fits_is_dropped_with_the_reason(
    demo_workspace: Workspace, db_path: Path
) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    editor.apply(edits.update("themes", "thm-patients", "rename theme", title="Patients first"))
    close(editor)
    # Meanwhile another process deletes that theme.
    Workspace.open(db_path).apply("demo-kestrel", [Delete("themes", "thm-patients")])
    restarted = editor_on(Workspace.open(db_path), "demo-kestrel")
    try:
        restarted.undo()
    except UndoFailed as failed:
        assert "no themes record with id 'thm-patients'" in failed.reason
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("the stale step should have been refused")
    assert restarted.undo() is None, "the stale step is gone"
    close(restarted)
    assert Workspace.open(db_path).load_history("demo-kestrel").undo == ()


def test_an_unreadable_history_never_stops_the_cycle_from_opening(
    demo_workspace: Workspace, db_path: Path
) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    editor.apply(edits.update("themes", "thm-patients", "rename", title="Patients first"))
    close(editor)
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    raw["history"]["1"]["undo"] = [{"done": "garbage"}]
    db_path.write_text(json.dumps(raw), encoding="utf-8")
    workspace = Workspace.open(db_path)
    assert workspace.load_history("demo-kestrel").undo == ()
    assert workspace.load("demo-kestrel").themes["thm-patients"].title == "Patients first"


def test_replacing_or_deleting_a_cycle_drops_its_history(
    demo_workspace: Workspace, demo: CycleData
) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    editor.apply(edits.update("themes", "thm-patients", "rename", title="Patients first"))
    close(editor)
    demo_workspace.add_cycle(demo, replace=True)
    assert demo_workspace.load_history("demo-kestrel").undo == ()


def test_history_is_written_with_the_edit_in_one_write(demo_workspace: Workspace) -> None:
    editor = editor_on(demo_workspace, "demo-kestrel")
    assert editor.saver is not None
    before = editor.saver.writes
    editor.apply(edits.update("themes", "thm-patients", "rename", title="Patients first"))
    assert editor.saver.flush()
    assert editor.saver.writes == before + 1
    assert demo_workspace.load_history("demo-kestrel").undo[-1].done.label == "rename"
    close(editor)


def test_the_history_travels_through_the_writer_process(
    demo_workspace: Workspace, db_path: Path
) -> None:
    from okrworkshop.store.writer import WriterProcess

    writer = WriterProcess(db_path)
    saver = AutoSaver(demo_workspace, apply=writer.apply)
    editor = CycleEditor(demo_workspace.load("demo-kestrel"), saver, clock=lambda: NOW)
    editor.apply(edits.update("themes", "thm-patients", "rename theme", title="Patients first"))
    assert saver.close()
    writer.close()
    restarted = editor_on(Workspace.open(db_path), "demo-kestrel")
    undone = restarted.undo()
    assert undone is not None and undone.label == "rename theme"
    assert restarted.data.themes["thm-patients"].title == "Patient experience"
    close(restarted)
