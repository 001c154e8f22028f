"""The check-in round: every key result once, in cascade order (company first), or one team's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from okrworkshop.model import CheckIn, CycleData, KeyResult, Objective

LEVEL_RANK = {"company": 0, "department": 1, "team": 2}
COMPANY = ""  # the "team" of company objectives in a team filter


def cascade_order(data: CycleData) -> list[Objective]:
    """Objectives top-down: each followed by the objectives aligned under it or its key results.

    Roots (company objectives, and anything not aligned) come in level order, then in their
    own order; a link that loops or points outside the cycle counts as no link.
    """
    kr_owner = {kr.id: kr.objective_id for kr in data.key_results.values()}
    objectives = data.objectives_in_order()
    children: dict[str, list[Objective]] = {}
    roots: list[Objective] = []
    for objective in objectives:
        parent = objective.parent_id
        parent = kr_owner.get(parent, parent) if parent is not None else None
        if parent is None or parent not in data.objectives or parent == objective.id:
            roots.append(objective)
        else:
            children.setdefault(parent, []).append(objective)
    roots.sort(key=lambda o: LEVEL_RANK[o.level])  # stable: keeps their order within a level
    ordered: list[Objective] = []
    seen: set[str] = set()

    def visit(objective: Objective) -> None:
        if objective.id in seen:
            return
        seen.add(objective.id)
        ordered.append(objective)
        for child in children.get(objective.id, []):
            visit(child)

    for root in roots:
        visit(root)
    # Objectives caught in a parent loop have no root above them; they still get their turn.
    for objective in objectives:
        visit(objective)
    return ordered


def teams(data: CycleData) -> list[str]:
    """The teams (and departments) with objectives, in cascade order; company is ``""``."""
    found: list[str] = []
    for objective in cascade_order(data):
        team = objective.team if objective.level != "company" else COMPANY
        if team not in found:
            found.append(team)
    return found


def team_label(team: str | None) -> str:
    """How a team filter reads: everyone, the company level, or the team's name."""
    if team is None:
        return "everyone"
    return team or "the company level"


def in_team(objective: Objective, team: str | None) -> bool:
    """Whether an objective belongs to the round of ``team`` (``None`` is everyone)."""
    if team is None:
        return True
    if team == COMPANY:
        return objective.level == "company"
    return objective.level != "company" and objective.team == team


@dataclass(frozen=True)
class RoundItem:
    """One turn of the round: a key result under its objective."""

    objective: Objective
    key_result: KeyResult


def round_items(data: CycleData, team: str | None = None) -> list[RoundItem]:
    """Every key result of the round, in cascade order, limited to ``team`` when given."""
    return [
        RoundItem(objective, kr)
        for objective in cascade_order(data)
        if in_team(objective, team)
        for kr in data.key_results_of(objective.id)
    ]


def latest(check_ins: Iterable[CheckIn]) -> CheckIn | None:
    """The most recent check-in (by date; the later entry on the same day)."""
    result: CheckIn | None = None
    for check_in in check_ins:
        if result is None or check_in.at >= result.at:
            result = check_in
    return result


def latest_confidence(check_ins: Iterable[CheckIn]) -> CheckIn | None:
    """The most recent check-in that gave a confidence."""
    return latest(c for c in check_ins if c.confidence is not None)


def previous_value(check_ins: Iterable[CheckIn]) -> float | None:
    """The value before the latest one: what the room compares the new number with."""
    values = [c for c in check_ins if c.value is not None]
    values.sort(key=lambda c: c.at)
    return values[-2].value if len(values) > 1 else None


def checked_in_on_or_after(check_ins: Iterable[CheckIn], day: date) -> bool:
    """Whether a check-in was given on ``day`` or later (done in this session's round)."""
    return any(c.at >= day for c in check_ins)


def history(data: CycleData, kr_id: str) -> list[CheckIn]:
    """A key result's check-ins by date (entry order on the same day).

    The same order as ``CycleData.check_ins_of``, an order of magnitude cheaper after a
    change, when a screen draws thousands of key results.
    """
    return sorted(data.children_unordered("check_ins", kr_id), key=lambda c: c.at)
