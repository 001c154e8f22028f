"""Alignment rules: the cascade from company to department to team (DESIGN §5).

Every rule here is one pass over the cycle, so the coach stays quick on a cycle of a thousand
objectives while it runs after every edit.
"""

from __future__ import annotations

from collections.abc import Iterator

from facilitation.cascade import LEVEL_RANK, parent_loops
from facilitation.coach.engine import CoachSettings, Finding, rule
from okrworkshop.model import CycleData


@rule("orphan-objective", "warning", "department and team objectives align to one above")
def orphan_objective(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        if objective.level == "company":
            continue
        above = "a company" if objective.level == "department" else "a department"
        if objective.parent_id is None:
            yield Finding(
                "orphan-objective",
                "warning",
                objective.id,
                f"This {objective.level} objective aligns to nothing; link it to {above} "
                "objective or key result it moves (p in the cascade).",
                'Under "Clinics recommend us", a team objective "Patients finish booking on '
                "the first try\" shows why the team's work matters.",
            )
        elif data.find(objective.parent_id) is None:
            yield Finding(
                "orphan-objective",
                "warning",
                objective.id,
                f"This objective aligns to {objective.parent_id!r}, which is not in the cycle; "
                f"link it to {above} objective or key result again.",
            )


@rule("skipped-level", "info", "cascade one level at a time")
def skipped_level(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    departments = any(o.level == "department" for o in data.objectives.values())
    for objective in data.objectives.values():
        if objective.level != "team" or objective.parent_id is None:
            continue
        above = _objective_above(data, objective.parent_id)
        if above is not None and data.objectives[above].level == "company":
            hint = (
                "is there a department objective it serves?"
                if departments
                else "fine while there are no department objectives."
            )
            yield Finding(
                "skipped-level",
                "info",
                objective.id,
                f"This team objective aligns straight to the company level; {hint}",
            )


@rule("unsupported-key-result", "info", "company and department key results get support")
def unsupported_key_result(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    lowest = max((LEVEL_RANK[o.level] for o in data.objectives.values()), default=0)
    # An objective aligned to a whole objective counts as supporting each of its key results.
    supported = {o.parent_id for o in data.objectives.values() if o.parent_id is not None}
    for kr in data.key_results.values():
        objective = data.objectives.get(kr.objective_id)
        if objective is None or objective.level == "team":
            continue
        if kr.id in supported or objective.id in supported:
            continue
        if LEVEL_RANK[objective.level] >= lowest:
            continue  # nothing below this level yet
        below = "department or team" if objective.level == "company" else "team"
        yield Finding(
            "unsupported-key-result",
            "info",
            kr.id,
            f"No {below} objective aligns to this key result; who moves it, "
            "or is it a key result of its own level only?",
        )


@rule("no-company-objective", "warning", "the cascade needs an anchor")
def no_company_objective(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    levels = {o.level for o in data.objectives.values()}
    if levels and "company" not in levels:
        yield Finding(
            "no-company-objective",
            "warning",
            data.cycle.id,
            "There are department or team objectives but no company objective for them "
            "to align to.",
            'Start from one or two company objectives such as "Become the booking system '
            'clinics recommend to each other", then align the rest under them.',
        )


@rule("alignment-cycle", "error", "parent links must not loop")
def alignment_cycle(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for loop in parent_loops(data):
        titles = " → ".join(f"“{data.objectives[oid].title}”" for oid in loop)
        yield Finding(
            "alignment-cycle",
            "error",
            loop[0],
            f"Parent links go round in a loop: {titles} → back to the start. Unlink one of them.",
        )


def _objective_above(data: CycleData, parent_id: str) -> str | None:
    if parent_id in data.objectives:
        return parent_id
    kr = data.key_results.get(parent_id)
    return kr.objective_id if kr is not None else None
