"""A change to one cycle never touches another, even where their records share ids.

Records of two cycles can share ids: one team's bundle merged into two cycles, or a bundle
imported again as a new cycle.
"""

from __future__ import annotations

import pytest

from okrworkshop.model import Cycle, CycleData, Delete, Objective, Put, Update
from okrworkshop.store import Workspace

CYCLES = ("cyc-a", "cyc-b")


@pytest.fixture
def twins(workspace: Workspace) -> Workspace:
    """Two cycles that each hold an objective with the id ``obj-1``."""
    for cycle_id in CYCLES:
        objective = Objective(id="obj-1", title=f"Objective of {cycle_id}", level="company")
        cycle = Cycle(id=cycle_id, name=f"Cycle {cycle_id}")
        workspace.add_cycle(CycleData(cycle, {"objectives": {objective.id: objective}}))
    return workspace


def titles(workspace: Workspace) -> dict[str, str]:
    return {
        cycle_id: objective.title
        for cycle_id in CYCLES
        for objective in workspace.load(cycle_id).objectives.values()
    }


@pytest.mark.parametrize("edited", CYCLES)
def test_an_update_changes_only_its_own_cycle(twins: Workspace, edited: str) -> None:
    twins.apply(edited, [Update("objectives", "obj-1", {"title": "Edited"})])

    other = next(c for c in CYCLES if c != edited)
    assert titles(twins) == {edited: "Edited", other: f"Objective of {other}"}


@pytest.mark.parametrize("edited", CYCLES)
def test_a_delete_removes_only_its_own_cycles_record(twins: Workspace, edited: str) -> None:
    twins.apply(edited, [Delete("objectives", "obj-1")])

    other = next(c for c in CYCLES if c != edited)
    assert twins.load(edited).objectives == {}
    assert list(twins.load(other).objectives) == ["obj-1"]


def test_a_put_adds_to_its_own_cycle_and_leaves_the_other(twins: Workspace) -> None:
    record = {"id": "obj-2", "title": "Only in b", "level": "company"}
    twins.apply("cyc-b", [Put("objectives", record)])

    twins.apply("cyc-a", [Put("objectives", {**record, "title": "Now in a too"})])

    assert twins.load("cyc-a").objectives["obj-2"].title == "Now in a too"
    assert twins.load("cyc-b").objectives["obj-2"].title == "Only in b"
    assert [(s.cycle.id, s.objectives) for s in twins.summaries()] == [
        ("cyc-a", 2),
        ("cyc-b", 2),
    ]


def test_deleting_a_cycle_keeps_the_other_whole(twins: Workspace) -> None:
    twins.delete_cycle("cyc-a")

    assert [s.cycle.id for s in twins.summaries()] == ["cyc-b"]
    assert [o.title for o in twins.load("cyc-b").objectives.values()] == ["Objective of cyc-b"]
