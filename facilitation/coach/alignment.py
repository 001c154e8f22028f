"""Alignment rules: the cascade from company to department to team (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Iterator

from facilitation.coach.engine import CoachSettings, Finding, rule
from okrworkshop.model import CycleData
from okrworkshop.model.bundle import find_parent_loop


@rule("alignment-cycle", "error", "parent links must not loop")
def alignment_cycle(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    kr_owner = {kr.id: kr.objective_id for kr in data.key_results.values()}
    loop = find_parent_loop({o.id: o.parent_id for o in data.objectives.values()}, kr_owner)
    if loop:
        titles = " → ".join(data.objectives[oid].title for oid in loop)
        yield Finding(
            "alignment-cycle",
            "error",
            loop[0],
            f"Parent links go round in a loop: {titles} → back to the start.",
        )
