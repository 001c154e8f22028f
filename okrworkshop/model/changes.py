"""Edits as data: every user action is a ``Change`` of record-level operations.

The same operations are applied to the in-memory cycle and, inside the workspace lock, to a
fresh read of the file, so a second process's work is never overwritten by a stale copy.
Each applied change yields its inverse, which is what undo replays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = Any


@dataclass(frozen=True, slots=True)
class Put:
    """Insert a record, or replace it whole when its id exists."""

    table: str
    record: Mapping[str, JSON]

    @property
    def id(self) -> str:
        return str(self.record["id"])


@dataclass(frozen=True, slots=True)
class Update:
    """Set some fields of an existing record."""

    table: str
    id: str
    changes: Mapping[str, JSON]


@dataclass(frozen=True, slots=True)
class Delete:
    """Remove a record."""

    table: str
    id: str


Op = Put | Update | Delete


@dataclass(frozen=True, slots=True)
class Change:
    """One user action: a label for undo and the operations it makes."""

    label: str
    ops: tuple[Op, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.ops)


def op_to_json(op: Op) -> dict[str, JSON]:
    """An operation as plain JSON (for the undo log)."""
    if isinstance(op, Put):
        return {"op": "put", "table": op.table, "record": dict(op.record)}
    if isinstance(op, Update):
        return {"op": "update", "table": op.table, "id": op.id, "changes": dict(op.changes)}
    return {"op": "delete", "table": op.table, "id": op.id}


def op_from_json(data: Mapping[str, JSON]) -> Op:
    """The inverse of :func:`op_to_json`."""
    kind = data.get("op")
    if kind == "put":
        return Put(str(data["table"]), dict(data["record"]))
    if kind == "update":
        return Update(str(data["table"]), str(data["id"]), dict(data["changes"]))
    if kind == "delete":
        return Delete(str(data["table"]), str(data["id"]))
    raise ValueError(f"unknown operation {kind!r}")


def change_to_json(change: Change) -> dict[str, JSON]:
    """A change as plain JSON."""
    return {"label": change.label, "ops": [op_to_json(op) for op in change.ops]}


def change_from_json(data: Mapping[str, JSON]) -> Change:
    """The inverse of :func:`change_to_json`."""
    return Change(str(data["label"]), tuple(op_from_json(op) for op in data["ops"]))
