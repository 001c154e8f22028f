"""Sessions with their agenda stages, captures, retro cards and action items."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

from pydantic import Field, model_validator

from okrworkshop.model._fields import (
    ActionStatus,
    CaptureKind,
    Id,
    Line,
    LongText,
    Name,
    PersonName,
    Record,
    SessionKind,
    Title,
)
from okrworkshop.model.okr import CarriedFrom

Dots = Annotated[int, Field(ge=1, le=10_000)]


class Stage(Record):
    """One step of a session's agenda: a planned timebox and the time actually spent."""

    key: Id
    title: Title
    planned_minutes: int = Field(ge=0, le=24 * 60)
    actual_seconds: float = Field(default=0.0, ge=0.0, le=7 * 24 * 3600)
    prompt: LongText = ""
    activity: Name = Field(
        default="", description="What the stage's screen does, e.g. objectives, score, reflect."
    )


ExtraMinutes = Annotated[int, Field(ge=0, le=24 * 60)]


class Session(Record):
    """One facilitated meeting on a cycle: planning, check-in or retro."""

    id: Id
    kind: SessionKind
    title: Title
    facilitator: Name = ""
    attendees: list[Name] = Field(default_factory=list, max_length=500)
    team: Name = Field(default="", description="Set when the session is one team's.")
    held_on: date | None = None
    stages: list[Stage] = Field(default_factory=list, max_length=100)
    current_stage: Id | None = None
    closed: bool = False
    retro_format: Name = ""
    agenda: Name = Field(default="", description="The custom agenda the session followed, if any.")
    # Minutes added to a stage's timebox while it ran (+1, +5). Kept apart from the stages so
    # that undoing an extension never rewinds the time recorded in them.
    stage_extensions: dict[Id, ExtraMinutes] = Field(default_factory=dict)
    started_at: datetime | None = Field(
        default=None, description="When the session's timer first started."
    )
    ended_at: datetime | None = Field(default=None, description="When the session was closed.")
    timer_stage: Id | None = Field(
        default=None, description="The stage whose timer is running; none while paused."
    )
    timer_started_at: datetime | None = Field(
        default=None, description="When the running timer last started (or was checkpointed)."
    )
    vote_budget: int = Field(
        default=5, ge=1, le=100, description="Dots each attendee may place in a dot vote."
    )
    votes_per_item: int = Field(
        default=3, ge=1, le=100, description="At most this many of one person's dots on one item."
    )
    votes_revealed: bool = Field(
        default=False, description="Dot-vote totals are hidden until the facilitator reveals."
    )

    @model_validator(mode="after")
    def _timer_pair(self) -> Self:
        if (self.timer_stage is None) != (self.timer_started_at is None):
            raise ValueError("timer_stage and timer_started_at go together: set both or neither")
        return self

    def stage(self, key: str | None) -> Stage | None:
        """The stage with this key, if the agenda has it."""
        return next((s for s in self.stages if s.key == key), None)

    def timebox_minutes(self, stage: Stage) -> int:
        """A stage's planned minutes plus any extension given while it ran."""
        return stage.planned_minutes + self.stage_extensions.get(stage.key, 0)


class CaptureFields(Record):
    """A quick note taken during a session."""

    id: Id
    kind: CaptureKind
    text: Line
    author: Name = ""
    at: datetime | None = None
    stage: Id | None = None


class Capture(CaptureFields):
    """A stored capture, pointing at its session."""

    session_id: Id


class RetroCardFields(Record):
    """A card in a retro column, with its votes and group."""

    id: Id
    column: Name
    text: Line
    author: Name = ""
    votes: int = Field(default=0, ge=0, le=10_000)
    dots: dict[PersonName, Dots] = Field(
        default_factory=dict,
        max_length=500,
        description="Each person's dots on the card; votes counts these and any anonymous ones.",
    )
    group: Name = ""
    position: float = 0.0

    @model_validator(mode="after")
    def _votes_hold_the_dots(self) -> Self:
        given = sum(self.dots.values())
        if given > self.votes:
            raise ValueError(
                f"the card has {self.votes} vote{'s' if self.votes != 1 else ''} but people "
                f"gave it {given} dots"
            )
        return self


class RetroCard(RetroCardFields):
    """A stored retro card, pointing at its session."""

    session_id: Id


class ActionItem(Record):
    """Something someone will do; open actions are reviewed at the start of the next session."""

    id: Id
    text: Line
    owner: Name = ""
    author: Name = Field(default="", description="Who captured it.")
    due: date | None = None
    status: ActionStatus = "open"
    session_id: Id | None = None
    created_on: date | None = None
    done_on: date | None = None
    carried_from: CarriedFrom | None = Field(
        default=None, description="The open action of the cycle before that this continues."
    )
    carried_to: Id | None = Field(
        default=None, description="The next cycle this open action moved to at carry-over."
    )

    @property
    def is_open(self) -> bool:
        """Open here: not done, not dropped, not moved on to the next cycle."""
        return self.status == "open" and self.carried_to is None
