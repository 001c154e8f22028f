"""What the room decided about the coach: a finding dismissed on purpose, with the reason."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from okrworkshop.model._fields import Id, Line, Name, Record

RuleSlug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]{0,63}$",
        description="A coaching rule's slug, e.g. objective-has-number.",
    ),
]


class Dismissal(Record):
    """A coaching finding the room looked at and chose to keep as it is.

    It hides one rule's finding on one objective, key result or theme; the reason is kept and
    shown in exports so the decision stays visible.
    """

    id: Id
    rule: RuleSlug
    target_id: Id
    reason: Line
    by: Name = ""
    at: date | None = Field(default=None, description="The day the finding was dismissed.")
