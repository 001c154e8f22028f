"""Several processes writing one workspace: every write lands, none overwrites another."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from okrworkshop.model import Change, Put, Update
from okrworkshop.store import Workspace
from tests.store.conftest import CYCLE_ID, Worker

WRITES = 100
# Each writer adds its own objectives and sets its own field of the objective "shared".
WRITERS = {"alice": "description", "bob": "owner", "carol": "team"}


def writers_in_file_order(db: Path) -> list[str]:
    """Whose objective each insert was, in the order the inserts reached the file."""
    table = json.loads(db.read_bytes())["objectives"]
    return [table[key]["id"].split("-")[0] for key in sorted(table, key=int)][1:]


def test_interleaved_writers_lose_no_update(
    cycle_workspace: Workspace, db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    workers = [
        start_worker("writer", db_path, CYCLE_ID, name, WRITES, field)
        for name, field in WRITERS.items()
    ]
    for worker in workers:
        worker.expect("ready")
    for worker in workers:
        worker.send("go")
    for worker in workers:
        worker.expect("done")

    cycle = Workspace.open(db_path).load(CYCLE_ID)

    expected = {f"{name}-{i}" for name in WRITERS for i in range(WRITES)} | {"shared"}
    assert set(cycle.objectives) == expected
    shared = cycle.objectives["shared"]
    assert shared.title == "Delight new customers"
    for name, field in WRITERS.items():
        assert getattr(shared, field) == f"{name}-{WRITES - 1}"
    order = writers_in_file_order(db_path)
    switches = sum(a != b for a, b in pairwise(order))
    print(f"{len(WRITERS)} writers x {WRITES} writes; the writer changed {switches} times")


def test_a_stale_copy_never_overwrites_newer_data(
    cycle_workspace: Workspace, db_path: Path, start_worker: Callable[..., Worker]
) -> None:
    # This process loaded the cycle (as the app does) before another process wrote to it.
    ours = cycle_workspace.load(CYCLE_ID)
    other = start_worker("edit", db_path, CYCLE_ID, "theirs", "owner", "Bob")
    other.expect("done")
    assert "theirs" not in ours.objectives  # our copy really is stale

    edit = Change(
        "rename and add",
        (
            Update("objectives", "shared", {"title": "Delight every customer"}),
            Put("objectives", {"id": "ours", "title": "Ours", "level": "company"}),
        ),
    )
    # the edit, its undo and its redo, each applied to the stale copy and then saved
    undo = ours.apply(edit)
    cycle_workspace.apply(CYCLE_ID, edit.ops)
    redo = ours.apply(undo)
    cycle_workspace.apply(CYCLE_ID, undo.ops)
    ours.apply(redo)
    cycle_workspace.apply(CYCLE_ID, redo.ops)

    on_disk = Workspace.open(db_path).load(CYCLE_ID)
    assert set(on_disk.objectives) == {"shared", "theirs", "ours"}
    assert on_disk.objectives["shared"].title == "Delight every customer"
    assert on_disk.objectives["shared"].owner == "Bob"


def test_two_open_workspaces_in_one_process_take_turns(
    cycle_workspace: Workspace, db_path: Path
) -> None:
    # TinyDB caches a table's next document id; a new TinyDB per write must not reuse one.
    first, second = cycle_workspace, Workspace.open(db_path)

    for i in range(20):
        for name, workspace in (("first", first), ("second", second)):
            record = {"id": f"{name}-{i}", "title": f"{name} {i}", "level": "company"}
            workspace.apply(CYCLE_ID, [Put("objectives", record)])

    raw = json.loads(db_path.read_bytes())["objectives"]
    assert len(raw) == 41
    assert len({doc["id"] for doc in raw.values()}) == 41
    assert len(first.load(CYCLE_ID).objectives) == len(second.load(CYCLE_ID).objectives) == 41
