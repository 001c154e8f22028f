"""The cycle being edited in the app: apply, undo, redo, and hand every write to the saver.

The undo history goes to the saver with each edit, so it reaches the disk in the same write
as the edit and survives a restart of the app. No textual here: the app calls ``apply`` and
listens for changes; tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from okrworkshop.model import Change, CycleData, Update
from okrworkshop.model.cycle_data import CYCLES_TABLE
from okrworkshop.model.history import HISTORY_LIMIT, History, Step

if TYPE_CHECKING:
    from okrworkshop.store.autosave import AutoSaver

Listener = Callable[[Change], None]

__all__ = ["CycleEditor", "ReadOnlyCycle", "Step", "UndoFailed"]


class ReadOnlyCycle(ValueError):
    """The cycle can no longer be saved (deleted elsewhere); edits are refused, not lost."""


class UndoFailed(Exception):
    """A stored step no longer fits the cycle (changed elsewhere); it was dropped."""

    def __init__(self, step: Step, reason: str) -> None:
        super().__init__(reason)
        self.step = step
        self.reason = reason


class CycleEditor:
    """Applies changes to one cycle in memory, queues them for disk, and keeps undo history."""

    def __init__(
        self,
        data: CycleData,
        saver: AutoSaver | None = None,
        *,
        history: History | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.data = data
        self.saver = saver
        self.clock = clock
        history = history or History()
        self.undo_stack: list[Step] = list(history.undo)
        self.redo_stack: list[Step] = list(history.redo)
        self._listeners: list[Listener] = []
        # Why edits are refused, once the cycle was deleted by another window or command.
        self.read_only: str | None = None

    @property
    def history(self) -> History:
        """The undo and redo stacks as they stand."""
        return History(tuple(self.undo_stack), tuple(self.redo_stack))

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def apply(self, change: Change, *, undoable: bool = True) -> Change:
        """Apply a change (validated; raises and changes nothing on bad input); save it.

        Only what really changed is saved and kept for undo (see ``CycleData.apply_minimal``);
        a change that changes nothing is no undo step and no write.
        """
        if not change:
            return change
        self._check_writable()
        change, inverse = self.data.apply_minimal(change)
        if not change:
            return change
        if undoable:
            self.undo_stack.append(Step(change, inverse, self._now()))
            del self.undo_stack[:-HISTORY_LIMIT]
            self.redo_stack.clear()
        self._commit(change, history=undoable)
        return change

    def undo(self) -> Change | None:
        """Undo the last step; returns it, or None when there is nothing to undo.

        A step that no longer applies (the cycle was changed elsewhere since) is dropped and
        ``UndoFailed`` says why; nothing else changes.
        """
        self._check_writable()
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        try:
            _check_unchanged(self.data, step.done)
            undone, redo = self.data.apply_minimal(step.undo)
        except (KeyError, ValueError) as error:
            self._commit(Change("drop a stale undo step"), history=True)
            raise UndoFailed(step, _reason(error)) from error
        self.redo_stack.append(Step(redo, step.undo, step.at))
        self._commit(undone, history=True)
        return step.done

    def redo(self) -> Change | None:
        """Redo the last undone step."""
        self._check_writable()
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        try:
            _check_unchanged(self.data, step.undo)
            redone, inverse = self.data.apply_minimal(step.done)
        except (KeyError, ValueError) as error:
            self._commit(Change("drop a stale redo step"), history=True)
            raise UndoFailed(step, _reason(error)) from error
        self.undo_stack.append(Step(step.done, inverse, step.at))
        self._commit(redone, history=True)
        return step.done

    def reload(self, fresh: CycleData) -> None:
        """Show the cycle as the file now holds it (saved by another window or command).

        The undo and redo stacks stay: a step that no longer fits fails cleanly when used.
        Listeners hear of it as an empty change, so every screen redraws.
        """
        self.data.take_over(fresh)
        self.read_only = None
        for listener in list(self._listeners):
            listener(Change("load changes saved elsewhere"))

    def make_read_only(self, reason: str) -> None:
        """Refuse further edits (with ``reason``); what is in memory stays on screen."""
        self.read_only = reason
        for listener in list(self._listeners):
            listener(Change("the cycle became read-only"))

    def _check_writable(self) -> None:
        if self.read_only is not None:
            raise ReadOnlyCycle(self.read_only)

    def _now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def _commit(self, change: Change, *, history: bool) -> None:
        if self.saver is not None:
            self.saver.submit(
                self.data.cycle.id, change.ops, history=self.history if history else None
            )
        if change:
            for listener in list(self._listeners):
                listener(change)


def _check_unchanged(data: CycleData, change: Change) -> None:
    """Refuse to step back over a field that someone else changed after ``change`` set it.

    Undo and redo set fields back; when another window has changed one of them since, doing
    so would silently throw away that window's work, so the step no longer fits.
    """
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    for op in change.ops:
        if isinstance(op, Update):
            expected.setdefault((op.table, op.id), {}).update(op.changes)
    for (table, record_id), fields in expected.items():
        record = data.cycle if table == CYCLES_TABLE else data.tables[table].get(record_id)
        if record is None:
            continue  # missing records fail in apply with their own reason
        now = record.model_dump(mode="json")
        changed = [name for name, value in fields.items() if now.get(name) != value]
        if changed:
            title = getattr(record, "title", None) or getattr(record, "text", None) or record_id
            fields_text = ", ".join(name.replace("_", " ") for name in changed)
            raise ValueError(
                f"the {fields_text} of “{title}” was set again meanwhile, perhaps by another "
                "okrworkshop window or command"
            )


def _reason(error: Exception) -> str:
    from pydantic import ValidationError

    from okrworkshop.model.errors import one_line

    if isinstance(error, ValidationError):
        return one_line(error)
    return str(error.args[0] if error.args else error)
