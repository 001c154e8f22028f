"""Carry-over: the retro's decisions seed the next cycle's draft without losing a thing.

Objectives marked *keep* or *modify* are copied with their key results into a new cycle with
the next period's dates. A key result's baseline becomes the value it reached, and everything
it was (baseline, target, value, confidence, score and note, target changes, every check-in)
travels with it as ``carried_from``, so the draft can say "from where we got to" and still show
the road behind. Open actions move along too. Open OKR tools lost baselines and notes exactly
here; each field's fate is spelled out below and tested one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from facilitation.calendar import add_months, next_span, quarter_label
from facilitation.check_in_round import history
from okrworkshop.model import (
    ActionItem,
    Change,
    CycleData,
    KeyResult,
    Objective,
    Update,
    new_id,
)
from okrworkshop.model._fields import CarryOver
from okrworkshop.model.cycle_data import CYCLES_TABLE
from okrworkshop.model.okr import CarriedFrom, CarriedKeyResult, CheckInFields, Cycle, Theme

CARRIED: tuple[CarryOver, ...] = ("keep", "modify")
DECISION_LABELS: dict[str, str] = {
    "keep": "keep",
    "modify": "modify",
    "drop": "drop",
    "business-as-usual": "business as usual",
}
_QUARTER = re.compile(r"\b(\d{4})-Q([1-4])\b")


@dataclass(frozen=True)
class CarryOverPlan:
    """The next cycle's draft and the marks the current cycle gets when it is created."""

    next_cycle: CycleData
    source_change: Change
    carried: list[Objective] = field(default_factory=list)
    undecided: list[Objective] = field(default_factory=list)
    unlinked: list[Objective] = field(default_factory=list)
    actions: int = 0

    def summary(self) -> str:
        """One line for the facilitator: what went where."""
        data = self.next_cycle
        parts = [
            f"{len(data.objectives)} objective{'s' if len(data.objectives) != 1 else ''}",
            f"{len(data.key_results)} key result{'s' if len(data.key_results) != 1 else ''}",
            f"{self.actions} open action{'s' if self.actions != 1 else ''}",
        ]
        return f"{data.cycle.name}: " + ", ".join(parts)


def next_dates(cycle: Cycle, today: date) -> tuple[date, date]:
    """The period after the cycle: the next quarter of the same shape, or from today."""
    if cycle.starts is not None and cycle.ends is not None:
        return next_span(cycle.starts, cycle.ends)
    start = (cycle.ends + timedelta(days=1)) if cycle.ends is not None else today
    return start, add_months(start, 3) - timedelta(days=1)


def next_name(name: str, starts: date) -> str:
    """``Acme 2026-Q4`` becomes ``Acme 2027-Q1``; other names get the new quarter added."""
    label = quarter_label(starts)
    if _QUARTER.search(name):
        return _QUARTER.sub(label, name, count=1)
    return f"{name} {label}"[:120]


def _shift(day: date | None, source: Cycle, starts: date) -> date | None:
    """A due date moved into the next period by as many months as the cycle moves."""
    if day is None:
        return None
    if source.starts is None:
        return day
    months = (starts.year * 12 + starts.month) - (source.starts.year * 12 + source.starts.month)
    if source.starts.day == 1 and starts.day == 1:
        return add_months(day, months)
    return day + (starts - source.starts)


def _key_result_reference(data: CycleData, kr: KeyResult, decision: CarryOver) -> dict[str, Any]:
    check_ins = history(data, kr.id)
    last_confidence = next(
        (
            c.confidence
            for c in sorted(check_ins, key=lambda c: c.at, reverse=True)
            if c.confidence is not None
        ),
        None,
    )
    return CarriedKeyResult(
        cycle_id=data.cycle.id,
        cycle_name=data.cycle.name,
        record_id=kr.id,
        decision=decision,
        baseline=kr.baseline,
        target=kr.target,
        final=kr.current,
        unit=kr.unit,
        done=kr.done,
        due=kr.due_in(data.cycle),
        confidence=kr.confidence,
        last_confidence=last_confidence,
        progress=kr.progress(),
        score=kr.score,
        score_note=kr.score_note,
        target_history=list(kr.target_history),
        check_ins=[
            CheckInFields.model_validate(c.model_dump(exclude={"key_result_id"})) for c in check_ins
        ],
    ).model_dump(mode="json")


_FROM_NUMBER = re.compile(r"\bfrom\s+(?P<lead>[^\d\s-]*)(?P<number>-?\d[\d,]*(?:\.\d+)?)", re.I)


def restate_baseline(title: str, old: float | None, new: float | None) -> str:
    """``NPS from 31 to 45`` becomes ``NPS from 39 to 45`` when the baseline moves from 31 to
    39: a title that states the old starting point would contradict the new baseline."""
    if old is None or new is None or old == new:
        return title
    for match in _FROM_NUMBER.finditer(title):
        typed = match.group("number")
        if float(typed.replace(",", "")) != old:
            continue
        shown = f"{new:,.4f}" if "," in typed else f"{new:.4f}"
        shown = shown.rstrip("0").rstrip(".") if "." in shown else shown
        return title[: match.start("number")] + shown + title[match.end("number") :]
    return title


def _carried_key_result(
    data: CycleData, kr: KeyResult, objective_id: str, decision: CarryOver, starts: date
) -> dict[str, Any]:
    last = kr.current
    measured = kr.kind != "milestone" and last is not None
    return {
        "id": new_id("kr"),
        "objective_id": objective_id,
        # The old title stays with the cycle it belongs to.
        "title": restate_baseline(kr.title, kr.baseline, last) if measured else kr.title,
        "kind": kr.kind,
        # From where we got to: the last value is the new starting point.
        "baseline": last if measured else kr.baseline,
        "target": kr.target,
        "current": last if measured else kr.current,
        "unit": kr.unit,
        "direction": kr.direction,
        # A new period: nothing is done, scored or committed to yet (the reference keeps it).
        "done": False,
        "due": _iso(_shift(kr.due, data.cycle, starts)),
        "owner": kr.owner,
        "weight": kr.weight,
        "confidence": None,
        "score": None,
        "score_note": "",
        "target_history": [],
        "carried_from": _key_result_reference(data, kr, decision),
        "position": kr.position,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def plan_carry_over(
    data: CycleData,
    *,
    name: str,
    starts: date,
    ends: date,
    cycle_id: str | None = None,
) -> CarryOverPlan:
    """The next cycle's draft from the decisions taken; raises ``ValueError`` on bad input."""
    source = data.cycle
    new_cycle = Cycle.model_validate(
        {
            "id": cycle_id or new_id("cyc"),
            "name": name,
            "starts": starts.isoformat(),
            "ends": ends.isoformat(),
            "description": source.description,
            "previous_cycle_id": source.id,
        }
    )
    records: dict[str, dict[str, Any]] = {
        "themes": {},
        "objectives": {},
        "key_results": {},
        "actions": {},
    }
    theme_ids: dict[str, str] = {}
    for theme in data.ordered("themes"):
        theme_ids[theme.id] = new_id("thm")
        records["themes"][theme_ids[theme.id]] = Theme(
            id=theme_ids[theme.id], title=theme.title, description=theme.description
        )
    objectives = data.objectives_in_order()
    carried = [o for o in objectives if o.carry_over in CARRIED]
    undecided = [o for o in objectives if o.carry_over is None]
    new_ids: dict[str, str] = {o.id: new_id("obj") for o in carried}
    kr_ids: dict[str, str] = {}
    key_results: list[dict[str, Any]] = []
    for objective in carried:
        decision = objective.carry_over
        assert decision is not None
        for kr in data.key_results_of(objective.id):
            record = _carried_key_result(data, kr, new_ids[objective.id], decision, starts)
            kr_ids[kr.id] = record["id"]
            key_results.append(record)
    unlinked: list[Objective] = []
    for objective in carried:
        parent = objective.parent_id
        new_parent = None
        if parent is not None:
            new_parent = new_ids.get(parent) or kr_ids.get(parent)
            if new_parent is None:
                unlinked.append(objective)  # its parent stayed behind: align it again
        new = Objective.model_validate(
            {
                "id": new_ids[objective.id],
                "title": objective.title,
                "description": objective.description,
                "level": objective.level,
                "team": objective.team,
                "owner": objective.owner,
                "commitment": objective.commitment,
                "theme_id": theme_ids.get(objective.theme_id or ""),
                "parent_id": new_parent,
                "carried_from": CarriedFrom(
                    cycle_id=source.id,
                    cycle_name=source.name,
                    record_id=objective.id,
                    decision=objective.carry_over,
                    note=objective.carry_over_note,
                ).model_dump(mode="json"),
                "position": objective.position,
            }
        )
        records["objectives"][new.id] = new
    for record in key_results:
        kr = KeyResult.model_validate(record)
        records["key_results"][kr.id] = kr
    marks: list[Update] = [Update(CYCLES_TABLE, source.id, {"next_cycle_id": new_cycle.id})]
    moved = 0
    for action in data.ordered("actions"):
        if not action.is_open:
            continue
        session = data.sessions.get(action.session_id or "")
        copy = ActionItem(
            id=new_id("act"),
            text=action.text,
            owner=action.owner,
            author=action.author,
            due=action.due,
            status="open",
            created_on=action.created_on,
            carried_from=CarriedFrom(
                cycle_id=source.id,
                cycle_name=source.name,
                record_id=action.id,
                note=session.title if session else "",
            ),
        )
        records["actions"][copy.id] = copy
        marks.append(Update("actions", action.id, {"carried_to": new_cycle.id}))
        moved += 1
    return CarryOverPlan(
        next_cycle=CycleData(new_cycle, records),
        source_change=Change(f"carry over into {new_cycle.name!r}", tuple(marks)),
        carried=carried,
        undecided=undecided,
        unlinked=unlinked,
        actions=moved,
    )
