"""What differs between two copies of one cycle, in words a facilitator reads at a glance.

Used when another window or command saved the cycle and the app loads it again: the notice
says what came in ("1 objective added, 2 key results changed") rather than just "reloaded".
"""

from __future__ import annotations

from dataclasses import dataclass

from okrworkshop.model.cycle_data import TABLES, CycleData

# table -> (one, many), in the order a summary lists them
RECORD_NAMES: dict[str, tuple[str, str]] = {
    "themes": ("theme", "themes"),
    "objectives": ("objective", "objectives"),
    "key_results": ("key result", "key results"),
    "check_ins": ("check-in", "check-ins"),
    "sessions": ("session", "sessions"),
    "captures": ("capture", "captures"),
    "retro_cards": ("retro card", "retro cards"),
    "actions": ("action", "actions"),
    "candidates": ("candidate", "candidates"),
    "confidence_rounds": ("confidence round", "confidence rounds"),
    "dismissals": ("dismissed finding", "dismissed findings"),
}


@dataclass(frozen=True)
class TableDifference:
    """How many records of one kind were added, changed and removed."""

    table: str
    added: int = 0
    changed: int = 0
    removed: int = 0


@dataclass(frozen=True)
class CycleDifference:
    """Everything that differs between two copies of a cycle."""

    cycle_changed: bool
    tables: tuple[TableDifference, ...]

    def __bool__(self) -> bool:
        return self.cycle_changed or bool(self.tables)

    def describe(self) -> str:
        """A short line such as "1 objective added, 2 key results changed"."""
        parts: list[str] = []
        for diff in self.tables:
            for count, verb in (
                (diff.added, "added"),
                (diff.changed, "changed"),
                (diff.removed, "removed"),
            ):
                if count:
                    parts.append(f"{count} {record_name(diff.table, count)} {verb}")
        if self.cycle_changed:
            parts.append("the cycle's details changed")
        return ", ".join(parts)


def record_name(table: str, count: int = 1) -> str:
    """What a record of ``table`` is called: "key result", or "key results" for many."""
    one, many = RECORD_NAMES.get(table, (table, table))
    return one if count == 1 else many


def compare(before: CycleData, after: CycleData) -> CycleDifference:
    """What ``after`` adds, changes and removes relative to ``before``.

    ``before`` is only read by key and length, so another thread may keep changing it; the
    caller then throws the answer away (the cycle's revision moved on).
    """
    return _walk(before, after, reuse=False)


def reconcile(before: CycleData, after: CycleData) -> CycleDifference:
    """Like :func:`compare`, and make ``after`` (a fresh read) follow on from ``before``.

    Records equal in both become ``before``'s very objects and keep their display order, so
    screens that redraw only the rows whose records changed redraw only what came in.
    """
    difference = _walk(before, after, reuse=True)
    after.keep_order_of(before)
    return difference


def _walk(before: CycleData, after: CycleData, *, reuse: bool) -> CycleDifference:
    tables: list[TableDifference] = []
    for table in TABLES:
        old, new = before.tables[table], after.tables[table]
        added = changed = kept = 0
        for record_id, record in new.items():
            previous = old.get(record_id)
            if previous is None:
                added += 1
                continue
            kept += 1
            if previous != record:
                changed += 1
            elif reuse:
                new[record_id] = previous  # the same key: the dict keeps its size
        removed = max(len(old) - kept, 0)
        if added or changed or removed:
            tables.append(TableDifference(table, added, changed, removed))
    cycle_changed = before.cycle != after.cycle
    if reuse and not cycle_changed:
        after.cycle = before.cycle
    return CycleDifference(cycle_changed, tuple(tables))
