"""The cycle being edited in the app: apply, undo, redo, and hand every write to the saver.

The undo history goes to the saver with each edit, so it reaches the disk in the same write
as the edit and survives a restart of the app. No textual here: the app calls ``apply`` and
listens for changes; tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from okrworkshop.model import Change, CycleData
from okrworkshop.model.history import HISTORY_LIMIT, History, Step

if TYPE_CHECKING:
    from okrworkshop.store.autosave import AutoSaver

Listener = Callable[[Change], None]

__all__ = ["CycleEditor", "Step", "UndoFailed"]


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
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        try:
            undone, redo = self.data.apply_minimal(step.undo)
        except (KeyError, ValueError) as error:
            self._commit(Change("drop a stale undo step"), history=True)
            raise UndoFailed(step, _reason(error)) from error
        self.redo_stack.append(Step(redo, step.undo, step.at))
        self._commit(undone, history=True)
        return step.done

    def redo(self) -> Change | None:
        """Redo the last undone step."""
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        try:
            redone, inverse = self.data.apply_minimal(step.done)
        except (KeyError, ValueError) as error:
            self._commit(Change("drop a stale redo step"), history=True)
            raise UndoFailed(step, _reason(error)) from error
        self.undo_stack.append(Step(step.done, inverse, step.at))
        self._commit(redone, history=True)
        return step.done

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


def _reason(error: Exception) -> str:
    from pydantic import ValidationError

    from okrworkshop.model.errors import one_line

    if isinstance(error, ValidationError):
        return one_line(error)
    return str(error.args[0] if error.args else error)
