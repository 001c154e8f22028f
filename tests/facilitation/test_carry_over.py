"""Carry-over, field by field: what the next cycle's draft keeps, resets and remembers.

Every field of an objective, a key result and an action is listed here with its fate, so a
field added later fails these tests until someone decides what carry-over does with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from facilitation.carry_over import next_dates, next_name, plan_carry_over, restate_baseline
from okrworkshop.model import ActionItem, CycleData, KeyResult, Objective, edits
from okrworkshop.model.cycle_data import CYCLES_TABLE
from tests.facilitation.records import check_in, cycle, key_result, objective, put

NEXT_STARTS, NEXT_ENDS = date(2027, 4, 1), date(2027, 6, 30)


def retro_cycle() -> CycleData:
    data = cycle(planning_closed_on=date(2027, 1, 4), description="Acme's first quarter")
    put(data, "themes", id="thm-1", title="Patient experience", description="Easy booking")
    put(data, "themes", id="thm-2", title="Unused theme")
    objective(
        data,
        "obj-co",
        title="Clinics recommend us",
        owner="Maya",
        commitment="committed",
        theme_id="thm-1",
        description="Word of mouth is cheapest",
        carry_over="keep",
        carry_over_note="Still our growth bet",
        position=1.0,
    )
    objective(
        data,
        "obj-team",
        title="Booking works the first time",
        level="team",
        team="Booking",
        owner="Lena",
        parent_id="kr-nps",
        carry_over="modify",
        position=2.0,
    )
    objective(
        data,
        "obj-orphan",
        title="Clinics fill cancelled slots",
        level="team",
        team="Booking",
        parent_id="kr-dropped",
        carry_over="keep",
        position=3.0,
    )
    objective(data, "obj-drop", title="Try a partner channel", carry_over="drop", position=4.0)
    objective(
        data, "obj-bau", title="Keep uptime boring", carry_over="business-as-usual", position=5.0
    )
    objective(data, "obj-open", title="Nobody decided on this", position=6.0)
    key_result(
        data,
        "kr-nps",
        "obj-co",
        title="NPS from 31 to 45",
        baseline=31,
        target=50,
        current=39,
        unit="pts",
        owner="Maya",
        weight=2.0,
        confidence=6,
        score=0.6,
        score_note="Referrals launched late",
        due=date(2027, 3, 15),
        position=1.0,
    )
    key_result(
        data,
        "kr-up",
        "obj-co",
        title="Uptime at least 99.9%",
        kind="maintain",
        target=99.9,
        current=99.95,
        direction="at-least",
        unit="%",
        position=2.0,
    )
    key_result(
        data,
        "kr-ms",
        "obj-team",
        title="One-tap rebooking for everyone",
        kind="milestone",
        baseline=None,
        target=None,
        done=True,
        position=1.0,
    )
    key_result(
        data,
        "kr-new",
        "obj-team",
        title="Errors per 1,000 from 18 to 5",
        baseline=18,
        target=5,
        position=2.0,
    )  # never checked in: no current value
    key_result(
        data, "kr-dropped", "obj-drop", title="Partner deals from 0 to 3", baseline=0, target=3
    )
    check_in(
        data,
        "kr-nps",
        date(2027, 2, 1),
        value=35,
        confidence=5,
        note="Slow start",
        blocker="Waiting on legal",
        author="Maya",
    )
    check_in(data, "kr-nps", date(2027, 3, 1), value=39, confidence=4)
    data.apply(edits.edit_key_result(data, "kr-nps", {"target": 45}, on=date(2027, 1, 10)))
    put(data, "sessions", id="ses-1", kind="check-in", title="Weekly check-in")
    put(
        data,
        "actions",
        id="act-open",
        text="Ask legal for a date",
        owner="Ana",
        author="Bo",
        due=date(2027, 4, 10),
        status="open",
        session_id="ses-1",
        created_on=date(2027, 3, 1),
    )
    put(data, "actions", id="act-done", text="Share the OKRs", status="done")
    put(data, "actions", id="act-dropped", text="Buy a banner", status="dropped")
    return data


def plan(data: CycleData) -> Any:
    return plan_carry_over(
        data, name="Acme 2027-Q2", starts=NEXT_STARTS, ends=NEXT_ENDS, cycle_id="cyc-2"
    )


def carried(new: CycleData, old_id: str, table: str = "objectives") -> Any:
    return next(r for r in new.tables[table].values() if r.carried_from.record_id == old_id)


def test_keep_and_modify_carry_over_drop_and_business_as_usual_do_not() -> None:
    result = plan(retro_cycle())
    new = result.next_cycle
    titles = [o.title for o in new.objectives_in_order()]
    assert titles == [
        "Clinics recommend us",
        "Booking works the first time",
        "Clinics fill cancelled slots",
    ]
    assert [o.id for o in result.undecided] == ["obj-open"]
    assert [o.id for o in result.unlinked] == ["obj-orphan"]  # its parent was dropped
    assert result.summary() == "Acme 2027-Q2: 3 objectives, 4 key results, 1 open action"


def test_the_next_cycle() -> None:
    new = plan(retro_cycle()).next_cycle.cycle
    assert new.model_dump() == {
        "id": "cyc-2",
        "name": "Acme 2027-Q2",
        "starts": NEXT_STARTS,
        "ends": NEXT_ENDS,
        "description": "Acme's first quarter",
        "planning_closed_on": None,  # a new planning session closes it
        "previous_cycle_id": "cyc-1",
        "next_cycle_id": None,
    }


def test_every_objective_field() -> None:
    data = retro_cycle()
    new = plan(data).next_cycle
    old = data.objectives["obj-co"]
    copy = carried(new, "obj-co")
    theme = new.themes[copy.theme_id]
    expected = {
        "id": copy.id,  # a new id of its own
        "title": old.title,
        "description": old.description,
        "level": old.level,
        "team": old.team,
        "owner": old.owner,
        "commitment": old.commitment,
        "theme_id": copy.theme_id,  # the copied theme (below)
        "parent_id": None,
        "carry_over": None,  # next cycle's retro decides again
        "carry_over_note": "",
        "carried_from": {
            "cycle_id": "cyc-1",
            "cycle_name": "Acme 2027-Q1",
            "record_id": "obj-co",
            "decision": "keep",
            "note": "Still our growth bet",
        },
        "position": old.position,
    }
    assert set(expected) == set(Objective.model_fields), "decide what carry-over does with it"
    assert copy.model_dump(mode="json") == {
        k: v.isoformat() if isinstance(v, date) else v for k, v in expected.items()
    }
    assert copy.id != old.id
    assert (theme.title, theme.description) == ("Patient experience", "Easy booking")
    assert sorted(t.title for t in new.themes.values()) == ["Patient experience", "Unused theme"]


def test_parents_follow_when_they_carry_over_too() -> None:
    new = plan(retro_cycle()).next_cycle
    team = carried(new, "obj-team")
    nps = carried(new, "kr-nps", "key_results")
    assert team.parent_id == nps.id
    assert carried(new, "obj-team").carried_from.decision == "modify"


def test_every_key_result_field() -> None:
    data = retro_cycle()
    new = plan(data).next_cycle
    old = data.key_results["kr-nps"]
    copy = carried(new, "kr-nps", "key_results")
    expected = {
        "id": copy.id,
        "objective_id": carried(new, "obj-co").id,
        "title": "NPS from 39 to 45",  # was "from 31": the title says where it starts now
        "kind": old.kind,
        "baseline": 39.0,  # the last value is the new starting point
        "target": old.target,
        "current": 39.0,
        "unit": old.unit,
        "direction": old.direction,
        "done": False,
        "due": date(2027, 6, 15),  # moved on by the three months the cycle moves
        "owner": old.owner,
        "weight": old.weight,
        "confidence": None,  # asked again at the next commit
        "score": None,
        "score_note": "",
        "target_history": [],
        "carried_from": copy.carried_from,  # checked below
        "position": old.position,
    }
    assert set(expected) == set(KeyResult.model_fields), "decide what carry-over does with it"
    assert copy.model_dump() == {
        **expected,
        "carried_from": copy.carried_from.model_dump(),
    }
    assert copy.model_dump()["carried_from"] == copy.carried_from.model_dump()


def test_the_key_results_past_travels_with_it() -> None:
    data = retro_cycle()
    past = carried(plan(data).next_cycle, "kr-nps", "key_results").carried_from
    assert (past.cycle_id, past.cycle_name, past.record_id, past.decision) == (
        "cyc-1",
        "Acme 2027-Q1",
        "kr-nps",
        "keep",
    )
    assert (past.baseline, past.target, past.final, past.unit) == (31, 45, 39, "pts")
    assert (past.confidence, past.last_confidence, past.progress) == (6, 4, 8 / 14)
    assert (past.score, past.score_note) == (0.6, "Referrals launched late")
    assert past.due == date(2027, 3, 15)
    assert [(c.at, c.value, c.confidence, c.note, c.blocker, c.author) for c in past.check_ins] == [
        (date(2027, 2, 1), 35, 5, "Slow start", "Waiting on legal", "Maya"),
        (date(2027, 3, 1), 39, 4, "", "", ""),
    ]
    assert [(t.old, t.new) for t in past.target_history] == [(50, 45)]


def test_each_kind_starts_where_it_got_to() -> None:
    new = plan(retro_cycle()).next_cycle
    uptime = carried(new, "kr-up", "key_results")
    assert (uptime.baseline, uptime.current, uptime.target) == (99.95, 99.95, 99.9)
    assert uptime.progress() == 1.0  # still holding the threshold
    milestone = carried(new, "kr-ms", "key_results")
    assert (milestone.done, milestone.carried_from.done) == (False, True)
    unmeasured = carried(new, "kr-new", "key_results")
    assert (unmeasured.baseline, unmeasured.current) == (18, None)  # kept, not invented
    nps = carried(new, "kr-nps", "key_results")
    assert nps.progress() == 0.0  # a new cycle starts at zero progress


def test_open_actions_move_on_and_the_old_cycle_says_where() -> None:
    data = retro_cycle()
    result = plan(data)
    [action] = result.next_cycle.actions.values()
    old = data.actions["act-open"]
    expected = {
        "id": action.id,
        "text": old.text,
        "owner": old.owner,
        "author": "Bo",  # who raised it still raised it
        "due": old.due,  # a real date: it does not move with the quarter
        "status": "open",
        "session_id": None,  # the session is in the old cycle
        "created_on": old.created_on,
        "done_on": None,
        "carried_from": action.carried_from,
        "carried_to": None,
    }
    assert set(expected) == set(ActionItem.model_fields), "decide what carry-over does with it"
    assert action.model_dump() == {**expected, "carried_from": action.carried_from.model_dump()}
    assert (action.carried_from.record_id, action.carried_from.note) == (
        "act-open",
        "Weekly check-in",
    )
    assert action.id != old.id
    # The old cycle, once the change is applied: the action points ahead, the cycle too.
    data.apply(result.source_change)
    assert data.actions["act-open"].carried_to == "cyc-2"
    assert not data.actions["act-open"].is_open
    assert data.cycle.next_cycle_id == "cyc-2"
    assert {op.table for op in result.source_change.ops} == {"actions", CYCLES_TABLE}


def test_the_next_cycle_survives_a_bundle_round_trip() -> None:
    from okrworkshop.model import bundle_from_cycle, cycle_from_bundle
    from okrworkshop.model.bundle import Bundle

    new = plan(retro_cycle()).next_cycle
    document = bundle_from_cycle(new).model_dump(mode="json")
    again = cycle_from_bundle(Bundle.model_validate(document))
    assert bundle_from_cycle(again).model_dump(mode="json") == document


def test_next_period_and_name() -> None:
    data = retro_cycle()
    assert next_dates(data.cycle, date(2027, 3, 30)) == (NEXT_STARTS, NEXT_ENDS)
    assert next_dates(cycle(starts=None, ends=None).cycle, date(2027, 5, 5)) == (
        date(2027, 5, 5),
        date(2027, 8, 4),
    )
    assert next_name("Acme 2026-Q4", date(2027, 1, 1)) == "Acme 2027-Q1"
    assert next_name("Acme spring", date(2027, 4, 1)) == "Acme spring 2027-Q2"


def test_a_bad_name_is_refused_before_anything_is_built() -> None:
    with pytest.raises(ValueError, match="name"):
        plan_carry_over(retro_cycle(), name="", starts=NEXT_STARTS, ends=NEXT_ENDS)
    with pytest.raises(ValueError, match="ends"):
        plan_carry_over(retro_cycle(), name="Q2", starts=NEXT_ENDS, ends=NEXT_STARTS)


@pytest.mark.parametrize(
    ("title", "old", "new", "expected"),
    [
        (
            "Monthly logo churn from 2.4% to 1.5%",
            2.4,
            1.67,
            "Monthly logo churn from 1.67% to 1.5%",
        ),
        ("Errors per 1,000 attempts from 18 to 5", 18, 8, "Errors per 1,000 attempts from 8 to 5"),
        (
            "Revenue from 1,200 to 2,000 a month",
            1200,
            1534.5,
            "Revenue from 1,534.5 to 2,000 a month",
        ),
        ("ARR from 4.2M to 5.0M", 4.2, 4.71, "ARR from 4.71M to 5.0M"),
        ("Cost per clinic from $40 to $20", 40, 33, "Cost per clinic from $33 to $20"),
        ("Margin from -3 to 5", -3, -1.25, "Margin from -1.25 to 5"),
        # A title that does not state the old baseline is left as the team wrote it.
        ("Write 20 help-centre articles", 0, 11, "Write 20 help-centre articles"),
        ("NPS from 30 to 45", 31, 39, "NPS from 30 to 45"),
    ],
)
def test_a_title_that_states_the_baseline_states_the_new_one(
    title: str, old: float, new: float, expected: str
) -> None:
    assert restate_baseline(title, old, new) == expected
