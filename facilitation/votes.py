"""Dot votes with a per-person budget (DESIGN §4): the rules, whatever is being voted on.

A *ballot box* maps each item (an objective candidate, a retro card…) to the dots each person
put on it: ``{"cand-1": {"Ana": 2, "Bo": 1}, "cand-2": {"Ana": 3}}``. The functions here read
and check such a box; the callers store it however suits their records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Ballots = Mapping[str, Mapping[str, int]]

DEFAULT_BUDGET = 5
DEFAULT_PER_ITEM = 3


@dataclass(frozen=True)
class VoteRules:
    """How many dots each person has, and how many of them may go on one item."""

    budget: int = DEFAULT_BUDGET
    per_item: int = DEFAULT_PER_ITEM

    def __post_init__(self) -> None:
        if self.budget < 1:
            raise ValueError("the budget must be at least one dot per person")
        if self.per_item < 1:
            raise ValueError("at least one dot must be allowed on an item")


class VoteRefused(ValueError):
    """A dot that the rules do not allow, with the reason to show the room."""


def dots_used(ballots: Ballots, voter: str) -> int:
    """How many dots ``voter`` has placed over all items."""
    return sum(votes.get(voter, 0) for votes in ballots.values())


def dots_left(ballots: Ballots, voter: str, rules: VoteRules) -> int:
    """How many dots ``voter`` may still place (never negative)."""
    return max(0, rules.budget - dots_used(ballots, voter))


def cast(ballots: Ballots, item: str, voter: str, step: int, rules: VoteRules) -> int:
    """The voter's new number of dots on ``item`` after adding ``step`` (+1 or -1).

    Raises ``VoteRefused`` when the budget or the per-item limit would be broken, or when
    there is no dot to take back.
    """
    current = ballots.get(item, {}).get(voter, 0)
    wanted = current + step
    if wanted < 0:
        raise VoteRefused(f"{voter} has no dot on this one to take back")
    if step > 0:
        if wanted > rules.per_item:
            raise VoteRefused(
                f"at most {rules.per_item} of one person's dots on one item; "
                f"{voter} already has {current} here"
            )
        if dots_used(ballots, voter) + step > rules.budget:
            raise VoteRefused(
                f"{voter} has used all {rules.budget} dots; take one back (-) to move it"
            )
    return wanted


def totals(ballots: Ballots) -> dict[str, int]:
    """Each item's total dots."""
    return {item: sum(votes.values()) for item, votes in ballots.items()}


def ranking(ballots: Ballots, order: Iterable[str] | None = None) -> list[tuple[str, int]]:
    """Items with their totals, most dots first; ties keep ``order`` (default: the box's)."""
    counts = totals(ballots)
    place = {item: i for i, item in enumerate(order if order is not None else counts)}
    return sorted(counts.items(), key=lambda pair: (-pair[1], place.get(pair[0], len(place))))


def winners(ballots: Ballots, count: int, order: Iterable[str] | None = None) -> list[str]:
    """The ``count`` items with the most dots, plus any tied with the last of them.

    Items without a dot never win; a tie at the cut is kept whole so the room decides it.
    """
    ranked = [(item, total) for item, total in ranking(ballots, order) if total > 0]
    if count <= 0 or not ranked:
        return []
    if len(ranked) <= count:
        return [item for item, _ in ranked]
    cut = ranked[count - 1][1]
    return [item for item, total in ranked if total >= cut]


def merged(
    target: Mapping[str, int], source: Mapping[str, int], rules: VoteRules
) -> dict[str, int]:
    """The dots of two merged duplicates on one item, each person capped at the per-item limit.

    Dots above the cap go back to their owner's budget.
    """
    combined = dict(target)
    for voter, dots in source.items():
        combined[voter] = min(rules.per_item, combined.get(voter, 0) + dots)
    return {voter: dots for voter, dots in combined.items() if dots > 0}


def over_budget(ballots: Ballots, voters: Iterable[str], rules: VoteRules) -> list[str]:
    """Why ``rules`` cannot apply to the dots already placed (e.g. a budget lowered too far)."""
    problems = []
    for voter in voters:
        used = dots_used(ballots, voter)
        if used > rules.budget:
            problems.append(f"{voter} has already placed {used} dots")
        worst = max((votes.get(voter, 0) for votes in ballots.values()), default=0)
        if worst > rules.per_item:
            problems.append(f"{voter} has {worst} dots on one item")
    return problems
