"""Two windows on one cycle: edits from a stale copy never bring back or orphan anything."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from okrworkshop.model import CycleData, Put, Update, bundle_from_cycle, bundle_problems, edits
from okrworkshop.store import Workspace
from okrworkshop.store.watch import FileWatch, Missed, WriteReport, stat_key
from okrworkshop.store.writer import WriterProcess

CYCLE = "demo-kestrel"
EARLY = date(2026, 10, 2)  # before the demo's latest check-ins: the value stays history


@pytest.fixture
def windows(demo_workspace: Workspace, db_path: Path) -> tuple[Workspace, Workspace]:
    """Two processes' views of one workspace (each its own object, as in two windows)."""
    return demo_workspace, Workspace.open(db_path)


def on_disk(db_path: Path) -> CycleData:
    return Workspace.open(db_path).load(CYCLE)


def test_an_edit_of_a_record_deleted_elsewhere_does_not_bring_it_back(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    stale = ours.load(CYCLE)
    fresh = theirs.load(CYCLE)
    theirs.apply(CYCLE, edits.delete_key_result(fresh, "kr-t2-2").ops)

    change = edits.update("key_results", "kr-t2-2", "confidence", confidence=3)
    done, _ = stale.apply_minimal(change)
    report = ours.apply(CYCLE, done.ops)

    assert report.missed == (Missed(done.ops[0], "key_results", "kr-t2-2"),)
    assert "kr-t2-2" not in on_disk(db_path).key_results


def test_records_added_under_what_was_deleted_elsewhere_do_not_land(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    stale = ours.load(CYCLE)
    fresh = theirs.load(CYCLE)
    theirs.apply(CYCLE, edits.delete_objective(fresh, "obj-t3").ops)

    _, add_kr = edits.add_key_result(stale, "obj-t3", title="Help articles read 5,000 times")
    _, check_in = edits.record_check_in(stale, "kr-t3-1", at=EARLY, value=20)
    align = edits.update("objectives", "obj-t4", "align", parent_id="kr-t3-1")
    report = ours.apply(CYCLE, [*add_kr.ops, *check_in.ops, *align.ops])

    assert [(m.table, m.id) for m in report.missed] == [
        ("objectives", "obj-t3"),  # the new key result's objective
        ("key_results", "kr-t3-1"),  # the check-in's key result (a late one: no new value)
        ("objectives", "kr-t3-1"),  # the alignment names an objective or key result
    ]
    saved = on_disk(db_path)
    assert not bundle_problems(bundle_from_cycle(saved)), "the saved cycle exports and imports"
    assert saved.objectives["obj-t4"].parent_id == "kr-c2-1", "the link was not set to nothing"


def test_a_delete_takes_along_what_another_window_added_to_it(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    stale = ours.load(CYCLE)
    fresh = theirs.load(CYCLE)
    # Meanwhile, elsewhere: a check-in on the key result and an objective aligned to it.
    _, check_in = edits.record_check_in(fresh, "kr-d2-1", at=EARLY, value=20)
    align = edits.update("objectives", "obj-t3", "align", parent_id="kr-d2-1")
    theirs.apply(CYCLE, [*check_in.ops, *align.ops])

    report = ours.apply(CYCLE, edits.delete_key_result(stale, "kr-d2-1").ops)

    assert report.cascaded == 2
    assert not report.as_planned
    saved = on_disk(db_path)
    assert not [c for c in saved.check_ins.values() if c.key_result_id == "kr-d2-1"]
    assert saved.objectives["obj-t3"].parent_id is None, "unlinked, not deleted"
    assert "obj-t3" in saved.objectives
    assert not bundle_problems(bundle_from_cycle(saved))


def test_deleting_an_objective_takes_its_key_results_check_ins_along(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    stale = ours.load(CYCLE)
    fresh = theirs.load(CYCLE)
    kr_id, add_kr = edits.add_key_result(fresh, "obj-t4", title="Waitlist fills 30% of gaps")
    fresh.apply(add_kr)
    _, check_in = edits.record_check_in(fresh, kr_id, at=EARLY, value=4)
    theirs.apply(CYCLE, [*add_kr.ops, *check_in.ops])

    report = ours.apply(CYCLE, edits.delete_objective(stale, "obj-t4").ops)

    assert report.cascaded == 2  # the new key result, then its check-in
    saved = on_disk(db_path)
    assert kr_id not in saved.key_results
    assert not [c for c in saved.check_ins.values() if c.key_result_id == kr_id]


def test_writes_report_the_file_they_started_from_and_left(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    heard: list[WriteReport] = []
    ours.on_write.append(heard.append)
    start = stat_key(db_path)
    first = ours.apply(CYCLE, [Update("objectives", "obj-c1", {"owner": "Ana"})])
    assert (first.before, first.after) == (start, stat_key(db_path))
    assert first.after != first.before
    theirs.apply(CYCLE, [Update("objectives", "obj-c1", {"team": "Leadership"})])
    second = ours.apply(CYCLE, [Update("objectives", "obj-c2", {"owner": "Bo"})])
    assert second.before != first.after, "someone else wrote in between"
    assert heard == [first, second]


def test_the_watch_tells_our_writes_from_everybody_elses(
    windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    ours, theirs = windows
    watch = FileWatch(db_path)
    ours.on_write.append(watch.wrote)
    assert not watch.changed_elsewhere()

    ours.apply(CYCLE, [Update("objectives", "obj-c1", {"owner": "Ana"})])
    assert not watch.changed_elsewhere(), "our own write"

    theirs.apply(CYCLE, [Update("objectives", "obj-c1", {"team": "Leadership"})])
    assert watch.changed_elsewhere()
    watch.caught_up(stat_key(db_path))
    assert not watch.changed_elsewhere()

    # Their write, then ours on top: the file's key is ours, but we never loaded theirs.
    theirs.apply(CYCLE, [Update("objectives", "obj-c1", {"team": "Board"})])
    ours.apply(CYCLE, [Update("objectives", "obj-c2", {"owner": "Bo"})])
    assert watch.changed_elsewhere()
    watch.caught_up(stat_key(db_path))

    # A write of ours that did not land as planned leaves the screen behind the file.
    stale = ours.load(CYCLE)
    theirs.apply(CYCLE, edits.delete_key_result(theirs.load(CYCLE), "kr-c2-2").ops)
    watch.caught_up(stat_key(db_path))
    done, _ = stale.apply_minimal(edits.update("key_results", "kr-c2-2", "x", confidence=2))
    ours.apply(CYCLE, done.ops)
    assert watch.changed_elsewhere()


@pytest.fixture
def writer(demo_workspace: Workspace) -> Iterator[WriterProcess]:
    process = WriterProcess(demo_workspace.path)
    yield process
    process.close()


def test_the_writer_process_reports_its_writes(
    writer: WriterProcess, windows: tuple[Workspace, Workspace], db_path: Path
) -> None:
    _, theirs = windows
    heard: list[WriteReport] = []
    writer.on_write.append(heard.append)
    start = stat_key(db_path)
    report = writer.apply(CYCLE, [Update("objectives", "obj-c1", {"owner": "Ana"})])
    assert (report.before, report.after) == (start, stat_key(db_path))

    theirs.apply(CYCLE, edits.delete_objective(theirs.load(CYCLE), "obj-t1").ops)
    orphan = Put("key_results", {"id": "kr-new", "title": "Fewer errors", "objective_id": "obj-t1"})
    missed = writer.apply(CYCLE, [orphan])
    assert missed.missed == (Missed(orphan, "objectives", "obj-t1"),)
    assert missed.before != report.after, "the delete from elsewhere came in between"
    assert heard == [report, missed]
    assert "kr-new" not in on_disk(db_path).key_results
