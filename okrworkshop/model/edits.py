"""The edits a facilitator makes, each built as one ``Change`` (one undo step, one write).

These functions only build changes; ``CycleData.apply`` validates and applies them, so a bad
value is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from okrworkshop.model._fields import new_id
from okrworkshop.model.changes import Change, Delete, Op, Put, Update
from okrworkshop.model.cycle_data import CYCLES_TABLE, CycleData, next_position
from okrworkshop.model.okr import KeyResult
from okrworkshop.model.session import RetroCard


def add_objective(data: CycleData, **fields: Any) -> tuple[str, Change]:
    """A new objective after the others; returns its id and the change."""
    objective_id = fields.pop("id", None) or new_id("obj")
    record = {
        "id": objective_id,
        "position": next_position(data.objectives.values()),
        **_json(fields),
    }
    title = fields.get("title", "")
    return objective_id, Change(f"add objective {title!r}", (Put("objectives", record),))


def add_key_result(data: CycleData, objective_id: str, **fields: Any) -> tuple[str, Change]:
    """A new key result at the end of an objective's list."""
    kr_id = fields.pop("id", None) or new_id("kr")
    record = {
        "id": kr_id,
        "objective_id": objective_id,
        "position": next_position(data.key_results_of(objective_id)),
        # Dates as ISO text: the record goes to the JSON file as it is.
        **_json(fields),
    }
    title = fields.get("title", "")
    return kr_id, Change(f"add key result {title!r}", (Put("key_results", record),))


def update(table: str, record_id: str, label: str, **changes: Any) -> Change:
    """Set some fields of one record."""
    return Change(label, (Update(table, record_id, _json(changes)),))


def rename_cycle(data: CycleData, name: str) -> Change:
    return Change(
        f"rename cycle to {name!r}", (Update(CYCLES_TABLE, data.cycle.id, {"name": name}),)
    )


def _unlink_children(data: CycleData, parent_ids: set[str]) -> list[Op]:
    return [
        Update("objectives", o.id, {"parent_id": None})
        for o in data.objectives.values()
        if o.parent_id in parent_ids
    ]


def _delete_confidence_rounds(data: CycleData, kr_ids: set[str]) -> list[Op]:
    """Confidence rounds on key results that are going away go with them."""
    return [
        Delete("confidence_rounds", r.id)
        for r in data.confidence_rounds.values()
        if r.key_result_id in kr_ids
    ]


def _drop_dismissals(data: CycleData, target_ids: set[str]) -> list[Op]:
    """Dismissed findings about records that are going away go with them (undo brings both)."""
    return [
        Delete("dismissals", d.id) for d in data.dismissals.values() if d.target_id in target_ids
    ]


def delete_key_result(data: CycleData, kr_id: str) -> Change:
    """Delete a key result with its check-ins; objectives aligned to it lose that link."""
    kr = data.key_results[kr_id]
    ops: list[Op] = [Delete("check_ins", c.id) for c in data.check_ins_of(kr_id)]
    ops += _delete_confidence_rounds(data, {kr_id})
    ops += _unlink_children(data, {kr_id})
    ops += _drop_dismissals(data, {kr_id})
    ops.append(Delete("key_results", kr_id))
    return Change(f"delete key result {kr.title!r}", tuple(ops))


def delete_objective(data: CycleData, objective_id: str) -> Change:
    """Delete an objective with its key results and their check-ins; unlink what aligned to it."""
    objective = data.objectives[objective_id]
    krs = data.key_results_of(objective_id)
    ops: list[Op] = []
    for kr in krs:
        ops += [Delete("check_ins", c.id) for c in data.check_ins_of(kr.id)]
    ops += _delete_confidence_rounds(data, {kr.id for kr in krs})
    ops += _unlink_children(data, {objective_id, *(kr.id for kr in krs)})
    ops += _drop_dismissals(data, {objective_id, *(kr.id for kr in krs)})
    ops += [Delete("key_results", kr.id) for kr in krs]
    ops.append(Delete("objectives", objective_id))
    return Change(f"delete objective {objective.title!r}", tuple(ops))


def delete_theme(data: CycleData, theme_id: str) -> Change:
    """Delete a theme; objectives that served it keep their place with no theme."""
    theme = data.themes[theme_id]
    ops: list[Op] = [
        Update("objectives", o.id, {"theme_id": None})
        for o in data.objectives.values()
        if o.theme_id == theme_id
    ]
    ops += _drop_dismissals(data, {theme_id})
    ops.append(Delete("themes", theme_id))
    return Change(f"delete theme {theme.title!r}", tuple(ops))


def dismiss_finding(
    data: CycleData, rule: str, target_id: str, reason: str, *, by: str = "", on: date | None = None
) -> tuple[str, Change]:
    """Keep a coaching finding as it is, on purpose: stored with the reason, one undo step."""
    found = data.find(target_id)
    about = found[1].title if found is not None else target_id
    return add_record(
        "dismissals",
        "dis",
        f"dismiss {rule} on {about!r}",
        rule=rule,
        target_id=target_id,
        reason=reason,
        by=by,
        at=on,
    )


def restore_finding(data: CycleData, dismissal_id: str) -> Change:
    """Bring a dismissed finding back into the coach's open findings."""
    dismissal = data.dismissals[dismissal_id]
    return Change(f"restore {dismissal.rule}", (Delete("dismissals", dismissal_id),))


def record_check_in(
    data: CycleData,
    kr_id: str,
    *,
    at: date,
    value: float | None,
    confidence: int | None = None,
    note: str = "",
    blocker: str = "",
    author: str = "",
) -> tuple[str, Change]:
    """A check-in on a key result; its value becomes the key result's current value.

    A check-in dated before the latest one (a missed week entered late) is history: it does
    not replace the newer value the key result already shows.
    """
    kr = data.key_results[kr_id]
    latest = max((c.at for c in data.check_ins_of(kr_id)), default=None)
    check_in_id = new_id("ci")
    record = {
        "id": check_in_id,
        "key_result_id": kr_id,
        "at": at.isoformat(),
        "value": value,
        "confidence": confidence,
        "note": note,
        "blocker": blocker,
        "author": author,
    }
    kr_changes: dict[str, Any] = {}
    if value is not None and (latest is None or at >= latest):
        if kr.kind == "milestone":
            kr_changes["done"] = value >= 1
        kr_changes["current"] = value
    ops: list[Op] = [Put("check_ins", record)]
    if kr_changes:
        ops.append(Update("key_results", kr_id, kr_changes))
    return check_in_id, Change(f"check in on {kr.title!r}", tuple(ops))


def set_score(data: CycleData, kr_id: str, score: float | None, note: str) -> Change:
    """The retro's final score of a key result, with the note that explains it."""
    kr = data.key_results[kr_id]
    return update("key_results", kr_id, f"score {kr.title!r}", score=score, score_note=note)


def score_at_progress(data: CycleData, kr_ids: Iterable[str]) -> Change:
    """Score each unscored key result at the progress it reached (two decimals), as one step."""
    ops: list[Op] = []
    for kr_id in kr_ids:
        kr = data.key_results[kr_id]
        if kr.score is None:
            ops.append(Update("key_results", kr_id, {"score": round(kr.progress(), 2)}))
    if len(ops) == 1:
        title = data.key_results[ops[0].id].title
        return Change(f"score {title!r} at its progress", tuple(ops))
    return Change(f"score {len(ops)} key results at their progress", tuple(ops))


def target_change_recorded(data: CycleData, kr: KeyResult, target: float | None, on: date) -> bool:
    """Whether setting ``target`` on ``on`` changes it after planning closed (needs a reason)."""
    closed = data.cycle.planning_closed_on
    return closed is not None and on >= closed and target != kr.target


def edit_key_result(
    data: CycleData, kr_id: str, changes: dict[str, Any], *, on: date, reason: str = ""
) -> Change:
    """Edit a key result; a target changed after planning closed joins its history with the reason.

    With the target unchanged, a ``reason`` explains the latest change that has none yet.
    """
    kr = data.key_results[kr_id]
    changes = _json(changes)
    reason = " ".join(reason.split())
    history = [change.model_dump(mode="json") for change in kr.target_history]
    if "target" in changes and target_change_recorded(data, kr, changes["target"], on):
        history.append(
            {"on": on.isoformat(), "old": kr.target, "new": changes["target"], "reason": reason}
        )
        changes["target_history"] = history
    elif reason and history and not history[-1]["reason"]:
        history[-1]["reason"] = reason
        changes["target_history"] = history
    title = changes.get("title", kr.title)
    return Change(f"edit key result {title!r}", (Update("key_results", kr_id, changes),))


def give_dot(card: RetroCard, person: str, step: int) -> Change:
    """One dot more (``step`` 1) or less (-1) on a card, from a person or, when blank, anonymously.

    Budgets are the method's business (``facilitation.votes``); this only keeps ``votes``
    and ``dots`` in step. Taking back a dot that was never given changes nothing.
    """
    dots = dict(card.dots)
    if person:
        given = dots.get(person, 0) + step
        if given < 0:
            return Change("no dot to take back")
        if given:
            dots[person] = given
        else:
            dots.pop(person, None)
    elif step < 0 and card.votes - sum(dots.values()) <= 0:
        return Change("no dot to take back")
    votes = card.votes + step
    who = f" ({person})" if person else ""
    label = f"{'vote for' if step > 0 else 'unvote'} {card.text!r}{who}"
    return Change(label, (Update("retro_cards", card.id, {"votes": votes, "dots": dots}),))


def add_record(table: str, prefix: str, label: str, **fields: Any) -> tuple[str, Change]:
    """A new record of any simple kind (capture, retro card, action, theme, session)."""
    record_id = fields.pop("id", None) or new_id(prefix)
    return record_id, Change(label, (Put(table, {"id": record_id, **_json(fields)}),))


def delete_record(data: CycleData, table: str, record_id: str, label: str) -> Change:
    """Delete one record that nothing else depends on."""
    if record_id not in data.tables[table]:
        return Change(label)
    return Change(label, (Delete(table, record_id),))


def swap_positions(table: str, first: Any, second: Any, label: str) -> Change:
    """Exchange the places of two records (move up or down)."""
    if first.position == second.position:
        return Change(
            label,
            (
                Update(table, first.id, {"position": second.position + 0.5}),
                Update(table, second.id, {"position": first.position}),
            ),
        )
    return Change(
        label,
        (
            Update(table, first.id, {"position": second.position}),
            Update(table, second.id, {"position": first.position}),
        ),
    )


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}
