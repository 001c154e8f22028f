"""The check-in rules fire when they should and stay quiet when they should (DESIGN §5)."""

from __future__ import annotations

from datetime import date, timedelta

from facilitation.coach import CoachSettings, Finding, coach
from okrworkshop.model import CycleData
from tests.facilitation.records import STARTS, check_in, cycle, key_result, objective


def findings(data: CycleData, slug: str, today: date | None = None) -> list[Finding]:
    return coach(data, CoachSettings(today=today), select=[slug])


def one_key_result() -> CycleData:
    data = cycle()
    objective(data)
    key_result(data)
    return data


# ------------------------------------------------------------------ stale-check-in


def test_a_key_result_without_a_check_in_for_14_days_is_stale() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=45)
    [finding] = findings(data, "stale-check-in", date(2027, 2, 15))
    assert finding.target_id == "kr-1"
    assert finding.severity == "warning"
    assert "No check-in for 14 days (the last was on 2027-02-01)" in finding.message


def test_a_check_in_within_14_days_is_not_stale() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=45)
    assert findings(data, "stale-check-in", date(2027, 2, 14)) == []


def test_never_checked_in_counts_from_the_cycle_start() -> None:
    data = one_key_result()
    assert findings(data, "stale-check-in", STARTS + timedelta(days=13)) == []
    [finding] = findings(data, "stale-check-in", STARTS + timedelta(days=20))
    assert "none since the cycle started on 2027-01-01" in finding.message


def test_staleness_only_while_the_cycle_runs() -> None:
    data = one_key_result()
    assert findings(data, "stale-check-in", date(2026, 12, 1)) == []  # not started
    assert findings(data, "stale-check-in", date(2027, 4, 20)) == []  # over: time to score
    assert findings(data, "stale-check-in", None) == []  # no date given: no guessing


def test_done_milestones_and_past_due_key_results_need_no_check_in() -> None:
    data = cycle()
    objective(data)
    key_result(data, "kr-done", kind="milestone", done=True, baseline=None, target=None)
    key_result(data, "kr-due", due=date(2027, 2, 1))
    key_result(data, "kr-open", kind="milestone", done=False, baseline=None, target=None)
    stale = findings(data, "stale-check-in", date(2027, 3, 1))
    assert [f.target_id for f in stale] == ["kr-open"]


def test_a_late_entry_for_an_old_date_does_not_refresh_staleness() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 10), value=50)
    check_in(data, "kr-1", date(2027, 1, 20), value=44)  # entered late, dated earlier
    [finding] = findings(data, "stale-check-in", date(2027, 2, 28))
    assert "the last was on 2027-02-10" in finding.message


def test_the_threshold_is_a_setting() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=45)
    settings = CoachSettings(today=date(2027, 2, 8), stale_after_days=7)
    assert [f.rule for f in coach(data, settings, select=["stale-check-in"])] == ["stale-check-in"]


# ------------------------------------------------------------------ low-confidence-no-plan


def test_low_confidence_without_note_or_blocker_asks_for_a_plan() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=42, confidence=3)
    [finding] = findings(data, "low-confidence-no-plan")
    assert finding.target_id == "kr-1"
    assert "Confidence is 3/10" in finding.message
    assert finding.example


def test_a_note_or_a_blocker_is_a_plan() -> None:
    for extra in ({"note": "Ana calls the provider on Friday"}, {"blocker": "Payments API"}):
        data = one_key_result()
        check_in(data, "kr-1", date(2027, 2, 1), value=42, confidence=2, **extra)
        assert findings(data, "low-confidence-no-plan") == []


def test_only_the_latest_confidence_counts() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=42, confidence=2)
    check_in(data, "kr-1", date(2027, 2, 8), value=48, confidence=6)
    assert findings(data, "low-confidence-no-plan") == []
    check_in(data, "kr-1", date(2027, 2, 15), value=48)  # no confidence given this time
    assert findings(data, "low-confidence-no-plan") == []
    check_in(data, "kr-1", date(2027, 2, 22), value=48, confidence=1)
    assert len(findings(data, "low-confidence-no-plan")) == 1


def test_four_is_medium_not_low() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=42, confidence=4)
    assert findings(data, "low-confidence-no-plan") == []


# ------------------------------------------------------------------ off-track-forecast


def test_a_pace_that_misses_the_target_is_flagged() -> None:
    data = one_key_result()  # 40 -> 60 by 2027-03-31
    check_in(data, "kr-1", date(2027, 1, 1), value=40)
    check_in(data, "kr-1", date(2027, 2, 1), value=42)  # 2 a month: about 45.7 by the end
    [finding] = findings(data, "off-track-forecast", date(2027, 2, 2))
    assert finding.severity == "info"
    assert "reaches about 45.74 by 2027-03-31, 29% of the way to 60" in finding.message


def test_a_pace_that_reaches_the_target_is_fine() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 1, 1), value=40)
    check_in(data, "kr-1", date(2027, 2, 1), value=50)
    assert findings(data, "off-track-forecast", date(2027, 2, 2)) == []


def test_decreasing_targets_are_forecast_the_right_way_round() -> None:
    data = cycle()
    objective(data)
    key_result(data, title="Churn from 5% to 3%", baseline=5, target=3, unit="%")
    check_in(data, "kr-1", date(2027, 1, 1), value=5)
    check_in(data, "kr-1", date(2027, 2, 15), value=3.9)  # on pace for 3 by the end
    assert findings(data, "off-track-forecast") == []
    check_in(data, "kr-1", date(2027, 3, 1), value=4.8)  # going the wrong way
    [finding] = findings(data, "off-track-forecast")
    assert "to 3%" in finding.message


def test_one_check_in_is_no_trend() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 2, 1), value=41)
    assert findings(data, "off-track-forecast") == []


def test_a_maintain_key_result_drifting_past_its_threshold_is_flagged() -> None:
    data = cycle()
    objective(data)
    key_result(data, kind="maintain", target=99.5, baseline=None, title="Uptime at least 99.5%")
    check_in(data, "kr-1", date(2027, 1, 10), value=99.9)
    check_in(data, "kr-1", date(2027, 2, 10), value=99.7)
    [finding] = findings(data, "off-track-forecast")
    assert "drifts below 99.5" in finding.message
    check_in(data, "kr-1", date(2027, 3, 10), value=99.95)
    assert findings(data, "off-track-forecast") == []


def test_no_forecast_once_due_or_reached() -> None:
    data = one_key_result()
    check_in(data, "kr-1", date(2027, 1, 1), value=40)
    check_in(data, "kr-1", date(2027, 2, 1), value=41)
    assert findings(data, "off-track-forecast", date(2027, 4, 2)) == []  # past due
    check_in(data, "kr-1", date(2027, 2, 8), value=60)
    assert findings(data, "off-track-forecast", date(2027, 2, 9)) == []  # reached
