"""One team's part of a cycle, and merging a team's part back into a cycle.

Organisations run one planning session per team, often with different facilitators. A team's
part holds its objectives (with key results and check-ins), its sessions (with captures, retro
cards and actions) and the themes it serves; its parent links point at objectives and key
results of the shared cycle, outside the part. ``okrworkshop export --team`` writes it and
``okrworkshop import --into`` merges it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.cascade import parent_loops
from okrworkshop.model import CycleData

TABLE_NOUNS = {
    "themes": "theme",
    "objectives": "objective",
    "key_results": "key result",
    "check_ins": "check-in",
    "sessions": "session",
    "captures": "capture",
    "retro_cards": "retro card",
    "actions": "action",
    "dismissals": "dismissed finding",
}


class TeamNotFoundError(LookupError):
    """No team of that name in the cycle; the message lists the teams there are."""


def team_names(data: CycleData) -> list[str]:
    """The teams and departments that own objectives or sessions, in order of first use."""
    names: dict[str, None] = {}
    for objective in data.objectives_in_order():
        if objective.team:
            names.setdefault(objective.team, None)
    for session in data.ordered("sessions"):
        if session.team:
            names.setdefault(session.team, None)
    return list(names)


def resolve_team(data: CycleData, name: str) -> str:
    """The team called ``name`` (exactly, else ignoring case)."""
    teams = team_names(data)
    if name in teams:
        return name
    matches = [team for team in teams if team.casefold() == name.strip().casefold()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(teams) or "none yet"
    raise TeamNotFoundError(f"cycle {data.cycle.name!r} has no team {name!r}; teams: {known}")


def team_part(data: CycleData, team: str) -> CycleData:
    """The records of one team: objectives, their key results and check-ins, its sessions."""
    # Built from the ordered lists, so the part keeps the cycle's display order.
    objectives = {o.id: o for o in data.objectives_in_order() if o.team == team}
    key_results = {kr.id: kr for oid in objectives for kr in data.key_results_of(oid)}
    check_ins = {c.id: c for kid in key_results for c in data.check_ins_of(kid)}
    sessions = {s.id: s for s in data.ordered("sessions") if s.team == team}
    used_themes = {o.theme_id for o in objectives.values()}
    tables: dict[str, dict[str, Any]] = {
        "themes": {t.id: t for t in data.ordered("themes") if t.id in used_themes},
        "objectives": objectives,
        "key_results": key_results,
        "check_ins": check_ins,
        "sessions": sessions,
        "captures": {c.id: c for sid in sessions for c in data.captures_of(sid)},
        "retro_cards": {c.id: c for sid in sessions for c in data.retro_cards_of(sid)},
        "actions": {a.id: a for a in data.ordered("actions") if a.session_id in sessions},
    }
    # Findings the team dismissed travel with what they are about.
    coached = objectives.keys() | key_results.keys() | tables["themes"].keys()
    tables["dismissals"] = {d.id: d for d in data.ordered("dismissals") if d.target_id in coached}
    return CycleData(data.cycle, tables)


@dataclass
class MergePlan:
    """What merging a team's part into a cycle would add, or why it cannot."""

    incoming: CycleData
    collisions: list[str] = field(default_factory=list)
    loop: str = ""
    shared_themes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.collisions and not self.loop

    def counts(self) -> str:
        """``2 objectives, 7 key results, 30 check-ins`` — what is added."""
        parts = []
        for table, noun in TABLE_NOUNS.items():
            n = len(self.incoming.tables[table])
            if n:
                parts.append(f"{n} {noun}{'' if n == 1 else 's'}")
        return ", ".join(parts) or "nothing"


def plan_merge(target: CycleData, incoming: CycleData) -> MergePlan:
    """Check a team's part against the cycle it is merged into; change neither.

    Themes the cycle already has, word for word, are shared rather than colliding; every other
    id the cycle already uses is a collision. Parent links are checked for loops across both.
    """
    shared = [
        tid
        for tid, theme in incoming.themes.items()
        if tid in target.themes and target.themes[tid] == theme
    ]
    if shared:
        tables = {name: dict(table) for name, table in incoming.tables.items()}
        for tid in shared:
            del tables["themes"][tid]
        incoming = CycleData(incoming.cycle, tables)
    plan = MergePlan(incoming, shared_themes=shared)
    taken = target.all_ids()
    for name in TABLE_NOUNS:  # objectives before their key results and check-ins
        table = incoming.tables[name]
        for record_id in sorted(table):
            record = table[record_id]
            if record_id in taken:
                about = getattr(record, "title", None) or getattr(record, "text", None)
                what = TABLE_NOUNS[name] + (f" {_short(about)!r}" if about else "")
                plan.collisions.append(f"{record_id} ({what})")
    if not plan.collisions:
        merged = CycleData(
            target.cycle,
            {
                "objectives": {**target.objectives, **incoming.objectives},
                "key_results": {**target.key_results, **incoming.key_results},
            },
        )
        loops = parent_loops(merged)
        if loops:
            titles = " -> ".join(f"{oid} ({merged.objectives[oid].title})" for oid in loops[0])
            plan.loop = f"parent links would loop: {titles} -> {loops[0][0]}"
    return plan


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
