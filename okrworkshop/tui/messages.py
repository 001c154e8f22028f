"""Messages the app posts to its screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from okrworkshop.model import Change


@dataclass
class CycleChanged(Message):
    """The cycle in memory changed (an edit, an undo or a redo)."""

    change: Change


@dataclass
class SaveFailed(Message):
    """A background write failed; the edits are still queued."""

    error: str


@dataclass
class Saved(Message):
    """Queued edits reached the disk."""

    operations: int
