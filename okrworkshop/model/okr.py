"""Cycles, themes, objectives, key results and check-ins."""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import Field, model_validator

from okrworkshop.model._fields import (
    CarryOver,
    Commitment,
    Confidence,
    CycleName,
    Direction,
    Fraction01,
    Id,
    KeyResultKind,
    Level,
    LongText,
    Name,
    Record,
    ShortText,
    Title,
    Unit,
)
from okrworkshop.model.progress import maintain_progress, metric_progress


class Cycle(Record):
    """One OKR period for one organisation, e.g. "Acme 2027-Q1"."""

    id: Id
    name: CycleName
    starts: date | None = None
    ends: date | None = None
    description: LongText = ""
    planning_closed_on: date | None = Field(
        default=None,
        description="When the planning session closed; later target changes need a reason.",
    )
    previous_cycle_id: Id | None = Field(
        default=None, description="The cycle this one carried over from."
    )
    next_cycle_id: Id | None = Field(
        default=None, description="The cycle the retro's carry-over created from this one."
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError(
                f"the cycle ends ({self.ends.isoformat()}) before it starts "
                f"({self.starts.isoformat()})"
            )
        return self


class Theme(Record):
    """A strategic theme or priority of the cycle."""

    id: Id
    title: Title
    description: LongText = ""


class TargetChange(Record):
    """A change of a key result's target, with the reason given for it."""

    on: date
    old: float | None
    new: float | None
    reason: ShortText = ""


class CheckInFields(Record):
    """A dated update of one key result."""

    id: Id
    at: date
    value: float | None = None
    confidence: Confidence | None = None
    note: LongText = ""
    blocker: LongText = ""
    author: Name = ""


class CarriedFrom(Record):
    """Where a carried-over record came from: its id in the cycle before, kept as reference."""

    cycle_id: Id
    cycle_name: Name = ""
    record_id: Id
    decision: CarryOver | None = None
    note: ShortText = ""


class CarriedKeyResult(CarriedFrom):
    """A carried-over key result's last cycle: every number and note, and its history."""

    baseline: float | None = None
    target: float | None = None
    final: float | None = Field(default=None, description="The value reached at the close.")
    unit: Unit = ""
    done: bool = False
    due: date | None = None
    confidence: Confidence | None = Field(default=None, description="Confidence at planning.")
    last_confidence: Confidence | None = None
    progress: Fraction01 = 0.0
    score: Fraction01 | None = None
    score_note: LongText = ""
    target_history: list[TargetChange] = Field(default_factory=list)
    check_ins: list[CheckInFields] = Field(default_factory=list)


class Objective(Record):
    """A qualitative, ambitious direction with an owner and a place in the cascade."""

    id: Id
    title: Title
    description: LongText = ""
    level: Level = "team"
    team: Name = ""
    owner: Name = ""
    commitment: Commitment = "aspirational"
    theme_id: Id | None = None
    parent_id: Id | None = Field(
        default=None, description="An objective or key result one level up, in the same cycle."
    )
    carry_over: CarryOver | None = Field(
        default=None, description="The retro's decision: keep, modify, drop or business-as-usual."
    )
    carry_over_note: ShortText = Field(default="", description="Why, or what changes next cycle.")
    carried_from: CarriedFrom | None = None
    position: float = 0.0

    @model_validator(mode="after")
    def _team_below_company(self) -> Self:
        if self.level != "company" and not self.team:
            raise ValueError(f"a {self.level} objective needs a team name")
        if self.parent_id is not None and self.parent_id == self.id:
            raise ValueError("an objective cannot be its own parent")
        return self


class KeyResultFields(Record):
    """The fields of a key result; stored records add the objective's id, bundles nest them."""

    id: Id
    title: Title
    kind: KeyResultKind = "metric"
    baseline: float | None = None
    target: float | None = Field(
        default=None, description="Metric: the value to reach. Maintain: the threshold."
    )
    current: float | None = None
    unit: Unit = ""
    direction: Direction = Field(
        default="at-least", description="Maintain: stay at or above (at-least) or at or below."
    )
    done: bool = Field(default=False, description="Milestone: reached or not.")
    due: date | None = Field(default=None, description="Defaults to the cycle's end.")
    owner: Name = ""
    weight: float = Field(default=1.0, ge=0.0, le=1_000.0)
    confidence: Confidence | None = Field(default=None, description="Confidence at planning.")
    score: Fraction01 | None = Field(default=None, description="Final score set at the retro.")
    score_note: LongText = ""
    target_history: list[TargetChange] = Field(default_factory=list)
    carried_from: CarriedKeyResult | None = None
    position: float = 0.0

    def progress(self) -> float:
        """Progress from 0.0 to 1.0 (DESIGN §3), never mixed with confidence or score."""
        if self.kind == "milestone":
            return 1.0 if self.done else 0.0
        if self.kind == "maintain":
            return maintain_progress(self.target, self.current, at_most=self.direction == "at-most")
        return metric_progress(self.baseline, self.target, self.current)

    def due_in(self, cycle: Cycle) -> date | None:
        """The due date, falling back to the cycle's end."""
        return self.due or cycle.ends


class KeyResult(KeyResultFields):
    """A measurable, time-bound outcome under one objective."""

    objective_id: Id


class CheckIn(CheckInFields):
    """A stored check-in, pointing at its key result."""

    key_result_id: Id


__all__ = [
    "CarriedFrom",
    "CarriedKeyResult",
    "CheckIn",
    "CheckInFields",
    "Cycle",
    "KeyResult",
    "KeyResultFields",
    "Objective",
    "TargetChange",
    "Theme",
]
