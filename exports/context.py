"""The data every template sees: plain dicts and lists built from one cycle.

The same context feeds the Markdown and HTML exports and user templates (documented in the
README), so what a team can put in its own template is exactly what ours use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitation.coach import Finding, coach
from facilitation.confidence import summary_of
from facilitation.retro import retro_format
from okrworkshop.model import CycleData, KeyResult, Objective, Session
from okrworkshop.model.progress import score_band


def _kr_context(data: CycleData, kr: KeyResult) -> dict[str, Any]:
    check_ins = data.check_ins_of(kr.id)
    latest = check_ins[-1] if check_ins else None
    return {
        "id": kr.id,
        "title": kr.title,
        "kind": kr.kind,
        "baseline": kr.baseline,
        "target": kr.target,
        "current": kr.current,
        "unit": kr.unit,
        "direction": kr.direction,
        "done": kr.done,
        "due": kr.due_in(data.cycle),
        "owner": kr.owner,
        "weight": kr.weight,
        "planning_confidence": kr.confidence,
        "confidence": latest.confidence
        if latest and latest.confidence is not None
        else kr.confidence,
        "progress": kr.progress(),
        "score": kr.score,
        "score_band": score_band(kr.score) if kr.score is not None else None,
        "score_note": kr.score_note,
        "check_ins": [
            {
                "at": c.at,
                "value": c.value,
                "confidence": c.confidence,
                "note": c.note,
                "blocker": c.blocker,
                "author": c.author,
            }
            for c in check_ins
        ],
    }


def _objective_context(data: CycleData, objective: Objective) -> dict[str, Any]:
    parent = data.find(objective.parent_id) if objective.parent_id else None
    theme = data.themes.get(objective.theme_id or "")
    progress = data.objective_progress(objective.id)
    return {
        "id": objective.id,
        "title": objective.title,
        "description": objective.description,
        "level": objective.level,
        "team": objective.team,
        "owner": objective.owner,
        "commitment": objective.commitment,
        "theme": theme.title if theme else None,
        "parent_id": objective.parent_id,
        "parent_title": parent[1].title if parent else None,
        "progress": progress if progress is not None else 0.0,
        "key_results": [_kr_context(data, kr) for kr in data.key_results_of(objective.id)],
    }


def cascade(data: CycleData) -> list[dict[str, Any]]:
    """Objectives as a tree: roots first, children under the objective or key result above."""
    by_parent: dict[str | None, list[Objective]] = {}
    kr_owner = {kr.id: kr.objective_id for kr in data.key_results.values()}
    known = set(data.objectives) | set(kr_owner)
    for objective in data.objectives_in_order():
        parent = objective.parent_id if objective.parent_id in known else None
        by_parent.setdefault(parent, []).append(objective)

    def node(objective: Objective, seen: frozenset[str]) -> dict[str, Any]:
        seen = seen | {objective.id}
        key_results = []
        for kr in data.key_results_of(objective.id):
            key_results.append(
                {
                    "id": kr.id,
                    "title": kr.title,
                    "progress": kr.progress(),
                    "children": [
                        node(c, seen) for c in by_parent.get(kr.id, []) if c.id not in seen
                    ],
                }
            )
        return {
            "id": objective.id,
            "title": objective.title,
            "level": objective.level,
            "team": objective.team,
            "owner": objective.owner,
            "progress": data.objective_progress(objective.id) or 0.0,
            "key_results": key_results,
            "children": [
                node(c, seen) for c in by_parent.get(objective.id, []) if c.id not in seen
            ],
        }

    return [node(o, frozenset()) for o in by_parent.get(None, [])]


def _candidates(data: CycleData, session: Session) -> list[dict[str, Any]]:
    """The brainstorm's candidates, most dots first, each with the duplicates merged into it."""
    candidates = data.candidates_of(session.id)
    standing = sorted(
        (c for c in candidates if c.merged_into is None), key=lambda c: -c.total_votes
    )
    result = []
    for candidate in standing:
        objective = data.objectives.get(candidate.promoted_to or "")
        result.append(
            {
                "text": candidate.text,
                "author": candidate.author,
                "votes": candidate.total_votes,
                "voters": dict(candidate.votes),
                "merged": [c.text for c in candidates if c.merged_into == candidate.id],
                "objective": objective.title if objective is not None else None,
            }
        )
    return result


def _confidence_rounds(data: CycleData, session: Session) -> list[dict[str, Any]]:
    rounds = []
    for round_ in data.confidence_rounds_of(session.id):
        kr = data.key_results.get(round_.key_result_id)
        summary = summary_of(round_)
        rounds.append(
            {
                "key_result": kr.title if kr is not None else "(a key result since deleted)",
                "votes": [
                    {"attendee": v.attendee, "confidence": v.confidence} for v in round_.votes
                ],
                "lowest": summary.lowest if summary else None,
                "highest": summary.highest if summary else None,
                "spread": summary.spread if summary else None,
                "median": summary.middle if summary else None,
                "wide": summary.wide if summary else False,
                "agreed": round_.agreed,
                "at": round_.at,
            }
        )
    return rounds


def _session_context(data: CycleData, session: Session) -> dict[str, Any]:
    fmt = retro_format(session.retro_format)
    cards = sorted(data.retro_cards_of(session.id), key=lambda c: (-c.votes, c.position))
    captures = data.captures_of(session.id)
    stage_titles = {s.key: s.title for s in session.stages}
    return {
        "id": session.id,
        "kind": session.kind,
        "title": session.title,
        "held_on": session.held_on,
        "facilitator": session.facilitator,
        "attendees": list(session.attendees),
        "team": session.team,
        "closed": session.closed,
        "agenda": session.agenda,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "stages": [
            {
                "key": s.key,
                "title": s.title,
                "planned_minutes": s.planned_minutes,
                "extended_minutes": session.stage_extensions.get(s.key, 0),
                "actual_minutes": round(s.actual_seconds / 60, 1),
                "over": s.actual_seconds > session.timebox_minutes(s) * 60,
            }
            for s in session.stages
        ],
        "planned_minutes": sum(s.planned_minutes for s in session.stages),
        "extended_minutes": sum(session.stage_extensions.values()),
        "actual_minutes": round(sum(s.actual_seconds for s in session.stages) / 60, 1),
        "retro_format": fmt.name if session.kind == "retro" else None,
        "retro_columns": [
            {
                "key": key,
                "heading": heading,
                "cards": [
                    {"text": c.text, "votes": c.votes, "group": c.group, "author": c.author}
                    for c in cards
                    if c.column == key
                ],
            }
            for key, heading in fmt.columns
        ]
        if session.kind == "retro"
        else [],
        "decisions": [c.text for c in captures if c.kind == "decision"],
        "parking_lot": [c.text for c in captures if c.kind == "parking-lot"],
        "not_doing": [c.text for c in captures if c.kind == "not-doing"],
        "notes": [c.text for c in captures if c.kind == "note"],
        "captures": [
            {
                "kind": c.kind,
                "text": c.text,
                "author": c.author,
                "stage": stage_titles.get(c.stage or "", ""),
                "at": c.at,
            }
            for c in captures
        ],
        "candidates": _candidates(data, session),
        "confidence_rounds": _confidence_rounds(data, session),
        "actions": [_action(a) for a in data.ordered("actions") if a.session_id == session.id],
    }


def _action(action: Any) -> dict[str, Any]:
    return {
        "id": action.id,
        "text": action.text,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
        "author": action.author,
    }


def build_context(
    data: CycleData, *, findings: list[Finding] | None = None, today: date | None = None
) -> dict[str, Any]:
    """Everything about a cycle a template may show."""
    findings = coach(data) if findings is None else findings
    titles: dict[str, str] = {o.id: o.title for o in data.objectives.values()}
    titles.update({kr.id: kr.title for kr in data.key_results.values()})
    titles.update({t.id: t.title for t in data.themes.values()})
    objectives = [_objective_context(data, o) for o in data.objectives_in_order()]
    scores = [kr["score"] for o in objectives for kr in o["key_results"] if kr["score"] is not None]
    return {
        "cycle": {
            "id": data.cycle.id,
            "name": data.cycle.name,
            "starts": data.cycle.starts,
            "ends": data.cycle.ends,
            "description": data.cycle.description,
        },
        "today": today or date.today(),
        "themes": [
            {"id": t.id, "title": t.title, "description": t.description}
            for t in data.ordered("themes")
        ],
        "objectives": objectives,
        "cascade": cascade(data),
        "average_score": sum(scores) / len(scores) if scores else None,
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "target_id": f.target_id,
                "target": titles.get(f.target_id, f.target_id),
                "message": f.message,
            }
            for f in findings
        ],
        "sessions": [_session_context(data, s) for s in data.ordered("sessions")],
        "actions": [_action(a) for a in data.ordered("actions")],
    }
