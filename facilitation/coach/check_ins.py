"""Check-in rules: regular updates, a plan behind low confidence, an early warning (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Iterator

from facilitation.check_in_round import latest, latest_confidence
from facilitation.coach.engine import CoachSettings, Finding, rule
from facilitation.forecast import forecast
from okrworkshop.model import CycleData, KeyResult


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()


def _finished(kr: KeyResult) -> bool:
    return kr.kind == "milestone" and kr.done


@rule("stale-check-in", "warning", "regular check-ins")
def stale_check_in(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    today, cycle = settings.today, data.cycle
    if today is None or cycle.starts is None or today < cycle.starts:
        return
    if cycle.ends is not None and today > cycle.ends:
        return  # the cycle is over: the retro scores it, nobody checks in any more
    for kr in data.key_results.values():
        due = kr.due_in(cycle)
        if _finished(kr) or (due is not None and due < today):
            continue
        last = latest(data.children_unordered("check_ins", kr.id))
        since = last.at if last is not None else cycle.starts
        days = (today - since).days
        if days < settings.stale_after_days:
            continue
        when = (
            f"the last was on {last.at.isoformat()}"
            if last is not None
            else f"none since the cycle started on {cycle.starts.isoformat()}"
        )
        yield Finding(
            "stale-check-in",
            "warning",
            kr.id,
            f"No check-in for {days} days ({when}); a quick number and a confidence keep it alive.",
        )


@rule("low-confidence-no-plan", "warning", "act on risk")
def low_confidence_no_plan(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in data.key_results.values():
        check_in = latest_confidence(data.children_unordered("check_ins", kr.id))
        if check_in is None or check_in.confidence is None:
            continue
        if check_in.confidence > settings.low_confidence:
            continue
        if check_in.note.strip() or check_in.blocker.strip():
            continue
        yield Finding(
            "low-confidence-no-plan",
            "warning",
            kr.id,
            f"Confidence is {check_in.confidence}/10 (check-in of {check_in.at.isoformat()}) "
            "with no note or blocker: what is the plan, and who can unblock it?",
            'Instead of a bare "3", try "3 — waiting on the payments provider; Ana asks them '
            'for a date on Friday".',
        )


@rule("off-track-forecast", "info", "early warning")
def off_track_forecast(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in data.key_results.values():
        if kr.progress() >= 1.0 and kr.kind != "maintain":
            continue
        due = kr.due_in(data.cycle)
        if due is None or (settings.today is not None and due < settings.today):
            continue
        expected = forecast(kr, data.children_unordered("check_ins", kr.id), due)
        if expected is None or expected.reaches_target:
            continue
        if kr.kind == "maintain":
            side = "below" if kr.direction == "at-least" else "above"
            message = (
                f"At the trend of its {expected.points} check-ins it drifts {side} "
                f"{_number(kr.target, kr.unit)} by {due.isoformat()} "
                f"(about {_number(expected.value, kr.unit)})."
            )
        else:
            message = (
                f"At the pace of its {expected.points} check-ins it reaches about "
                f"{_number(expected.value, kr.unit)} by {due.isoformat()}, "
                f"{round(expected.progress * 100)}% of the way to {_number(kr.target, kr.unit)}."
            )
        yield Finding("off-track-forecast", "info", kr.id, message)
