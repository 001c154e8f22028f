"""One cycle in memory: flat tables of records with the indexes the screens need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from okrworkshop.model._fields import Record
from okrworkshop.model.changes import Change, Delete, Op, Put, Update
from okrworkshop.model.coaching import Dismissal
from okrworkshop.model.live import Candidate, ConfidenceRound
from okrworkshop.model.okr import CheckIn, Cycle, KeyResult, Objective, Theme
from okrworkshop.model.progress import weighted_mean
from okrworkshop.model.session import ActionItem, Capture, RetroCard, Session


@dataclass(frozen=True)
class TableSpec:
    """A kind of record a cycle holds: its model and the field that points at its parent."""

    name: str
    model: type[Record]
    parent_field: str | None = None


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("themes", Theme),
        TableSpec("objectives", Objective),
        TableSpec("key_results", KeyResult, "objective_id"),
        TableSpec("check_ins", CheckIn, "key_result_id"),
        TableSpec("sessions", Session),
        TableSpec("captures", Capture, "session_id"),
        TableSpec("retro_cards", RetroCard, "session_id"),
        TableSpec("actions", ActionItem),
        TableSpec("candidates", Candidate, "session_id"),
        TableSpec("confidence_rounds", ConfidenceRound, "session_id"),
        TableSpec("dismissals", Dismissal),
    )
}
CYCLES_TABLE = "cycles"


@dataclass(frozen=True)
class Reference:
    """A field of one kind of record that names another record of the same cycle.

    ``required``: the record cannot live without the one it names (a check-in goes with its
    key result); otherwise the link is cleared (an objective aligned to a deleted one stays).
    The workspace keeps these links whole when two windows edit one cycle at once.
    """

    table: str
    field: str
    targets: tuple[str, ...]
    required: bool


REFERENCES: tuple[Reference, ...] = (
    Reference("key_results", "objective_id", ("objectives",), required=True),
    Reference("check_ins", "key_result_id", ("key_results",), required=True),
    Reference("captures", "session_id", ("sessions",), required=True),
    Reference("retro_cards", "session_id", ("sessions",), required=True),
    Reference("candidates", "session_id", ("sessions",), required=True),
    Reference("confidence_rounds", "session_id", ("sessions",), required=True),
    Reference("confidence_rounds", "key_result_id", ("key_results",), required=True),
    Reference("dismissals", "target_id", ("objectives", "key_results", "themes"), required=True),
    Reference("objectives", "parent_id", ("objectives", "key_results"), required=False),
    Reference("objectives", "theme_id", ("themes",), required=False),
    Reference("actions", "session_id", ("sessions",), required=False),
    Reference("candidates", "merged_into", ("candidates",), required=False),
)

R = TypeVar("R", bound=BaseModel)


class UnknownRecordError(KeyError):
    """An operation named a record or table the cycle does not have."""


class CycleData:
    """The records of one cycle, applied to by ``Change``s, each yielding its inverse."""

    def __init__(self, cycle: Cycle, records: dict[str, dict[str, Any]] | None = None) -> None:
        self.cycle = cycle
        self.tables: dict[str, dict[str, Any]] = {name: {} for name in TABLES}
        self._children: dict[str, defaultdict[str, list[str]]] = {
            name: defaultdict(list) for name, spec in TABLES.items() if spec.parent_field
        }
        self._sorted: dict[tuple[str, str], list[Any]] = {}
        # Where each record first arrived: breaks ties in display order, and is kept when a
        # record is deleted so that undoing the delete puts it back in its old place.
        self._arrival: dict[str, dict[str, int]] = {name: {} for name in TABLES}
        self._arrivals = 0
        for name, table in (records or {}).items():
            self.tables[name].update(table)
        self._reindex()
        self.revision = 0

    def snapshot(self) -> CycleData:
        """A copy another thread can read while this one keeps changing.

        Records are shared: a change replaces a record, it never edits one in place.
        """
        copy = CycleData(self.cycle)
        copy.tables = {name: dict(table) for name, table in self.tables.items()}
        copy._children = {
            name: defaultdict(list, {parent: list(ids) for parent, ids in children.items()})
            for name, children in self._children.items()
        }
        copy._arrival = {name: dict(order) for name, order in self._arrival.items()}
        copy._arrivals = self._arrivals
        copy.revision = self.revision
        return copy

    def keep_order_of(self, previous: CycleData) -> None:
        """Number records as ``previous`` did, so that a reload keeps ties in their places.

        ``previous`` is read by key only, so another thread may go on changing it meanwhile.
        """
        base = previous._arrivals
        added = 0
        for name, table in self.tables.items():
            known = previous._arrival.get(name, {})
            order: dict[str, int] = {}
            for record_id in table:
                place = known.get(record_id)
                if place is None:
                    place = base + added
                    added += 1
                order[record_id] = place
            self._arrival[name] = order
        self._arrivals = base + added

    def take_over(self, fresh: CycleData) -> None:
        """Become ``fresh`` (the same cycle read again), staying the object the screens hold."""
        self.cycle = fresh.cycle
        self.tables = fresh.tables
        self._children = fresh._children
        self._arrival = fresh._arrival
        self._arrivals = fresh._arrivals
        self._sorted = {}
        self.revision = max(self.revision, fresh.revision) + 1

    # ----------------------------------------------------------------- reading

    @property
    def themes(self) -> dict[str, Theme]:
        return self.tables["themes"]

    @property
    def objectives(self) -> dict[str, Objective]:
        return self.tables["objectives"]

    @property
    def key_results(self) -> dict[str, KeyResult]:
        return self.tables["key_results"]

    @property
    def check_ins(self) -> dict[str, CheckIn]:
        return self.tables["check_ins"]

    @property
    def sessions(self) -> dict[str, Session]:
        return self.tables["sessions"]

    @property
    def captures(self) -> dict[str, Capture]:
        return self.tables["captures"]

    @property
    def retro_cards(self) -> dict[str, RetroCard]:
        return self.tables["retro_cards"]

    @property
    def actions(self) -> dict[str, ActionItem]:
        return self.tables["actions"]

    @property
    def candidates(self) -> dict[str, Candidate]:
        return self.tables["candidates"]

    @property
    def confidence_rounds(self) -> dict[str, ConfidenceRound]:
        return self.tables["confidence_rounds"]

    @property
    def dismissals(self) -> dict[str, Dismissal]:
        return self.tables["dismissals"]

    def dismissals_of(self, target_id: str) -> list[Dismissal]:
        """Dismissed findings about one objective, key result or theme."""
        return [d for d in self.ordered("dismissals") if d.target_id == target_id]

    def ordered(self, table: str) -> list[Any]:
        """All records of a table in display order."""
        key = (table, "")
        if key not in self._sorted:
            self._sorted[key] = sorted(self.tables[table].values(), key=self._order_key(table))
        return self._sorted[key]

    def children(self, table: str, parent_id: str) -> list[Any]:
        """Records of ``table`` whose parent is ``parent_id``, in display order."""
        key = (table, parent_id)
        if key not in self._sorted:
            records = self.tables[table]
            ids = self._children[table].get(parent_id, [])
            self._sorted[key] = sorted((records[i] for i in ids), key=self._order_key(table))
        return self._sorted[key]

    def children_unordered(self, table: str, parent_id: str) -> list[Any]:
        """Records of ``table`` whose parent is ``parent_id``, in arrival order, unsorted.

        For whole-cycle passes (the coach over 48,000 check-ins) that need no display order:
        sorting every list again after each change would cost more than the rule itself.
        """
        records = self.tables[table]
        return [records[i] for i in self._children[table].get(parent_id, ())]

    def _order_key(self, table: str) -> Callable[[Any], tuple[Any, ...]]:
        order = self._arrival[table]
        if table == "check_ins":
            # The same order as below for records with a date and no position, without the
            # generic lookups: 48,000 check-ins are sorted when a large cycle opens.
            def by_date(record: Any) -> tuple[Any, ...]:
                arrived = order.get(record.id)
                if arrived is None:
                    arrived = self._arrived(table, record.id)
                return (record.at, arrived)

            return by_date

        # Position first, then the record's date, then arrival; reading only the fields
        # this table's records have (a missing attribute costs pydantic an exception).
        fields = TABLES[table].model.model_fields
        has_position = "position" in fields
        dated = [name for name in ("at", "held_on", "created_on") if name in fields]

        def key(record: Any) -> tuple[Any, ...]:
            position = record.position if has_position else None
            at = None
            for name in dated:
                at = getattr(record, name)
                if at:
                    break
            arrived = order.get(record.id)
            if arrived is None:
                arrived = self._arrived(table, record.id)
            return (position if position is not None else 0.0, str(at or ""), arrived)

        return key

    def _arrived(self, table: str, record_id: str) -> int:
        order = self._arrival[table]
        if record_id not in order:
            order[record_id] = self._arrivals
            self._arrivals += 1
        return order[record_id]

    def objectives_in_order(self) -> list[Objective]:
        return self.ordered("objectives")

    def key_results_of(self, objective_id: str) -> list[KeyResult]:
        return self.children("key_results", objective_id)

    def check_ins_of(self, key_result_id: str) -> list[CheckIn]:
        return self.children("check_ins", key_result_id)

    def captures_of(self, session_id: str) -> list[Capture]:
        return self.children("captures", session_id)

    def retro_cards_of(self, session_id: str) -> list[RetroCard]:
        return self.children("retro_cards", session_id)

    def candidates_of(self, session_id: str) -> list[Candidate]:
        """A brainstorm's objective candidates, in the order they were entered."""
        return self.children("candidates", session_id)

    def confidence_rounds_of(self, session_id: str) -> list[ConfidenceRound]:
        """A session's blind confidence rounds, oldest first."""
        return self.children("confidence_rounds", session_id)

    def objective_progress(self, objective_id: str) -> float | None:
        """Weighted mean of the objective's key results' progress; None without key results."""
        return weighted_mean((kr.progress(), kr.weight) for kr in self.key_results_of(objective_id))

    def find(self, record_id: str) -> tuple[str, Any] | None:
        """The table and record with this id, whichever table holds it."""
        for name, table in self.tables.items():
            if record_id in table:
                return name, table[record_id]
        return None

    def all_ids(self) -> set[str]:
        ids = {self.cycle.id}
        for table in self.tables.values():
            ids.update(table)
        return ids

    def iter_records(self) -> Iterator[tuple[str, Any]]:
        for name, table in self.tables.items():
            for record in table.values():
                yield name, record

    # ----------------------------------------------------------------- writing

    def apply(self, change: Change) -> Change:
        """Apply every operation of ``change`` or none; return the change that undoes it."""
        return self.apply_minimal(change)[1]

    def apply_minimal(self, change: Change) -> tuple[Change, Change]:
        """Apply ``change`` like :meth:`apply`; return what it really changed and its inverse.

        What really changed is what goes to the file: an update keeps only the fields whose
        values differ, a put over an existing record becomes such an update, and an operation
        that changes nothing is left out. Applied to a fresh read of the file, it then never
        sets back a field that another window changed and this one merely showed.
        """
        done: list[Op] = []
        inverse: list[Op] = []
        try:
            for op in change.ops:
                applied = self._apply_op(op)
                if applied is not None:
                    done.append(applied[0])
                    inverse.append(applied[1])
        except Exception:
            for op in reversed(inverse):
                self._apply_op(op)
            raise
        finally:
            self.revision += 1
        return Change(change.label, tuple(done)), Change(change.label, tuple(reversed(inverse)))

    def _apply_op(self, op: Op) -> tuple[Op, Op] | None:
        """Apply one operation; the operation as it really landed and its inverse, or None."""
        if op.table == CYCLES_TABLE:
            return self._apply_cycle_op(op)
        spec = TABLES.get(op.table)
        if spec is None:
            raise UnknownRecordError(f"unknown table {op.table!r}")
        table = self.tables[op.table]
        if isinstance(op, Put):
            new: Any = spec.model.model_validate(dict(op.record))
            old = table.get(new.id)
            if old is None:
                self._store(spec, new, old)
                return op, Delete(op.table, new.id)
            return self._replace(spec, old, new)
        old = table.get(op.id)
        if old is None:
            raise UnknownRecordError(f"no {op.table} record with id {op.id!r}")
        if isinstance(op, Update):
            if "id" in op.changes and op.changes["id"] != op.id:
                raise ValueError("a record's id cannot change")
            new = spec.model.model_validate({**old.model_dump(mode="json"), **op.changes})
            return self._replace(spec, old, new)
        del table[op.id]
        self._forget_order(spec, old)
        if spec.parent_field:
            self._children[op.table][getattr(old, spec.parent_field)].remove(op.id)
        return op, Put(op.table, old.model_dump(mode="json"))

    def _replace(self, spec: TableSpec, old: Any, new: Any) -> tuple[Op, Op] | None:
        before, after = _difference(old.model_dump(mode="json"), new.model_dump(mode="json"))
        if not after:
            return None
        self._store(spec, new, old)
        return Update(spec.name, new.id, after), Update(spec.name, new.id, before)

    def _apply_cycle_op(self, op: Op) -> tuple[Op, Op] | None:
        if not isinstance(op, Update) or op.id != self.cycle.id:
            raise UnknownRecordError("the cycle itself can only be updated")
        data = self.cycle.model_dump(mode="json")
        cycle = Cycle.model_validate({**data, **op.changes})
        before, after = _difference(data, cycle.model_dump(mode="json"))
        if not after:
            return None
        self.cycle = cycle
        return Update(CYCLES_TABLE, op.id, after), Update(CYCLES_TABLE, op.id, before)

    def _forget_order(self, spec: TableSpec, record: Any) -> None:
        """Drop the sorted lists ``record`` is in: the others stay (48,000 check-ins)."""
        self._sorted.pop((spec.name, ""), None)
        if spec.parent_field:
            self._sorted.pop((spec.name, getattr(record, spec.parent_field)), None)

    def _store(self, spec: TableSpec, new: Any, old: Any) -> None:
        self._forget_order(spec, new)
        if old is not None:
            self._forget_order(spec, old)
        self.tables[spec.name][new.id] = new
        self._arrived(spec.name, new.id)
        if spec.parent_field:
            children = self._children[spec.name]
            if old is not None:
                children[getattr(old, spec.parent_field)].remove(old.id)
            children[getattr(new, spec.parent_field)].append(new.id)

    def _reindex(self) -> None:
        for name, table in self.tables.items():
            order = self._arrival[name]
            fresh = [record_id for record_id in table if record_id not in order]
            order.update(
                zip(fresh, range(self._arrivals, self._arrivals + len(fresh)), strict=True)
            )
            self._arrivals += len(fresh)
        for name, children in self._children.items():
            children.clear()
            parent_field = TABLES[name].parent_field
            for record in self.tables[name].values():
                children[getattr(record, str(parent_field))].append(record.id)
        self._sorted.clear()


def _difference(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose values differ: as they were, and as they are now."""
    changed = [name for name, value in new.items() if old.get(name) != value]
    return {name: old.get(name) for name in changed}, {name: new[name] for name in changed}


def put(record: Record, table: str) -> Put:
    """A ``Put`` of a model instance."""
    return Put(table, record.model_dump(mode="json"))


def next_position(records: Iterable[Any]) -> float:
    """A position after every record given."""
    positions = [getattr(r, "position", 0.0) for r in records]
    return (max(positions) + 1.0) if positions else 1.0
