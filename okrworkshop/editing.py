"""The cycle being edited in the app: apply, undo, redo, and hand every write to the saver.

No textual here: the app calls ``apply`` and listens for changes; tests drive it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrworkshop.model import Change, CycleData

if TYPE_CHECKING:
    from okrworkshop.store.autosave import AutoSaver

Listener = Callable[[Change], None]


@dataclass(frozen=True)
class Step:
    """One undoable step: what was done and what undoes it."""

    done: Change
    undo: Change


class CycleEditor:
    """Applies changes to one cycle in memory, queues them for disk, and keeps undo history."""

    def __init__(self, data: CycleData, saver: AutoSaver | None = None) -> None:
        self.data = data
        self.saver = saver
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def apply(self, change: Change, *, undoable: bool = True) -> Change:
        """Apply a change (validated; raises and changes nothing on bad input); save it."""
        if not change:
            return change
        inverse = self.data.apply(change)
        if undoable:
            self.undo_stack.append(Step(change, inverse))
            self.redo_stack.clear()
        self._commit(change)
        return change

    def undo(self) -> Change | None:
        """Undo the last step; returns it, or None when there is nothing to undo."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        redo = self.data.apply(step.undo)
        self.redo_stack.append(Step(redo, step.undo))
        self._commit(step.undo)
        return step.done

    def redo(self) -> Change | None:
        """Redo the last undone step."""
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        inverse = self.data.apply(step.done)
        self.undo_stack.append(Step(step.done, inverse))
        self._commit(step.done)
        return step.done

    def _commit(self, change: Change) -> None:
        if self.saver is not None:
            self.saver.submit(self.data.cycle.id, change.ops)
        for listener in list(self._listeners):
            listener(change)
