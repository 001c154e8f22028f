"""Opening reads a large file once, yet never trusts a copy another writer has replaced.

``Workspace.open`` checks the version, ``resolve_cycle`` finds the cycle and ``load`` builds
it: one parse serves all three while the file on disk is unchanged. These tests change the
file between those steps, from another process's point of view (a second ``Workspace``), and
check that what is loaded is always what is on disk.
"""

from __future__ import annotations

import pytest

from okrworkshop.model import Objective, Put, Update
from okrworkshop.store import Workspace, WorkspaceError
from tests.store.conftest import CYCLE_ID


def test_a_write_by_another_between_open_and_load_is_seen(cycle_workspace: Workspace) -> None:
    mine = Workspace.open(cycle_workspace.path)
    assert mine.resolve_cycle("acme").id == CYCLE_ID  # the opening read, kept for load
    other = Workspace.open(cycle_workspace.path)
    other.apply(CYCLE_ID, [Update("objectives", "shared", {"title": "Win back lost clinics"})])
    assert mine.load(CYCLE_ID).objectives["shared"].title == "Win back lost clinics"


def test_a_cycle_added_by_another_is_found(cycle_workspace: Workspace) -> None:
    mine = Workspace.open(cycle_workspace.path)
    assert [c.id for c in mine.cycles()] == [CYCLE_ID]
    other = Workspace.open(cycle_workspace.path)
    added = other.load(CYCLE_ID)
    added.cycle = added.cycle.model_copy(update={"id": "cyc-q2", "name": "Acme 2027-Q2"})
    other.add_cycle(added)
    assert mine.resolve_cycle("Acme 2027-Q2").id == "cyc-q2"


def test_loading_twice_gives_the_same_cycle(cycle_workspace: Workspace) -> None:
    """The kept read is handed to one load, which takes it apart; the next reads again."""
    mine = Workspace.open(cycle_workspace.path)
    mine.apply(
        CYCLE_ID,
        [
            Put(
                "objectives",
                Objective(id="o2", title="Ship the waitlist", level="company").model_dump(
                    mode="json"
                ),
            )
        ],
    )
    mine.cycles()
    first = mine.load(CYCLE_ID)
    second, history = mine.load_with_history(CYCLE_ID)
    assert first.objectives == second.objectives
    assert set(second.objectives) == {"shared", "o2"}
    assert history.undo == ()


def test_our_own_write_is_seen_by_the_next_read(cycle_workspace: Workspace) -> None:
    mine = Workspace.open(cycle_workspace.path)
    mine.cycles()
    mine.apply(CYCLE_ID, [Update("objectives", "shared", {"owner": "Maya"})])
    assert mine.load(CYCLE_ID).objectives["shared"].owner == "Maya"


def test_a_cycle_larger_than_a_batch_loads_whole_and_names_a_bad_record(
    cycle_workspace: Workspace,
) -> None:
    """Records are validated a batch at a time: all of them arrive, and a bad one late in
    the file is still named."""
    from okrworkshop.store.workspace import LOAD_BATCH

    count = LOAD_BATCH * 2 + 7
    krs = [
        Put(
            "key_results",
            {"id": f"kr-{n}", "objective_id": "shared", "title": f"Ship {n} things", "target": 9},
        )
        for n in range(count)
    ]
    cycle_workspace.apply(CYCLE_ID, krs)
    loaded = Workspace.open(cycle_workspace.path).load(CYCLE_ID)
    assert len(loaded.key_results) == count
    assert loaded.key_results[f"kr-{count - 1}"].title == f"Ship {count - 1} things"

    cycle_workspace.apply(CYCLE_ID, [Update("key_results", f"kr-{count - 3}", {"confidence": 99})])
    with pytest.raises(WorkspaceError, match=f"kr-{count - 3}.*confidence"):
        Workspace.open(cycle_workspace.path).load(CYCLE_ID)


def test_loaded_records_copy_and_dump_as_their_own(cycle_workspace: Workspace) -> None:
    """Loaded records share their bookkeeping of given fields (memory); a copy with a change
    must still be its own record, and every record dumps what was saved."""
    cycle_workspace.apply(
        CYCLE_ID,
        [
            Put("key_results", {"id": f"kr-{n}", "objective_id": "shared", "title": f"KR {n}"})
            for n in range(3)
        ],
    )
    loaded = Workspace.open(cycle_workspace.path).load(CYCLE_ID)
    first, second, third = (loaded.key_results[f"kr-{n}"] for n in range(3))
    changed = first.model_copy(update={"owner": "Maya"})
    assert changed.owner == "Maya" and first.owner == "" and second.owner == ""
    assert second.model_dump(exclude_unset=True) == third.model_dump(exclude_unset=True) | {
        "id": "kr-1",
        "title": "KR 1",
    }
