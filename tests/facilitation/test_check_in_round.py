"""The round's order: company first, each objective followed by what aligns under it."""

from __future__ import annotations

from datetime import date

from facilitation.check_in_round import (
    cascade_order,
    checked_in_on_or_after,
    previous_value,
    round_items,
    team_label,
    teams,
)
from okrworkshop.model import CycleData
from tests.facilitation.records import check_in, cycle, key_result, objective


def cascade() -> CycleData:
    data = cycle()
    # Added bottom-up on purpose: the round follows the cascade, not the order of entry.
    objective(
        data,
        "obj-team",
        title="Booking works first time",
        level="team",
        team="Booking",
        parent_id="kr-dept",
    )
    objective(data, "obj-loose", title="Nobody aligned this", level="team", team="Platform")
    objective(
        data,
        "obj-dept",
        title="Booking is effortless",
        level="department",
        team="Product",
        parent_id="obj-co",
    )
    objective(data, "obj-co", title="Clinics recommend us", level="company")
    objective(data, "obj-co2", title="Run a predictable business", level="company")
    key_result(data, "kr-co", "obj-co")
    key_result(data, "kr-dept", "obj-dept")
    key_result(data, "kr-team", "obj-team")
    key_result(data, "kr-loose", "obj-loose")
    key_result(data, "kr-co2", "obj-co2")
    return data


def test_cascade_order_walks_down_from_the_company() -> None:
    order = [o.id for o in cascade_order(cascade())]
    assert order == ["obj-co", "obj-dept", "obj-team", "obj-co2", "obj-loose"]


def test_a_team_round_takes_only_that_teams_key_results() -> None:
    data = cascade()
    assert [i.key_result.id for i in round_items(data)] == [
        "kr-co",
        "kr-dept",
        "kr-team",
        "kr-co2",
        "kr-loose",
    ]
    assert [i.key_result.id for i in round_items(data, "Booking")] == ["kr-team"]
    assert [i.key_result.id for i in round_items(data, "")] == ["kr-co", "kr-co2"]
    assert teams(data) == ["", "Product", "Booking", "Platform"]
    assert [team_label(t) for t in (None, "", "Booking")] == [
        "everyone",
        "the company level",
        "Booking",
    ]


def test_looping_parents_still_get_their_turn() -> None:
    data = cycle()
    objective(data, "obj-a", title="First of a loop", level="team", team="A", parent_id="obj-b")
    objective(data, "obj-b", title="Second of a loop", level="team", team="A", parent_id="obj-a")
    assert sorted(o.id for o in cascade_order(data)) == ["obj-a", "obj-b"]


def test_previous_value_and_this_sessions_check_ins() -> None:
    data = cascade()
    check_in(data, "kr-co", date(2027, 1, 15), value=44)
    check_in(data, "kr-co", date(2027, 1, 8), value=42)  # entered late
    check_in(data, "kr-co", date(2027, 1, 22), confidence=5)  # no value this time
    history = data.check_ins_of("kr-co")
    assert previous_value(history) == 42
    assert checked_in_on_or_after(history, date(2027, 1, 22))
    assert not checked_in_on_or_after(history, date(2027, 1, 23))
