"""Editing a key result after planning closed: a changed target asks why, and keeps the answer.

The key result form gets one more field, "Why the target changed"; a new target saved without
a reason is questioned once (the form stays open), then kept — the coach's
``target-changed-unexplained`` finding remembers the missing reason until someone gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from okrworkshop.model import CycleData, KeyResult, edits
from okrworkshop.tui.format import number
from okrworkshop.tui.screens.form import FormField

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

REASON = "target_reason"


def reason_fields(data: CycleData, kr: KeyResult, today: date) -> list[FormField]:
    """The reason field, once planning has closed (before that, targets move freely)."""
    closed = data.cycle.planning_closed_on
    if closed is None or today < closed:
        return []
    unexplained = next((c for c in reversed(kr.target_history) if not c.reason), None)
    placeholder = f"planning closed on {closed.isoformat()}: say why if you change the target"
    if unexplained is not None:
        placeholder = (
            f"why did it move from {number(unexplained.old)} to {number(unexplained.new)} "
            f"on {unexplained.on.isoformat()}?"
        )
    return [FormField(REASON, "Why the target changed", placeholder=placeholder)]


def without_reason(values: dict[str, Any]) -> dict[str, Any]:
    """The key result's own fields of the form's values (for the live coach)."""
    return {name: value for name, value in values.items() if name != REASON}


def edit_submit(
    app: OkrWorkshopApp,
    data: CycleData,
    kr: KeyResult,
    clean: Callable[[dict[str, Any]], dict[str, Any]],
) -> Callable[[dict[str, Any]], str | None]:
    """The form's submit: one change with the edit and, when the target moved, its history."""
    asked: dict[str, Any] = {}

    def submit(values: dict[str, Any]) -> str | None:
        values = dict(values)
        reason = values.pop(REASON, "") or ""
        changes = clean(values)
        today = app.today()
        target = changes.get("target", kr.target)
        if (
            edits.target_change_recorded(data, kr, target, today)
            and not reason.strip()
            and asked.get("target") != target
        ):
            asked["target"] = target
            return (
                f"The target changes from {number(kr.target)} to {number(target)} after planning "
                "closed: say why in “Why the target changed” (or save again to keep it without "
                "a reason)."
            )
        return app.apply(edits.edit_key_result(data, kr.id, changes, on=today, reason=reason))

    return submit
