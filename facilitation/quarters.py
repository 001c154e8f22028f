"""Quarter over quarter: a team's planning confidence beside its final scores, cycle by cycle.

The two numbers stay apart (confidence is 0–10 and looks forward, a score is 0–1 and looks
back); shown side by side over several cycles they tell a pattern no single retro can:
confident plans that always score 1.0 were set too low, bold plans that keep scoring 0.2 were
set too high.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from facilitation.check_in_round import COMPANY, in_team
from okrworkshop.model import CycleData

SAFE_SCORE = 0.9
SAFE_CONFIDENCE = 8.0
LOW_SCORE = 0.4


@dataclass(frozen=True)
class QuarterRow:
    """One past cycle of one team."""

    cycle_id: str
    cycle_name: str
    starts: date | None
    key_results: int
    planning_confidence: float | None
    confidence_given: int
    final_score: float | None
    scored: int

    @property
    def pattern(self) -> str:
        """``too safe``, ``over-reach``, ``stretch`` or ``""`` when there is nothing to read."""
        if self.final_score is None:
            return ""
        confident = self.planning_confidence is not None and (
            self.planning_confidence >= SAFE_CONFIDENCE
        )
        if self.final_score >= SAFE_SCORE and (confident or self.planning_confidence is None):
            return "too safe"
        if self.final_score < LOW_SCORE:
            return "over-reach"
        return "stretch"


def all_teams(cycles: Iterable[CycleData]) -> list[str]:
    """Every team with objectives in any of the cycles; the company level (``""``) first."""
    names: set[str] = set()
    for data in cycles:
        for objective in data.objectives.values():
            names.add(objective.team if objective.level != "company" else COMPANY)
    return sorted(names, key=lambda name: (name != COMPANY, name.casefold()))


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def team_history(cycles: Iterable[CycleData], team: str) -> list[QuarterRow]:
    """The team's cycles, oldest first, with mean planning confidence and mean final score.

    Only key results the room scored count towards the score, and only confidences given at
    planning towards the confidence: a guess is not a record.
    """
    rows: list[QuarterRow] = []
    for data in cycles:
        krs = [
            kr
            for objective in data.objectives.values()
            if in_team(objective, team)
            for kr in data.key_results_of(objective.id)
        ]
        if not krs:
            continue
        confidences = [float(kr.confidence) for kr in krs if kr.confidence is not None]
        scores = [kr.score for kr in krs if kr.score is not None]
        rows.append(
            QuarterRow(
                cycle_id=data.cycle.id,
                cycle_name=data.cycle.name,
                starts=data.cycle.starts,
                key_results=len(krs),
                planning_confidence=_mean(confidences),
                confidence_given=len(confidences),
                final_score=_mean(scores),
                scored=len(scores),
            )
        )
    rows.sort(key=lambda row: (row.starts is None, row.starts or date.min, row.cycle_name))
    return rows


def verdict(rows: Sequence[QuarterRow], team_name: str) -> str:
    """A sentence on the pattern over the scored cycles, or on what is missing to see one."""
    return _sentence(_verdict(rows, team_name))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verdict(rows: Sequence[QuarterRow], team_name: str) -> str:
    scored = [row for row in rows if row.final_score is not None]
    if len(scored) < 2:
        return f"{team_name} needs two scored cycles before a pattern shows; {len(scored)} so far."
    recent = scored[-3:]
    safe = sum(1 for row in recent if row.pattern == "too safe")
    reach = sum(1 for row in recent if row.pattern == "over-reach")
    if safe >= 2:
        return (
            f"{safe} of the last {len(recent)} scored cycles of {team_name} ended at "
            f"{SAFE_SCORE:g} or more after confident planning: the targets look too safe "
            "(sandbagging). Aim higher and expect about 0.6–0.7."
        )
    if reach >= 2:
        return (
            f"{reach} of the last {len(recent)} scored cycles of {team_name} ended below "
            f"{LOW_SCORE:g}: the plans keep over-reaching. Fewer key results, or nearer targets."
        )
    return f"No chronic pattern for {team_name}: scores and confidence move together."
