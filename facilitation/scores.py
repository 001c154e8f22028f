"""The retro's scores (DESIGN §3): each starts at the progress reached and may be overridden.

A score is never mixed with progress or confidence: an unscored key result *shows* its
progress as the score it would get, marked provisional, until the room confirms or changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from okrworkshop.model import CycleData, KeyResult, Objective
from okrworkshop.model.progress import weighted_mean

OVERRIDE_TOLERANCE = 0.1


@dataclass(frozen=True)
class ScoreSummary:
    """An average score and how much of it the room has confirmed."""

    value: float | None
    scored: int
    total: int

    @property
    def provisional(self) -> bool:
        """Some key results still show their progress instead of a confirmed score."""
        return self.scored < self.total


def score_or_progress(kr: KeyResult) -> float:
    """The confirmed score, or the progress it defaults to."""
    return kr.score if kr.score is not None else kr.progress()


def objective_score(data: CycleData, objective_id: str) -> ScoreSummary:
    """The weighted mean of the objective's key results' scores (progress where unscored)."""
    krs = data.key_results_of(objective_id)
    value = weighted_mean((score_or_progress(kr), kr.weight) for kr in krs)
    return ScoreSummary(value, sum(1 for kr in krs if kr.score is not None), len(krs))


def cycle_score(data: CycleData, objectives: list[Objective] | None = None) -> ScoreSummary:
    """The mean of the objectives' scores: every objective counts once, whatever its size."""
    chosen = data.objectives_in_order() if objectives is None else objectives
    summaries = [objective_score(data, o.id) for o in chosen]
    values = [(s.value, 1.0) for s in summaries if s.value is not None]
    return ScoreSummary(
        weighted_mean(values),
        sum(s.scored for s in summaries),
        sum(s.total for s in summaries),
    )


def differs_from_progress(
    score: float, progress: float, tolerance: float = OVERRIDE_TOLERANCE
) -> bool:
    """Whether a score moves away from the progress by more than ``tolerance`` (exactly)."""
    gap = abs(Decimal(repr(score)) - Decimal(repr(progress)))
    return gap > Decimal(repr(tolerance))


def note_wanted(kr: KeyResult, objective: Objective | None, score: float, note: str) -> str | None:
    """Why this score needs a note, or None: an override, or a committed key result missed."""
    if note.strip():
        return None
    progress = kr.progress()
    if differs_from_progress(score, progress):
        return (
            f"The score {score:.2f} differs from the progress reached ({progress:.2f}): "
            "say why in the note."
        )
    if objective is not None and objective.commitment == "committed" and score < 1.0:
        return "A committed key result below 1.0 needs a note: what stood in the way?"
    return None
