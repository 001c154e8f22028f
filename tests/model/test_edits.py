"""Edits as changes: every edit undoes exactly, and a bad edit changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from exports.bundle_json import export_json
from okrworkshop.model import Change, CycleData, Delete, Put, Update, edits
from okrworkshop.model.changes import change_from_json, change_to_json
from okrworkshop.model.cycle_data import UnknownRecordError


def state(data: CycleData) -> dict[str, Any]:
    """Everything the cycle holds, independent of the order records were inserted in."""
    return {
        "cycle": data.cycle.model_dump(mode="json"),
        **{
            name: sorted((r.model_dump(mode="json") for r in table.values()), key=lambda r: r["id"])
            for name, table in data.tables.items()
        },
    }


def apply_and_undo(data: CycleData, change: Change) -> None:
    before_json, before_state = export_json(data), state(data)
    inverse = data.apply(change)
    assert state(data) != before_state, "the edit should change something"
    data.apply(inverse)
    assert state(data) == before_state
    assert export_json(data) == before_json
    # redo after undo lands on the same state as the first apply
    redo = data.apply(change)
    data.apply(redo)
    assert export_json(data) == before_json


EDITS: dict[str, Callable[[CycleData], Change]] = {
    "add objective": lambda d: edits.add_objective(
        d, title="Clinics trust our uptime", level="company"
    )[1],
    "add key result": lambda d: edits.add_key_result(
        d, "obj-c1", title="Referral share from 12% to 25%", baseline=12, target=25
    )[1],
    "update objective": lambda d: edits.update(
        "objectives", "obj-c1", "retitle", title="A new title", owner="Ana"
    ),
    "rename cycle": lambda d: edits.rename_cycle(d, "Kestrel 2026-Q4 (final)"),
    "delete key result": lambda d: edits.delete_key_result(d, "kr-c1-1"),
    "delete objective": lambda d: edits.delete_objective(d, "obj-c1"),
    "record check-in": lambda d: edits.record_check_in(
        d, "kr-c1-1", at=date(2026, 11, 25), value=44, confidence=8, note="Nearly"
    )[1],
    "set score": lambda d: edits.set_score(d, "kr-c1-3", 0.8, "Good quarter"),
    "add action": lambda d: edits.add_record(
        "actions", "act", "add action", text="Call Ana", owner="Sam", due=date(2027, 1, 5)
    )[1],
    "delete action": lambda d: edits.delete_record(
        d, "actions", next(iter(d.actions)), "delete action"
    ),
    "delete first theme": lambda d: edits.delete_record(
        d, "themes", d.ordered("themes")[0].id, "delete theme"
    ),
    "swap objectives": lambda d: edits.swap_positions(
        "objectives", d.objectives["obj-c1"], d.objectives["obj-c2"], "move down"
    ),
    "swap equal positions": lambda d: edits.swap_positions(
        "key_results",
        d.key_results["kr-c1-1"].model_copy(update={"position": 1.0}),
        d.key_results["kr-c1-2"].model_copy(update={"position": 1.0}),
        "move down",
    ),
}


@pytest.mark.parametrize("name", EDITS)
def test_every_edit_undoes_exactly(demo: CycleData, name: str) -> None:
    apply_and_undo(demo, EDITS[name](demo))


def test_a_change_with_one_bad_op_changes_nothing(demo: CycleData) -> None:
    before = export_json(demo)
    change = Change(
        "half good",
        (
            Update("objectives", "obj-c1", {"title": "Renamed"}),
            Delete("key_results", "kr-c1-1"),
            Update("key_results", "kr-c1-2", {"confidence": 11}),
        ),
    )
    with pytest.raises(ValidationError) as caught:
        demo.apply(change)
    assert "less than or equal to 10" in str(caught.value)
    assert export_json(demo) == before
    assert demo.objectives["obj-c1"].title != "Renamed"
    assert "kr-c1-1" in demo.key_results


def test_op_on_a_missing_record_changes_nothing(demo: CycleData) -> None:
    before = export_json(demo)
    change = Change(
        "ghost",
        (Update("objectives", "obj-c1", {"owner": "Ana"}), Delete("actions", "act-ghost")),
    )
    with pytest.raises(UnknownRecordError, match="no actions record with id 'act-ghost'"):
        demo.apply(change)
    assert export_json(demo) == before


def test_unknown_table_and_id_change_are_refused(demo: CycleData) -> None:
    before = export_json(demo)
    with pytest.raises(UnknownRecordError, match="unknown table 'widgets'"):
        demo.apply(Change("x", (Delete("widgets", "w1"),)))
    with pytest.raises(ValueError, match="id cannot change"):
        demo.apply(Change("x", (Update("objectives", "obj-c1", {"id": "obj-zz"}),)))
    with pytest.raises(ValidationError):
        demo.apply(Change("x", (Update("cycles", demo.cycle.id, {"ends": "2020-01-01"}),)))
    assert export_json(demo) == before


def test_delete_objective_cascades_and_undo_restores_it_all(demo: CycleData) -> None:
    kr_ids = [kr.id for kr in demo.key_results_of("obj-c1")]
    check_in_ids = [c.id for kr_id in kr_ids for c in demo.check_ins_of(kr_id)]
    aligned = [o.id for o in demo.objectives.values() if o.parent_id in {"obj-c1", *kr_ids}]
    assert kr_ids and check_in_ids and aligned, "the demo should exercise the cascade"
    before = export_json(demo)

    inverse = demo.apply(edits.delete_objective(demo, "obj-c1"))

    assert "obj-c1" not in demo.objectives
    assert not set(kr_ids) & set(demo.key_results)
    assert not set(check_in_ids) & set(demo.check_ins)
    assert all(demo.objectives[oid].parent_id is None for oid in aligned)
    assert demo.key_results_of("obj-c1") == []

    demo.apply(inverse)
    assert export_json(demo) == before
    assert [kr.id for kr in demo.key_results_of("obj-c1")] == kr_ids
    assert all(demo.objectives[oid].parent_id is not None for oid in aligned)


def test_delete_key_result_unlinks_objectives_aligned_to_it(demo: CycleData) -> None:
    aligned = [o.id for o in demo.objectives.values() if o.parent_id == "kr-c1-1"]
    assert aligned
    demo.apply(edits.delete_key_result(demo, "kr-c1-1"))
    assert "kr-c1-1" not in demo.key_results
    assert demo.check_ins_of("kr-c1-1") == []
    assert all(demo.objectives[oid].parent_id is None for oid in aligned)


def test_record_check_in_updates_current_value(demo: CycleData) -> None:
    count = len(demo.check_ins_of("kr-c1-1"))
    check_in_id, change = edits.record_check_in(
        demo, "kr-c1-1", at=date(2026, 11, 30), value=45, confidence=9, note="There"
    )
    demo.apply(change)
    assert demo.key_results["kr-c1-1"].current == 45
    assert demo.key_results["kr-c1-1"].progress() == 1.0
    assert len(demo.check_ins_of("kr-c1-1")) == count + 1
    assert demo.check_ins_of("kr-c1-1")[-1].id == check_in_id
    assert demo.check_ins[check_in_id].confidence == 9


def test_late_entry_of_an_older_check_in_keeps_the_newer_value(demo: CycleData) -> None:
    latest = demo.check_ins_of("kr-c1-1")[-1]
    assert demo.key_results["kr-c1-1"].current == latest.value
    check_in_id, change = edits.record_check_in(
        demo, "kr-c1-1", at=date(2026, 10, 2), value=31, note="missed week, entered late"
    )
    demo.apply(change)
    assert demo.key_results["kr-c1-1"].current == latest.value
    assert demo.check_ins_of("kr-c1-1")[0].id == check_in_id  # kept as history, in date order
    same_day, change = edits.record_check_in(demo, "kr-c1-1", at=latest.at, value=40)
    demo.apply(change)
    assert demo.key_results["kr-c1-1"].current == 40  # a correction on the same day counts
    assert demo.check_ins_of("kr-c1-1")[-1].id == same_day


def test_check_in_without_a_value_keeps_current(demo: CycleData) -> None:
    current = demo.key_results["kr-c1-1"].current
    _, change = edits.record_check_in(
        demo, "kr-c1-1", at=date(2026, 11, 30), value=None, confidence=2, note="Stuck"
    )
    assert len(change.ops) == 1
    demo.apply(change)
    assert demo.key_results["kr-c1-1"].current == current


def test_milestone_check_in_sets_done(demo: CycleData) -> None:
    _, add = edits.add_key_result(demo, "obj-c1", title="Board signs off", kind="milestone")
    demo.apply(add)
    kr_id = next(kr.id for kr in demo.key_results_of("obj-c1") if kr.title == "Board signs off")
    assert demo.key_results[kr_id].progress() == 0.0
    demo.apply(edits.record_check_in(demo, kr_id, at=date(2026, 12, 1), value=1)[1])
    assert demo.key_results[kr_id].done is True
    assert demo.key_results[kr_id].progress() == 1.0
    demo.apply(edits.record_check_in(demo, kr_id, at=date(2026, 12, 2), value=0)[1])
    assert demo.key_results[kr_id].done is False


def test_invalid_check_in_is_refused_whole(demo: CycleData) -> None:
    before = export_json(demo)
    _, change = edits.record_check_in(
        demo, "kr-c1-1", at=date(2026, 11, 30), value=40, confidence=12
    )
    with pytest.raises(ValidationError):
        demo.apply(change)
    assert export_json(demo) == before


def test_set_score_out_of_range_is_refused(demo: CycleData) -> None:
    with pytest.raises(ValidationError, match="less than or equal to 1"):
        demo.apply(edits.set_score(demo, "kr-c1-3", 1.2, ""))
    assert demo.key_results["kr-c1-3"].score is None


def test_swap_positions_reorders(demo: CycleData) -> None:
    first, second = demo.objectives_in_order()[:2]
    demo.apply(edits.swap_positions("objectives", first, second, "move down"))
    assert [o.id for o in demo.objectives_in_order()[:2]] == [second.id, first.id]


def test_add_objective_goes_last(demo: CycleData) -> None:
    objective_id, change = edits.add_objective(demo, title="Last one", level="company")
    demo.apply(change)
    assert demo.objectives_in_order()[-1].id == objective_id


def test_change_json_round_trip(demo: CycleData) -> None:
    change = edits.delete_objective(demo, "obj-c1")
    assert change_from_json(change_to_json(change)) == change
    inverse = demo.apply(change)
    assert change_from_json(change_to_json(inverse)) == inverse


def test_empty_change_is_falsy() -> None:
    assert not Change("nothing")
    assert Change("one", (Put("themes", {"id": "t1", "title": "x"}),))


def test_a_new_key_result_with_a_due_date_is_plain_json(demo: CycleData) -> None:
    """The change is written to the JSON file as it is; a date object would fail to save."""
    kr_id, change = edits.add_key_result(
        demo, "obj-t1", title="Calendar sync", due=date(2027, 2, 1)
    )
    [put] = change.ops
    assert isinstance(put, Put)
    assert json.loads(json.dumps(put.record))["due"] == "2027-02-01"
    demo.apply(change)
    assert demo.key_results[kr_id].due == date(2027, 2, 1)
