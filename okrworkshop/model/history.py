"""The undo history of a cycle as data: steps of (done, undo) changes, storable as JSON.

The workspace keeps it beside the cycle and writes it in the same atomic write as the edit it
describes, so after a restart ctrl+z undoes exactly what the file holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from okrworkshop.model.changes import Change, change_from_json, change_to_json

HISTORY_LIMIT = 200  # undo steps kept per cycle
HISTORY_MAX_AGE = timedelta(hours=24)  # older steps are let go when the cycle is opened


@dataclass(frozen=True)
class Step:
    """One undoable step: what was done, what undoes it, and when."""

    done: Change
    undo: Change
    at: datetime | None = None


@dataclass(frozen=True)
class History:
    """The undo and redo stacks, oldest first."""

    undo: tuple[Step, ...] = ()
    redo: tuple[Step, ...] = ()

    def recent(self, now: datetime, max_age: timedelta = HISTORY_MAX_AGE) -> History:
        """Only the steps made within ``max_age`` of ``now`` (undated ones are kept)."""

        def fresh(step: Step) -> bool:
            return step.at is None or now - step.at <= max_age

        return History(
            tuple(s for s in self.undo if fresh(s)), tuple(s for s in self.redo if fresh(s))
        )


def step_to_json(step: Step) -> dict[str, Any]:
    return {
        "done": change_to_json(step.done),
        "undo": change_to_json(step.undo),
        "at": step.at.isoformat() if step.at else None,
    }


def step_from_json(data: Mapping[str, Any]) -> Step:
    at = data.get("at")
    return Step(
        change_from_json(data["done"]),
        change_from_json(data["undo"]),
        datetime.fromisoformat(at) if isinstance(at, str) else None,
    )


def history_to_json(history: History) -> dict[str, Any]:
    """The history as a JSON document (without the cycle id, which the store adds)."""
    return {
        "undo": [step_to_json(s) for s in history.undo[-HISTORY_LIMIT:]],
        "redo": [step_to_json(s) for s in history.redo[-HISTORY_LIMIT:]],
    }


def history_from_json(document: Mapping[str, Any]) -> History:
    """Read a stored history; ``ValueError`` when it is not one we wrote."""
    try:
        undo = _steps(document.get("undo", []))
        redo = _steps(document.get("redo", []))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"the undo history cannot be read ({error})") from error
    return History(undo, redo)


def _steps(raw: Sequence[Any]) -> tuple[Step, ...]:
    if not isinstance(raw, list):
        raise TypeError("steps should be a list")
    return tuple(step_from_json(item) for item in raw)
