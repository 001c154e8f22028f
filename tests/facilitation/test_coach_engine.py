"""The coach's engine: dismissals, re-checking one draft, settings read from a file's table."""

from __future__ import annotations

from datetime import date

import pytest

from facilitation.coach import CoachSettings, SettingsError, check_draft, coach, coach_report
from okrworkshop.model import KeyResult, Objective, edits
from tests.facilitation.coaching import cycle_with, good_key_results, key_result


def test_a_dismissed_finding_leaves_the_open_list_and_undo_brings_it_back() -> None:
    data = cycle_with("Grow revenue 20% in the Nordics")
    assert [f.rule for f in coach(data)] == ["objective-has-number"]
    _, change = edits.dismiss_finding(
        data,
        "objective-has-number",
        "obj-1",
        "The board asked for this wording",
        by="Sam",
        on=date(2027, 1, 5),
    )
    undo = data.apply(change)
    report = coach_report(data)
    assert report.open == []
    [(finding, dismissal)] = report.dismissed
    assert finding.rule == "objective-has-number"
    assert (dismissal.reason, dismissal.by, dismissal.at) == (
        "The board asked for this wording",
        "Sam",
        date(2027, 1, 5),
    )
    data.apply(undo)
    assert [f.rule for f in coach(data)] == ["objective-has-number"]


def test_a_dismissal_hides_one_rule_on_one_target_only() -> None:
    data = cycle_with("Grow revenue 20%", owner="")
    _, change = edits.dismiss_finding(data, "objective-has-number", "obj-1", "on purpose")
    data.apply(change)
    assert [f.rule for f in coach(data)] == ["objective-no-owner"]


def test_restoring_a_dismissed_finding() -> None:
    data = cycle_with("Grow revenue 20%")
    dismissal_id, change = edits.dismiss_finding(data, "objective-has-number", "obj-1", "why")
    data.apply(change)
    data.apply(edits.restore_finding(data, dismissal_id))
    assert [f.rule for f in coach(data)] == ["objective-has-number"]


def test_a_dismissal_needs_a_reason() -> None:
    data = cycle_with()
    _, change = edits.dismiss_finding(data, "objective-has-number", "obj-1", "   ")
    with pytest.raises(ValueError, match="must not be blank"):
        data.apply(change)
    assert not data.dismissals


def test_deleting_an_objective_takes_its_dismissals_along_and_undo_restores_them() -> None:
    krs = [key_result("Write 20 help-centre articles", id="kr-a"), *good_key_results()[1:]]
    data = cycle_with("Grow revenue 20%", krs)
    data.apply(edits.dismiss_finding(data, "objective-has-number", "obj-1", "why")[1])
    data.apply(edits.dismiss_finding(data, "key-result-activity", "kr-a", "a real deliverable")[1])
    undo = data.apply(edits.delete_objective(data, "obj-1"))
    assert not data.dismissals
    data.apply(undo)
    assert len(data.dismissals) == 2
    assert coach(data) == []


def test_check_draft_sees_a_key_result_being_typed_and_its_objective() -> None:
    data = cycle_with(key_results=good_key_results()[:2])
    draft = KeyResult.model_construct(
        **{**good_key_results()[0].model_dump(), "id": "kr-new", "title": "Write 20 articles"}
    )
    report = check_draft(data, key_result=draft)
    # The draft's own finding, and the objective no longer short of key results.
    assert [(f.rule, f.target_id) for f in report.open] == [("key-result-activity", "kr-new")]
    assert [f.rule for f in coach(data)] == ["too-few-key-results"]


def test_check_draft_replaces_the_stored_record_being_edited() -> None:
    data = cycle_with()
    stored = good_key_results()[0]
    edited = stored.model_copy(update={"title": "More clinics", "target": None})
    rules = {f.rule for f in check_draft(data, key_result=edited).open}
    assert rules == {"key-result-vague", "key-result-not-measurable"}
    assert coach(data) == []  # nothing was stored


def test_check_draft_of_an_objective_keeps_dismissals() -> None:
    data = cycle_with()
    data.apply(edits.dismiss_finding(data, "objective-output-verb", "obj-1", "agreed")[1])
    draft = Objective.model_construct(
        **{**data.objectives["obj-1"].model_dump(), "title": "Launch the app in Spain"}
    )
    report = check_draft(data, objective=draft)
    assert report.open == []
    assert [f.rule for f, _ in report.dismissed] == ["objective-output-verb"]


def test_select_and_ignore() -> None:
    data = cycle_with("Launch 2 apps", owner="")
    assert {f.rule for f in coach(data)} == {
        "objective-has-number",
        "objective-output-verb",
        "objective-no-owner",
    }
    assert {f.rule for f in coach(data, select=["objective-no-owner"])} == {"objective-no-owner"}
    assert {f.rule for f in coach(data, ignore=["objective-no-owner"])} == {
        "objective-has-number",
        "objective-output-verb",
    }


def test_settings_from_a_mapping() -> None:
    settings = CoachSettings.from_mapping({"max_key_results": 4, "max_draft_confidence": 8.5})
    assert settings == CoachSettings(max_key_results=4, max_draft_confidence=8.5)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"max_krs": 4}, "coach.toml: unknown setting 'max_krs'; known settings: "),
        ({"max_key_results": "four"}, "coach.toml: max_key_results must be a number, not 'four'"),
        ({"max_key_results": 4.5}, "coach.toml: max_key_results must be a whole number, not 4.5"),
        ({"max_key_results": True}, "coach.toml: max_key_results must be a number, not True"),
        ({"max_objectives": -1}, "coach.toml: max_objectives must not be negative"),
        (
            {"min_key_results": 6},
            "coach.toml: min_key_results (6) is above max_key_results (5)",
        ),
    ],
)
def test_bad_settings_are_named(values: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError) as error:
        CoachSettings.from_mapping(values, "coach.toml")
    assert str(error.value).startswith(message)


def test_a_run_stops_at_the_next_rule_once_it_is_no_longer_wanted() -> None:
    from facilitation.coach import RULES, CoachCancelled

    data = cycle_with("Grow revenue 20% in the Nordics")
    asked: list[int] = []

    def after_three() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(CoachCancelled):
        coach_report(data, cancelled=after_three)
    assert len(asked) == 4, "asked before each rule, and no further once it said stop"
    assert len(RULES) > 4

    # Never cancelled: the same findings as without the question.
    assert coach_report(data, cancelled=lambda: False) == coach_report(data)
