"""Records of live facilitation: brainstormed objective candidates and blind confidence rounds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

from pydantic import Field, model_validator

from okrworkshop.model._fields import Confidence, Id, Name, PersonName, Record, Title

Dots = Annotated[int, Field(ge=1, le=100)]


class CandidateFields(Record):
    """An objective candidate from a brainstorm, with each attendee's dots on it."""

    id: Id
    text: Title
    author: Name = ""
    votes: dict[PersonName, Dots] = Field(
        default_factory=dict, max_length=500, description="Attendee -> dots placed on this one."
    )
    merged_into: Id | None = Field(
        default=None, description="The candidate this duplicate was merged into."
    )
    promoted_to: Id | None = Field(
        default=None, description="The draft objective made from this candidate."
    )
    position: float = 0.0

    @model_validator(mode="after")
    def _not_merged_into_itself(self) -> Self:
        if self.merged_into is not None and self.merged_into == self.id:
            raise ValueError("a candidate cannot be merged into itself")
        return self

    @property
    def total_votes(self) -> int:
        return sum(self.votes.values())


class Candidate(CandidateFields):
    """A stored candidate, pointing at its session."""

    session_id: Id


class ConfidenceRoundFields(Record):
    """A blind confidence round on one key result: everyone's number, then the agreed one."""

    id: Id
    key_result_id: Id
    votes: dict[PersonName, Confidence] = Field(
        default_factory=dict,
        max_length=500,
        description="Attendee -> the confidence they gave, revealed together.",
    )
    agreed: Confidence | None = Field(default=None, description="The value the room settled on.")
    at: datetime | None = None

    @property
    def spread(self) -> int | None:
        """Highest minus lowest confidence; None before anyone voted."""
        values = list(self.votes.values())
        return max(values) - min(values) if values else None


class ConfidenceRound(ConfidenceRoundFields):
    """A stored round, pointing at its session."""

    session_id: Id
