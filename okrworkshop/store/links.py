"""Keeping a cycle's links whole when two windows edit it at once.

Each window builds its edits from its own copy of the cycle, which may be a second old. The
workspace applies them to a fresh read of the file, where another window may meanwhile have
deleted what an edit points at, or added something under what an edit deletes. Without care
the file would then hold a check-in of no key result, invisible on every screen and dropped
by every export. So, inside the same locked write:

- a put or update that would point at a record the cycle no longer holds does not land, and
  is reported (the app tells the facilitator and shows the cycle as saved);
- a delete takes along what still points at the deleted record, as the app's own delete
  does: required links (a key result's check-ins) go with it, optional ones (an objective
  aligned to it) are cleared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tinydb import TinyDB

from okrworkshop.model.cycle_data import CYCLES_TABLE, REFERENCES, Reference

Exists = Callable[[str, str], bool]

_BY_TABLE: dict[str, list[Reference]] = {}
for _reference in REFERENCES:
    _BY_TABLE.setdefault(_reference.table, []).append(_reference)


def missing_link(table: str, fields: Mapping[str, Any], exists: Exists) -> tuple[str, str] | None:
    """The (table, id) that ``fields`` of a ``table`` record name but the cycle lacks, if any."""
    for reference in _BY_TABLE.get(table, ()):
        value = fields.get(reference.field)
        if value is None:
            continue
        if not any(exists(target, str(value)) for target in reference.targets):
            return reference.targets[0], str(value)
    return None


class Cascade:
    """Removes or unlinks the records of one cycle that point at deleted ones."""

    def __init__(
        self,
        db: TinyDB,
        cycle_id: str,
        exists: Exists,
        removed: Callable[[str, str], None],
    ) -> None:
        self.db = db
        self.cycle_id = cycle_id
        self.exists = exists
        self.removed = removed

    def run(self, deleted: set[tuple[str, str]]) -> int:
        """Follow the deletes through the links; returns how many records it changed."""
        gone = {(table, rid) for table, rid in deleted if not self.exists(table, rid)}
        touched = 0
        while gone:
            tables = {table for table, _ in gone}
            newly: set[tuple[str, str]] = set()
            for reference in REFERENCES:
                if tables.isdisjoint(reference.targets):
                    continue
                touched += self._follow(reference, gone, newly)
            gone = newly  # records removed now may have dependents of their own
        return touched

    def _follow(
        self, reference: Reference, gone: set[tuple[str, str]], newly: set[tuple[str, str]]
    ) -> int:
        table = self.db.table(reference.table)
        hits: list[tuple[int, str]] = []
        for document in table:
            if reference.table != CYCLES_TABLE and document.get("cycle_id") != self.cycle_id:
                continue
            value = document.get(reference.field)
            if value is not None and any((t, value) in gone for t in reference.targets):
                hits.append((document.doc_id, str(document["id"])))
        if not hits:
            return 0
        doc_ids = [doc_id for doc_id, _ in hits]
        if reference.required:
            table.remove(doc_ids=doc_ids)
            for _, record_id in hits:
                self.removed(reference.table, record_id)
                newly.add((reference.table, record_id))
        else:
            table.update({reference.field: None}, doc_ids=doc_ids)
        return len(hits)
