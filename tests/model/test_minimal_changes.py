"""What an edit saves is only what it changed, so it never sets back another window's work."""

from __future__ import annotations

from datetime import date

from okrworkshop.demo import build_demo
from okrworkshop.model import Change, CycleData, Put, Update, edits
from okrworkshop.model.compare import compare, reconcile

TODAY = date(2026, 11, 24)


def demo() -> CycleData:
    return build_demo(TODAY)


def test_a_form_saved_with_every_field_saves_only_the_one_changed() -> None:
    data = demo()
    objective = data.objectives["obj-c1"]
    # A form hands back every field, most of them as they were.
    form = {
        "title": objective.title,
        "owner": "Ana Lima",
        "level": objective.level,
        "team": objective.team,
        "commitment": objective.commitment,
        "description": objective.description,
    }
    done, undo = data.apply_minimal(edits.update("objectives", "obj-c1", "edit", **form))
    assert done.ops == (Update("objectives", "obj-c1", {"owner": "Ana Lima"}),)
    assert undo.ops == (Update("objectives", "obj-c1", {"owner": objective.owner}),)
    assert data.objectives["obj-c1"].owner == "Ana Lima"


def test_a_put_over_an_existing_record_lands_as_an_update_of_what_differs() -> None:
    data = demo()
    record = data.key_results["kr-c1-1"].model_dump(mode="json")
    done, undo = data.apply_minimal(
        Change("replace", (Put("key_results", {**record, "confidence": 9}),))
    )
    assert done.ops == (Update("key_results", "kr-c1-1", {"confidence": 9}),)
    assert undo.ops == (Update("key_results", "kr-c1-1", {"confidence": record["confidence"]}),)


def test_a_change_that_changes_nothing_is_empty() -> None:
    data = demo()
    title = data.objectives["obj-c2"].title
    done, undo = data.apply_minimal(edits.update("objectives", "obj-c2", "same", title=title))
    assert not done and not undo
    cycle_name = data.cycle.name
    assert not data.apply_minimal(edits.rename_cycle(data, cycle_name))[0]


def test_the_cycle_itself_saves_only_its_changed_fields() -> None:
    data = demo()
    done, undo = data.apply_minimal(
        Change(
            "dates",
            (Update("cycles", data.cycle.id, {"name": data.cycle.name, "ends": "2027-01-15"}),),
        )
    )
    assert done.ops == (Update("cycles", data.cycle.id, {"ends": "2027-01-15"}),)
    assert undo.ops == (Update("cycles", data.cycle.id, {"ends": "2026-12-31"}),)


def test_compare_says_what_came_in() -> None:
    before, after = demo(), demo()
    after.apply(edits.update("objectives", "obj-c2", "retitle", title="Grow revenue calmly"))
    after.apply(edits.add_objective(after, title="Added elsewhere", level="company")[1])
    after.apply(edits.delete_key_result(after, "kr-t3-2"))
    difference = compare(before, after)
    assert difference.describe() == (
        "1 objective added, 1 objective changed, 1 key result removed, 7 check-ins removed, "
        "1 dismissed finding removed"
    )
    assert not compare(demo(), demo()), "two copies of the same cycle do not differ"


def test_a_reload_keeps_equal_positions_in_their_order() -> None:
    data = demo()
    for objective_id in list(data.objectives):
        data.apply(edits.update("objectives", objective_id, "tie", position=1.0))
    order = [o.id for o in data.objectives_in_order()]
    # The file lists the records the other way round: ties would swap on screen.
    fresh = CycleData(
        data.cycle, {name: dict(reversed(table.items())) for name, table in data.tables.items()}
    )
    assert [o.id for o in fresh.objectives_in_order()] == order[::-1]
    reconcile(data, fresh)
    data.take_over(fresh)
    assert [o.id for o in data.objectives_in_order()] == order


def test_a_reload_keeps_the_records_that_did_not_change() -> None:
    shown, fresh = demo(), demo()
    fresh.apply(edits.update("objectives", "obj-c2", "retitle", title="Grow revenue calmly"))
    unchanged = shown.objectives["obj-c1"]
    difference = reconcile(shown, fresh)
    assert difference.describe() == "1 objective changed"
    # The same objects: a table that redraws changed rows only redraws obj-c2.
    assert fresh.objectives["obj-c1"] is unchanged
    assert fresh.objectives["obj-c2"] is not shown.objectives["obj-c2"]
    assert fresh.cycle is shown.cycle
