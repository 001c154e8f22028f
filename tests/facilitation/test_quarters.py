"""Quarter over quarter: planning confidence beside final scores shows sandbagging."""

from __future__ import annotations

from datetime import date

from facilitation.celebrate import celebrations, check_in_wins
from facilitation.quarters import all_teams, team_history, verdict
from okrworkshop.model import CycleData, edits
from tests.facilitation.records import cycle, key_result, objective, put


def quarter(
    index: int, confidences: list[int | None], scores: list[float | None], team: str = "Booking"
) -> CycleData:
    month = 1 + 3 * (index % 4)
    data = cycle(
        id=f"cyc-{index}",
        name=f"Acme Q{index}",
        starts=date(2026 + index // 4, month, 1),
        ends=date(2026 + index // 4, month + 2, 28),
    )
    objective(data, "obj-t", title="Booking works", level="team", team=team)
    objective(data, "obj-c", title="Clinics recommend us", level="company")
    key_result(data, "kr-c", "obj-c", confidence=2, score=0.1)  # another team's numbers
    for i, (confidence, score) in enumerate(zip(confidences, scores, strict=True)):
        key_result(data, f"kr-{i}", "obj-t", confidence=confidence, score=score)
    return data


def test_rows_keep_confidence_and_score_apart_oldest_first() -> None:
    cycles = [quarter(2, [9, 9], [1.0, 0.9]), quarter(1, [5, None], [0.5, None])]
    rows = team_history(cycles, "Booking")
    assert [r.cycle_name for r in rows] == ["Acme Q1", "Acme Q2"]
    first, second = rows
    assert (first.planning_confidence, first.confidence_given) == (5.0, 1)
    assert (first.final_score, first.scored, first.key_results) == (0.5, 1, 2)
    assert (second.planning_confidence, second.final_score) == (9.0, 0.95)
    assert [r.pattern for r in rows] == ["stretch", "too safe"]


def test_chronic_sandbagging_shows() -> None:
    cycles = [quarter(i, [9, 8], [1.0, 0.95]) for i in range(1, 4)]
    text = verdict(team_history(cycles, "Booking"), "Booking")
    assert text.startswith("3 of the last 3 scored cycles of Booking ended at 0.9 or more")
    assert "sandbagging" in text


def test_chronic_over_reach_shows() -> None:
    cycles = [quarter(i, [7, 7], [0.2, 0.3]) for i in range(1, 4)]
    rows = team_history(cycles, "Booking")
    assert [r.pattern for r in rows] == ["over-reach"] * 3
    assert "keep over-reaching" in verdict(rows, "Booking")


def test_no_pattern_from_one_cycle_or_a_healthy_mix() -> None:
    one = team_history([quarter(1, [9], [1.0])], "Booking")
    assert (
        verdict(one, "Booking")
        == "Booking needs two scored cycles before a pattern shows; 1 so far."
    )
    mixed = team_history(
        [quarter(1, [9], [1.0]), quarter(2, [5], [0.65]), quarter(3, [6], [0.7])], "Booking"
    )
    assert verdict(mixed, "Booking").startswith("No chronic pattern")


def test_a_high_score_after_humble_planning_is_not_sandbagging() -> None:
    [row] = team_history([quarter(1, [4, 5], [1.0, 0.95])], "Booking")
    assert row.pattern == "stretch"


def test_teams_and_the_company_level() -> None:
    cycles = [quarter(1, [5], [0.5]), quarter(2, [5], [0.5], team="Platform")]
    assert all_teams(cycles) == ["", "Booking", "Platform"]
    [company] = team_history(cycles[:1], "")
    assert (company.planning_confidence, company.final_score) == (2.0, 0.1)
    assert team_history(cycles[:1], "Nobody") == []


def test_celebrations_name_what_landed_and_the_best_liked_cards() -> None:
    data = quarter(1, [5, 5], [0.8, 0.3])
    put(data, "sessions", id="ses-r", kind="retro", title="Retro", retro_format="glad-sad-mad")
    for i, (column, votes) in enumerate((("glad", 1), ("glad", 4), ("sad", 9))):
        put(
            data,
            "retro_cards",
            id=f"card-{i}",
            session_id="ses-r",
            column=column,
            text=f"Card {i}",
            votes=votes,
            author="Bo",
        )
    found = celebrations(data, data.sessions["ses-r"])
    assert [(c.text, c.why) for c in found] == [
        ("Activation from 40% to 60%", "score 0.80"),
        ("Card 1", "4 votes"),
        ("Card 0", "1 vote"),
    ]


def test_after_the_vote_a_card_nobody_voted_for_is_not_called_out() -> None:
    data = quarter(1, [5], [0.2])
    put(data, "sessions", id="ses-r", kind="retro", title="Retro", retro_format="glad-sad-mad")
    for i, votes in enumerate((3, 0)):
        put(
            data,
            "retro_cards",
            id=f"card-{i}",
            session_id="ses-r",
            column="glad",
            text=f"Card {i}",
            votes=votes,
        )
    assert [c.text for c in celebrations(data, data.sessions["ses-r"])] == ["Card 0"]
    # Before any vote every card of the bright column counts, for what it says.
    data.apply(edits.update("retro_cards", "card-0", "no votes", votes=0))
    found = celebrations(data, data.sessions["ses-r"])
    assert [(c.text, c.why) for c in found] == [("Card 0", "glad"), ("Card 1", "glad")]


def test_a_check_in_calls_out_what_moved_up_that_day_and_who_moved_it() -> None:
    data = quarter(1, [5, 5], [None, None])
    put(data, "sessions", id="ses-c", kind="check-in", title="Check-in", held_on=date(2026, 2, 9))
    for kr, values in (("kr-0", (45, 50)), ("kr-1", (55, 52))):
        for day, value in zip((date(2026, 2, 2), date(2026, 2, 9)), values, strict=True):
            put(
                data,
                "check_ins",
                id=f"ci-{kr}-{day.day}",
                key_result_id=kr,
                at=day,
                value=value,
                author="Bo",
            )
    found = check_in_wins(data, data.sessions["ses-c"])
    assert [(c.text, c.who, c.why) for c in found] == [
        ("Activation from 40% to 60%", "Bo", "progress 25% → 50%")
    ]
