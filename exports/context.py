"""The data every template sees: plain dicts and lists built from one cycle.

The same context feeds the Markdown and HTML exports and user templates (documented in the
README), so what a team can put in its own template is exactly what ours use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitation.carry_over import DECISION_LABELS
from facilitation.cascade import build_cascade
from facilitation.celebrate import celebrations
from facilitation.coach import CoachSettings, Finding, coach_report
from facilitation.confidence import summary_of
from facilitation.retro import retro_format
from facilitation.rollup import rollups
from facilitation.scores import objective_score
from okrworkshop.model import CycleData, KeyResult, Objective, RetroCard, Session
from okrworkshop.model.progress import confidence_band, score_band


def _kr_context(data: CycleData, kr: KeyResult) -> dict[str, Any]:
    check_ins = data.check_ins_of(kr.id)
    latest = check_ins[-1] if check_ins else None
    confidence = latest.confidence if latest and latest.confidence is not None else kr.confidence
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
        "confidence": confidence,
        "confidence_band": confidence_band(confidence) if confidence is not None else None,
        "progress": kr.progress(),
        "score": kr.score,
        "score_band": score_band(kr.score) if kr.score is not None else None,
        "score_note": kr.score_note,
        "target_history": [
            {"on": c.on, "old": c.old, "new": c.new, "reason": c.reason} for c in kr.target_history
        ],
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
        "carry_over": objective.carry_over,
        "progress": progress if progress is not None else 0.0,
        "score": objective_score(data, objective.id).value,
        "carry_over_label": DECISION_LABELS.get(objective.carry_over or ""),
        "carry_over_note": objective.carry_over_note,
        "key_results": [_kr_context(data, kr) for kr in data.key_results_of(objective.id)],
    }


def cascade(data: CycleData, findings: list[Finding] | None = None) -> list[dict[str, Any]]:
    """Objectives as a tree: company objectives at the top, each objective nested under the
    objective or key result it aligns to.

    After the company objectives come department and team objectives aligned to nothing
    (``aligned`` false) and those caught in a loop of parent links (``in_loop`` true), so every
    objective appears exactly once. Each node has its own ``progress`` and a ``rollup`` that
    includes what is aligned beneath it (see ``facilitation.rollup``), and ``findings``: the
    rule slugs open on it and its key results.
    """
    shape = build_cascade(data)
    numbers = rollups(data, shape)
    by_target: dict[str, list[str]] = {}
    for finding in findings or []:
        by_target.setdefault(finding.target_id, []).append(finding.rule)
    looped = set(shape.looped)
    placed: set[str] = set()

    def children(parent_id: str) -> list[dict[str, Any]]:
        return [node(oid) for oid in shape.under.get(parent_id, ()) if oid not in placed]

    def node(objective_id: str) -> dict[str, Any]:
        placed.add(objective_id)
        objective = data.objectives[objective_id]
        key_results = []
        slugs = list(by_target.get(objective_id, ()))
        for kr in data.key_results_of(objective_id):
            slugs += by_target.get(kr.id, ())
            key_results.append(
                {
                    "id": kr.id,
                    "title": kr.title,
                    "owner": kr.owner,
                    "progress": kr.progress(),
                    "rollup": numbers[kr.id].rolled,
                    "children": children(kr.id),
                }
            )
        own = numbers[objective_id]
        return {
            "id": objective.id,
            "title": objective.title,
            "level": objective.level,
            "team": objective.team,
            "owner": objective.owner,
            "progress": own.own or 0.0,
            "rollup": own.rolled,
            "beneath": own.beneath,
            "aligned": objective.level == "company" or objective_id not in shape.unaligned,
            "in_loop": objective_id in looped,
            "findings": slugs,
            "key_results": key_results,
            "children": children(objective_id),
        }

    tops = [*shape.tops, *shape.unaligned, *shape.looped]
    return [node(oid) for oid in tops if oid not in placed]


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
                "voters": [{"attendee": name, "dots": n} for name, n in candidate.votes.items()],
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
                    {"attendee": name, "confidence": value} for name, value in round_.votes.items()
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
                "actual_seconds": s.actual_seconds,
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
                    {
                        "text": c.text,
                        "votes": c.votes,
                        "dots": dict(c.dots),
                        "group": c.group,
                        "author": c.author,
                    }
                    for c in cards
                    if c.column == key
                ],
            }
            for key, heading in _columns(fmt.columns, cards)
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
        "celebrations": [
            {"text": c.text, "who": c.who, "why": c.why} for c in celebrations(data, session)
        ]
        if session.kind == "retro"
        else [],
        "check_ins": _round(data, session),
    }


def _round(data: CycleData, session: Session) -> list[dict[str, Any]]:
    """A check-in session's round: each key result's check-in of that day, with the one before."""
    if session.kind != "check-in" or session.held_on is None:
        return []
    found = []
    for objective in data.objectives_in_order():
        for kr in data.key_results_of(objective.id):
            history = data.check_ins_of(kr.id)
            for index, check_in in reversed(list(enumerate(history))):
                if check_in.at == session.held_on:
                    previous = history[index - 1] if index else None
                    found.append(
                        {
                            "objective": objective.title,
                            "key_result_id": kr.id,
                            "key_result": kr.title,
                            "kind": kr.kind,
                            "unit": kr.unit,
                            "value": check_in.value,
                            "previous_value": previous.value if previous else None,
                            "confidence": check_in.confidence,
                            "note": check_in.note,
                            "blocker": check_in.blocker,
                            "author": check_in.author,
                        }
                    )
                    break
    return found


def _columns(columns: tuple[tuple[str, str], ...], cards: list[RetroCard]) -> list[tuple[str, str]]:
    """The format's columns, then any column a card names that the format lacks (an imported
    bundle, a changed format), so no card is left out of the minutes."""
    known = [key for key, _ in columns]
    extra = dict.fromkeys(c.column for c in cards if c.column not in known)
    return [*columns, *((key, key) for key in extra)]


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
    report = coach_report(data, CoachSettings(today=today or date.today()))
    findings = report.open if findings is None else findings
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
        "cascade": cascade(data, findings),
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
        "dismissed_findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "target_id": f.target_id,
                "target": titles.get(f.target_id, f.target_id),
                "message": f.message,
                "reason": dismissal.reason,
                "by": dismissal.by,
                "on": dismissal.at,
            }
            for f, dismissal in report.dismissed
        ],
        "sessions": [_session_context(data, s) for s in data.ordered("sessions")],
        "actions": [_action(a) for a in data.ordered("actions")],
    }
