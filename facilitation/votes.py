"""Dot voting with a budget per person (DESIGN §4): by default 5 dots, at most 3 on one item.

Ballots are ``{person: dots}`` per item; an empty person name is an anonymous dot, which no
budget limits (a room without an attendee list still votes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEFAULT_DOTS = 5
DEFAULT_PER_ITEM = 3


@dataclass(frozen=True)
class VoteBudget:
    """How many dots each person has, and how many of them may go on one item."""

    per_person: int = DEFAULT_DOTS
    per_item: int = DEFAULT_PER_ITEM


def dots_used(person: str, ballots: Iterable[Mapping[str, int]]) -> int:
    """Dots ``person`` has placed on all items."""
    return sum(ballot.get(person, 0) for ballot in ballots)


def dots_left(person: str, ballots: Iterable[Mapping[str, int]], budget: VoteBudget) -> int:
    """Dots ``person`` can still place."""
    return max(0, budget.per_person - dots_used(person, ballots))


def vote_problem(
    person: str,
    item: Mapping[str, int],
    ballots: Iterable[Mapping[str, int]],
    budget: VoteBudget,
    step: int = 1,
) -> str | None:
    """Why ``person`` may not add (``step`` 1) or take back (-1) a dot on ``item``; None if fine.

    ``ballots`` are every item's ballots, ``item``'s included.
    """
    if not person:
        return None
    if step < 0:
        if item.get(person, 0) <= 0:
            return f"{person} has no dot on this to take back."
        return None
    if item.get(person, 0) >= budget.per_item:
        return f"{person} already put {budget.per_item} dots here, the most one item may get."
    if dots_used(person, ballots) >= budget.per_person:
        return f"{person} has used all {budget.per_person} dots; take one back (-) to move it."
    return None
