"""Scoring rules: honest scores, explained misses and openly moved targets (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Iterator

from facilitation.coach.engine import CoachSettings, Finding, rule
from facilitation.scores import differs_from_progress
from okrworkshop.model import CycleData


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "none"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()


@rule("target-too-safe", "info", "gaming the system")
def target_too_safe(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        if objective.commitment != "aspirational":
            continue
        scores = [kr.score for kr in data.key_results_of(objective.id)]
        if not scores or any(s is None or s < settings.safe_score for s in scores):
            continue
        yield Finding(
            "target-too-safe",
            "info",
            objective.id,
            f"Every key result of this stretch objective scored {settings.safe_score:g} or "
            "more: the targets were probably within easy reach. A stretch that lands around "
            "0.6–0.7 teaches more.",
            'Instead of "NPS from 31 to 33", try "NPS from 31 to 45" — and celebrate reaching 40.',
        )


@rule("committed-miss-unexplained", "warning", "committed means committed")
def committed_miss_unexplained(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in data.key_results.values():
        objective = data.objectives.get(kr.objective_id)
        if objective is None or objective.commitment != "committed":
            continue
        if kr.score is None or kr.score >= 1.0 or kr.score_note.strip():
            continue
        yield Finding(
            "committed-miss-unexplained",
            "warning",
            kr.id,
            f"A committed key result scored {kr.score:.2f} with no note: say what got in the way, "
            "so the next plan can allow for it.",
        )


@rule("score-override-unexplained", "warning", "transparency")
def score_override_unexplained(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in data.key_results.values():
        if kr.score is None or kr.score_note.strip():
            continue
        progress = kr.progress()
        if not differs_from_progress(kr.score, progress, settings.override_tolerance):
            continue
        yield Finding(
            "score-override-unexplained",
            "warning",
            kr.id,
            f"Scored {kr.score:.2f} while the progress reached is {progress:.2f}, "
            "with no note saying why.",
        )


@rule("target-changed-unexplained", "warning", "adapt openly")
def target_changed_unexplained(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    closed = data.cycle.planning_closed_on
    for kr in data.key_results.values():
        silent = [
            change
            for change in kr.target_history
            if not change.reason.strip() and (closed is None or change.on >= closed)
        ]
        if not silent:
            continue
        change = silent[-1]
        more = f" (and {len(silent) - 1} more)" if len(silent) > 1 else ""
        yield Finding(
            "target-changed-unexplained",
            "warning",
            kr.id,
            f"The target moved from {_number(change.old, kr.unit)} to "
            f"{_number(change.new, kr.unit)} on "
            f"{change.on.isoformat()}{more} with no reason recorded; "
            "edit the key result to give one.",
        )
