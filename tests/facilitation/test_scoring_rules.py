"""The scoring rules, each tested both ways, and the target history they rely on."""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitation.coach import CoachSettings, Finding, coach
from facilitation.scores import cycle_score, differs_from_progress, note_wanted, objective_score
from okrworkshop.model import CycleData, edits
from tests.facilitation.records import cycle, key_result, objective


def findings(data: CycleData, slug: str) -> list[Finding]:
    return coach(data, CoachSettings(), select=[slug])


def scored(*scores: float | None, commitment: str = "aspirational", **kr: Any) -> CycleData:
    data = cycle()
    objective(data, commitment=commitment)
    for index, score in enumerate(scores, start=1):
        key_result(data, f"kr-{index}", score=score, current=50, **kr)  # progress 0.5
    return data


# ------------------------------------------------------------------ target-too-safe


def test_every_stretch_key_result_at_095_or_more_is_too_safe() -> None:
    [finding] = findings(scored(1.0, 0.95, 0.97, score_note="x"), "target-too-safe")
    assert finding.target_id == "obj-1"
    assert finding.severity == "info"


def test_one_real_stretch_is_enough() -> None:
    assert findings(scored(1.0, 0.94, 1.0, score_note="x"), "target-too-safe") == []


def test_unscored_or_committed_objectives_are_not_judged_too_safe() -> None:
    assert findings(scored(1.0, None), "target-too-safe") == []
    assert findings(scored(1.0, 1.0, commitment="committed"), "target-too-safe") == []
    data = cycle()
    objective(data)  # no key results at all
    assert findings(data, "target-too-safe") == []


# ------------------------------------------------------------------ committed-miss-unexplained


def test_a_committed_miss_without_a_note() -> None:
    [finding] = findings(scored(0.5, commitment="committed"), "committed-miss-unexplained")
    assert finding.target_id == "kr-1"
    assert "scored 0.50 with no note" in finding.message


def test_a_committed_miss_with_a_note_or_a_hit_is_fine() -> None:
    data = scored(0.5, commitment="committed", score_note="The vendor slipped a month.")
    assert findings(data, "committed-miss-unexplained") == []
    assert findings(scored(1.0, commitment="committed"), "committed-miss-unexplained") == []
    assert findings(scored(0.5), "committed-miss-unexplained") == []  # aspirational
    assert findings(scored(None, commitment="committed"), "committed-miss-unexplained") == []


# ------------------------------------------------------------------ score-override-unexplained


def test_a_score_far_from_progress_without_a_note() -> None:
    [finding] = findings(scored(0.8), "score-override-unexplained")
    assert "Scored 0.80 while the progress reached is 0.50" in finding.message


def test_within_a_tenth_or_explained_is_fine() -> None:
    assert findings(scored(0.6), "score-override-unexplained") == []  # exactly 0.1 away
    assert findings(scored(0.4), "score-override-unexplained") == []
    assert (
        findings(scored(0.9, score_note="Two clinics signed late"), "score-override-unexplained")
        == []
    )


def test_a_tenth_is_measured_exactly() -> None:
    # 0.8 - 0.7 is 0.10000000000000009 in binary floats; people mean 0.1.
    assert not differs_from_progress(0.8, 0.7)
    assert not differs_from_progress(0.7, 0.6)
    assert differs_from_progress(0.81, 0.7)


# ------------------------------------------------------------------ target-changed-unexplained


def closed_cycle() -> CycleData:
    data = cycle(planning_closed_on=date(2027, 1, 5))
    objective(data)
    key_result(data)
    return data


def test_a_target_changed_after_planning_is_recorded_with_its_reason() -> None:
    data = closed_cycle()
    data.apply(
        edits.edit_key_result(
            data, "kr-1", {"target": 55}, on=date(2027, 2, 1), reason="Budget cut in February"
        )
    )
    [change] = data.key_results["kr-1"].target_history
    assert (change.on, change.old, change.new, change.reason) == (
        date(2027, 2, 1),
        60,
        55,
        "Budget cut in February",
    )
    assert findings(data, "target-changed-unexplained") == []


def test_a_target_changed_without_a_reason_is_flagged_until_one_is_given() -> None:
    data = closed_cycle()
    data.apply(edits.edit_key_result(data, "kr-1", {"target": 55}, on=date(2027, 2, 1)))
    [finding] = findings(data, "target-changed-unexplained")
    assert "moved from 60 to 55 on 2027-02-01 with no reason" in finding.message
    # The reason can come later, with the target left as it is.
    data.apply(
        edits.edit_key_result(data, "kr-1", {"target": 55}, on=date(2027, 2, 3), reason="Budget")
    )
    assert [c.reason for c in data.key_results["kr-1"].target_history] == ["Budget"]
    assert findings(data, "target-changed-unexplained") == []


def test_changes_during_planning_are_not_history() -> None:
    data = closed_cycle()
    data.apply(edits.edit_key_result(data, "kr-1", {"target": 70}, on=date(2027, 1, 4)))
    assert data.key_results["kr-1"].target_history == []
    data = cycle()  # planning never closed
    objective(data)
    key_result(data)
    data.apply(edits.edit_key_result(data, "kr-1", {"target": 70}, on=date(2027, 2, 1)))
    assert data.key_results["kr-1"].target_history == []
    assert findings(data, "target-changed-unexplained") == []


def test_the_same_target_again_is_no_change() -> None:
    data = closed_cycle()
    data.apply(
        edits.edit_key_result(data, "kr-1", {"target": 60, "owner": "Ana"}, on=date(2027, 2, 1))
    )
    assert data.key_results["kr-1"].target_history == []
    assert data.key_results["kr-1"].owner == "Ana"


def test_undo_takes_the_history_entry_back_with_the_target() -> None:
    data = closed_cycle()
    undo = data.apply(edits.edit_key_result(data, "kr-1", {"target": 55}, on=date(2027, 2, 1)))
    data.apply(undo)
    assert data.key_results["kr-1"].target == 60
    assert data.key_results["kr-1"].target_history == []


# ------------------------------------------------------------------ scores and their averages


def test_scores_default_to_progress_and_average_by_weight() -> None:
    data = cycle()
    objective(data)
    key_result(data, "kr-1", current=60, weight=3)  # progress 1.0, unscored
    key_result(data, "kr-2", current=40, score=0.2)  # progress 0.0, scored 0.2
    summary = objective_score(data, "obj-1")
    assert summary.value == (1.0 * 3 + 0.2) / 4
    assert (summary.scored, summary.total, summary.provisional) == (1, 2, True)
    objective(data, "obj-2", title="A second objective")
    key_result(data, "kr-3", "obj-2", current=50, score=0.5)
    total = cycle_score(data)
    assert total.value == (0.8 + 0.5) / 2  # each objective counts once
    assert (total.scored, total.total) == (2, 3)


def test_the_score_form_asks_for_a_note_only_when_one_is_needed() -> None:
    data = scored(None, commitment="committed")
    kr, goal = data.key_results["kr-1"], data.objectives["obj-1"]
    assert note_wanted(kr, goal, 0.5, "") is not None  # committed and missed
    assert note_wanted(kr, goal, 0.9, "") is not None  # an override
    assert note_wanted(kr, goal, 0.9, "Signed after the close") is None
    assert note_wanted(kr, None, 0.5, "") is None  # at its progress, not committed
