"""The workspace: one TinyDB file holding any number of cycles (DESIGN §6).

Every change runs under an OS file lock with a fresh read of the file inside it and ends in
one atomic write, so the CLI and the app (or two apps) never lose each other's updates.
Files that do not parse, have the wrong shape or come from a newer version are refused with
a message naming the file and the problem, and are never written to.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from pydantic import TypeAdapter, ValidationError
from tinydb import TinyDB, where

from okrworkshop.model.changes import Delete, Op, Put, Update
from okrworkshop.model.cycle_data import CYCLES_TABLE, TABLES, CycleData
from okrworkshop.model.errors import describe_errors
from okrworkshop.model.history import History, history_from_json, history_to_json
from okrworkshop.model.okr import Cycle
from okrworkshop.model.session import Session
from okrworkshop.store.errors import CycleNotFoundError, WorkspaceError
from okrworkshop.store.links import Cascade, missing_link
from okrworkshop.store.schema import (
    HISTORY_TABLE,
    SCHEMA_VERSION,
    ShapeError,
    Tables,
    check_shape,
    migrate,
    new_workspace,
    schema_version,
)
from okrworkshop.store.storage import AtomicJSONStorage, atomic_write_bytes, encode
from okrworkshop.store.watch import Missed, StatKey, WriteReport, stat_key

LOCK_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class CycleSummary:
    """A cycle as the home screen and ``okrworkshop list`` show it."""

    cycle: Cycle
    objectives: int = 0
    key_results: int = 0
    sessions: list[Session] = field(default_factory=list)


LOAD_BATCH = 2000  # documents validated at a time when a cycle loads


@cache
def _adapter(table: str) -> TypeAdapter[list[Any]]:
    model: Any = TABLES[table].model
    adapter: TypeAdapter[list[Any]] = TypeAdapter(list[model])
    return adapter


def _parse(payload: bytes) -> object:
    """orjson when the file is fine (faster); the standard library to say what is wrong."""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        return json.loads(payload.decode("utf-8"), parse_constant=_reject_constant)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


class Workspace:
    """A workspace file. Open it with :meth:`Workspace.open`."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        keep_tables: bool = False,
    ) -> None:
        self.path = Path(path)
        # One lock per real file, however it is reached (a symlink or its target).
        real = Path(os.path.realpath(self.path))
        self.lock_path = real.with_name(real.name + ".lock")
        self._lock = FileLock(str(self.lock_path), timeout=lock_timeout)
        self.storage = AtomicJSONStorage(self.path)
        # With keep_tables, the tables of our own last write are reused while the file on
        # disk is still that write (same inode, size and mtime): a long-lived writer then
        # skips re-parsing a large file on every change. Any other writer changes the key.
        self._keep_tables = keep_tables
        self._kept: tuple[StatKey, Tables] | None = None
        # The last read made only to look things up, kept while the file stays the same: the
        # opening of a command or the app (version check, finding the cycle, loading it) then
        # parses a large file once, not three times. ``load`` takes it over and forgets it.
        self._recent: tuple[StatKey, Tables] | None = None
        self._clean_key: StatKey | None = None  # the file as last read cleanly
        # Told about every write made through this object (the app's watch of the file).
        self.on_write: list[Callable[[WriteReport], None]] = []

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Workspace:
        """Open (and when missing, create) a workspace; migrate an older one after a backup."""
        workspace = cls(Path(path))
        workspace._ensure_ready(create=create)
        return workspace

    def _ensure_ready(self, *, create: bool) -> None:
        try:
            exists = self.path.exists()
        except OSError as error:  # a name the system cannot look up (too long, say)
            raise WorkspaceError(self.path, f"cannot be opened: {_reason(error)}") from error
        if not exists:
            if not create:
                raise WorkspaceError(self.path, "does not exist")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self._locked():
                    if not self.path.exists():
                        atomic_write_bytes(self.path, encode(new_workspace()))
            except OSError as error:
                raise WorkspaceError(self.path, f"cannot be created: {_reason(error)}") from error
            return
        self._remove_stale_temp_files()
        if schema_version(self._read_to_query()) < SCHEMA_VERSION:
            self._recent = None
            with self._locked():
                tables = self.read_tables()
                version = schema_version(tables)
                if version < SCHEMA_VERSION:
                    backup = self.backup(f"schema{version}")
                    try:
                        atomic_write_bytes(self.path, encode(migrate(tables)))
                    except OSError as error:
                        raise WorkspaceError(
                            self.path,
                            f"could not be migrated: {_reason(error)}; it was left as it was "
                            f"(a copy is at {backup})",
                        ) from error

    def _remove_stale_temp_files(self) -> None:
        """Temporary files left by a process killed mid-write (never a live one: we lock)."""
        stale = list(self.path.parent.glob(f".{self.path.name}.*.tmp"))
        if not stale:
            return
        try:
            with self._locked():
                for temp in stale:
                    temp.unlink(missing_ok=True)
        except (WorkspaceError, OSError):
            pass  # cleaning up is a courtesy; never a reason to refuse the workspace

    def read_tables(self) -> Tables:
        """A fresh read of the whole file, checked for shape and version."""
        key = self._current_key()
        try:
            payload = self.path.read_bytes()
        except FileNotFoundError as error:
            raise WorkspaceError(self.path, "does not exist") from error
        except OSError as error:
            raise WorkspaceError(self.path, f"cannot be read: {_reason(error)}") from error
        if not payload.strip():
            raise WorkspaceError(
                self.path,
                "is empty, so it is not a workspace we wrote (ours are never empty); it was "
                "left untouched — move it away or pass another --db" + self._backup_hint(),
            )
        try:
            raw = _parse(payload)
        except UnicodeDecodeError as error:
            raise WorkspaceError(
                self.path, "is not UTF-8 text, so it is not a workspace; it was left untouched"
            ) from error
        except json.JSONDecodeError as error:
            raise WorkspaceError(
                self.path,
                f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                "it may be truncated or damaged and was left untouched" + self._backup_hint(),
            ) from error
        except (ValueError, RecursionError) as error:
            raise WorkspaceError(
                self.path, f"is not a workspace ({error}); it was left untouched"
            ) from error
        try:
            tables = check_shape(raw)
            version = schema_version(tables)
        except ShapeError as error:
            raise WorkspaceError(
                self.path, f"is not an okrworkshop workspace: {error}; it was left untouched"
            ) from error
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                self.path,
                f"was written by a newer okrworkshop (schema version {version}; this one reads "
                f"up to {SCHEMA_VERSION}); upgrade okrworkshop to open it — it was left untouched",
            )
        self._clean_key = key
        return tables

    def _current_key(self) -> StatKey | None:
        return stat_key(self.path)

    def _read_to_query(self) -> Tables:
        """The file's tables for looking things up (never to be changed by the caller)."""
        # The key is taken before the read: a write in between leaves a key that no longer
        # matches, so the next reader reads again rather than trusting an older copy.
        key = self._current_key()
        if key is not None and self._recent is not None and self._recent[0] == key:
            return self._recent[1]
        tables = self.read_tables()
        self._recent = (key, tables) if key is not None else None
        return tables

    def _read_to_own(self) -> Tables:
        """The file's tables for the caller to take apart: the kept read handed over, or fresh."""
        key = self._current_key()
        recent, self._recent = self._recent, None
        if key is not None and recent is not None and recent[0] == key:
            return recent[1]
        return self.read_tables()

    def backups(self) -> list[Path]:
        """Backup copies of this workspace, newest first."""
        # Names end in a sortable timestamp; copies keep the source's mtime, so use the name.
        return sorted(
            self.path.parent.glob(self.path.name + ".*.bak"),
            key=lambda p: p.name.rsplit("-", 3)[-3:],
            reverse=True,
        )

    def backup(self, reason: str) -> Path:
        """Copy the file beside itself before something risky; returns the copy's path."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.path.with_name(f"{self.path.name}.{reason}-{stamp}.bak")
        try:
            shutil.copy2(self.path, target)
        except OSError as error:
            raise WorkspaceError(
                self.path, f"could not be backed up to {target}: {_reason(error)}"
            ) from error
        return target

    def keep_session_backup(self, keep: int = 3) -> Path | None:
        """Copy the file as it was when the app opened it, keeping the newest ``keep`` copies.

        A damaged file then has a recent good copy to offer. Only a file that reads cleanly is
        copied, so a backup is always one we could open.
        """
        with self._locked():
            if self._clean_key is None or self._current_key() != self._clean_key:
                self.read_tables()  # not the file this process already read cleanly
            copy = self.backup("open")
        olds = [p for p in self.backups() if ".open-" in p.name][keep:]
        for old in olds:
            old.unlink(missing_ok=True)
        return copy

    def _backup_hint(self) -> str:
        backups = self.backups()
        return f"; the newest backup is {backups[0]}" if backups else ""

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except Timeout as error:
            raise WorkspaceError(
                self.path,
                "is busy: another okrworkshop process kept it locked while we waited "
                f"{self._lock.timeout:g} seconds (lock file {self.lock_path}); nothing was "
                "changed — try again",
            ) from error
        except OSError as error:  # e.g. a read-only folder: the lock file cannot be made
            raise WorkspaceError(
                self.path,
                f"cannot be locked for writing: {_reason(error)} (lock file {self.lock_path}); "
                "nothing was changed",
            ) from error
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Lock, read the file afresh, and write it once at the end if anything changed."""
        with self._write() as (db, _):
            yield db

    @contextmanager
    def _write(self) -> Iterator[tuple[TinyDB, _Outcome]]:
        """A transaction that also reports the write to ``on_write`` (see ``store.watch``)."""
        with self._locked():
            before = stat_key(self.path)
            tables = self._fresh_tables(before)
            self._kept = None  # the tables are about to change in place
            storage = AtomicJSONStorage(self.path)
            storage.begin(tables)
            db = TinyDB(storage=_Given(storage))
            outcome = _Outcome()
            try:
                yield db, outcome
            except BaseException:
                storage.rollback()
                raise
            written = storage.read()
            try:
                wrote = storage.commit()
            except OSError as error:
                raise WorkspaceError(
                    self.path, f"could not be saved: {_reason(error)}; the file was not changed"
                ) from error
            after = stat_key(self.path) if wrote else before
            if self._keep_tables and written is not None and after is not None:
                self._kept = (after, written)
            outcome.report = WriteReport(before, after, tuple(outcome.missed), outcome.cascaded)
            for listener in list(self.on_write):
                listener(outcome.report)

    def _fresh_tables(self, key: StatKey | None) -> Tables:
        """The file's tables: our own last write when nobody has written since, else a read."""
        if self._kept is not None and key is not None and key == self._kept[0]:
            return self._kept[1]
        tables = self.read_tables()
        if self._keep_tables and key is not None:
            self._kept = (key, tables)
        return tables

    @contextmanager
    def snapshot(self) -> Iterator[TinyDB]:
        """The file as it is now, to query without the lock; nothing is written."""
        tables = self._read_to_query()
        storage = AtomicJSONStorage(self.path)
        storage.begin(tables)
        try:
            yield TinyDB(storage=_Given(storage))
        finally:
            storage.rollback()

    # ------------------------------------------------------------ reading

    def cycles(self) -> list[Cycle]:
        """Every cycle in the workspace, newest start first."""
        return [summary.cycle for summary in self.summaries()]

    def summaries(self) -> list[CycleSummary]:
        """Every cycle with counts of its objectives and key results and its sessions."""
        with self.snapshot() as db:
            cycles = [self._validate_one(CYCLES_TABLE, Cycle, doc) for doc in db.table("cycles")]
            counts: dict[str, dict[str, int]] = {}
            for table in ("objectives", "key_results"):
                for doc in db.table(table):
                    per_cycle = counts.setdefault(doc["cycle_id"], {})
                    per_cycle[table] = per_cycle.get(table, 0) + 1
            sessions: dict[str, list[Session]] = {}
            for doc in db.table("sessions"):
                session = self._validate_one("sessions", Session, _strip(doc))
                sessions.setdefault(doc["cycle_id"], []).append(session)
        summaries = [
            CycleSummary(
                cycle=cycle,
                objectives=counts.get(cycle.id, {}).get("objectives", 0),
                key_results=counts.get(cycle.id, {}).get("key_results", 0),
                sessions=sessions.get(cycle.id, []),
            )
            for cycle in cycles
        ]
        summaries.sort(key=lambda s: (s.cycle.starts is not None, s.cycle.starts), reverse=True)
        return summaries

    def resolve_cycle(self, ref: str) -> Cycle:
        """A cycle by id, by exact name, or by an unambiguous start of its name or id."""
        cycles = self.cycles()
        for cycle in cycles:
            if cycle.id == ref:
                return cycle
        wanted = ref.casefold().strip()
        exact = [c for c in cycles if c.name.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        matches = exact or [
            c
            for c in cycles
            if c.name.casefold().startswith(wanted) or c.id.casefold().startswith(wanted)
        ]
        if len(matches) == 1 and wanted:
            return matches[0]
        if not matches or not wanted:
            known = ", ".join(f"{c.name} ({c.id})" for c in cycles) or "none yet"
            raise CycleNotFoundError(f"no cycle matches {ref!r}; cycles: {known}")
        names = ", ".join(f"{c.name} ({c.id})" for c in matches)
        raise CycleNotFoundError(f"{ref!r} matches more than one cycle: {names}; use the id")

    def load(self, cycle_id: str) -> CycleData:
        """One cycle with all its records, validated."""
        return self._load(self._read_to_own(), cycle_id)

    def load_with_history(self, cycle_id: str) -> tuple[CycleData, History]:
        """The cycle and its undo history as last saved, from one read of the file."""
        tables = self._read_to_own()
        history = _history_in(tables, cycle_id)
        return self._load(tables, cycle_id), history

    def _load(self, tables: Tables, cycle_id: str) -> CycleData:
        # The read is walked directly (TinyDB's Documents would copy 50,000 records).
        found = [d for d in tables.get(CYCLES_TABLE, {}).values() if d.get("id") == cycle_id]
        if not found:
            raise CycleNotFoundError(f"no cycle with id {cycle_id!r}")
        cycle = self._validate_one(CYCLES_TABLE, Cycle, found[0])
        records: dict[str, dict[str, Any]] = {}
        for table in TABLES:
            # This read is ours alone: each document is taken out of it as it is validated,
            # a few thousand at a time, so a large cycle's raw JSON and its records are not
            # all in memory at once.
            raw = tables.pop(table, {})
            records[table] = {}
            documents: list[dict[str, Any]] = []
            for doc_id in list(raw):
                document = raw.pop(doc_id)
                if document["cycle_id"] != cycle_id:
                    continue
                del document["cycle_id"]
                documents.append(document)
                if len(documents) == LOAD_BATCH:
                    records[table].update(self._validate_many(table, documents))
                    documents = []
            records[table].update(self._validate_many(table, documents))
        return CycleData(cycle, records)

    def load_history(self, cycle_id: str) -> History:
        """The cycle's undo history as last saved; empty when there is none or it is unreadable.

        An unreadable history (edited by hand, say) only costs the undo steps: it never stops
        the cycle from opening, and the next edit replaces it.
        """
        return _history_in(self._read_to_query(), cycle_id)

    def _validate_one(self, table: str, model: type[Any], document: dict[str, Any]) -> Any:
        try:
            return model.model_validate(document)
        except ValidationError as error:
            raise self._invalid(table, document, error) from error

    def _validate_many(self, table: str, documents: list[dict[str, Any]]) -> dict[str, Any]:
        try:
            records = _adapter(table).validate_python(documents)
        except ValidationError as error:
            index = error.errors()[0]["loc"][0]
            document = documents[index] if isinstance(index, int) else {}
            model = TABLES[table].model
            raise self._invalid(table, document, _first_error(model, document, error)) from error
        _share_fields_sets(records)
        return {record.id: record for record in records}

    def _invalid(self, table: str, document: dict[str, Any], error: ValidationError) -> Exception:
        problems = "; ".join(describe_errors(error))
        return WorkspaceError(
            self.path,
            f"the {table} record {document.get('id')!r} is not valid ({problems}); the file was "
            "left untouched" + self._backup_hint(),
        )

    # ------------------------------------------------------------ writing

    def apply(
        self, cycle_id: str, ops: Iterable[Op], history: History | None = None
    ) -> WriteReport:
        """Apply operations to a cycle in one locked, fresh-read, atomic write.

        ``history`` (the cycle's undo history after these operations) is stored in the same
        write, so the file never holds an undo step for an edit it does not have.

        The operations may come from a copy of the cycle that another process has changed
        since: an update or put that needs a record no longer there does not land (the
        report lists it), and a delete takes along what still points at the deleted record
        (see ``store.links``). Nothing is ever brought back from a stale copy.
        """
        ops = list(ops)
        if not ops and history is None:
            return WriteReport(stat_key(self.path), stat_key(self.path))
        with self._write() as (db, outcome):
            index = _Index(db, cycle_id)
            if index.doc_id(CYCLES_TABLE, cycle_id) is None:
                raise CycleNotFoundError(
                    f"cycle {cycle_id!r} is no longer in the workspace (deleted elsewhere?)"
                )

            def exists(table: str, record_id: str) -> bool:
                return index.doc_id(table, record_id) is not None

            deleted: set[tuple[str, str]] = set()
            for op in ops:
                missed = _apply_op(db, index, cycle_id, op, exists)
                if missed is not None:
                    outcome.missed.append(missed)
                elif isinstance(op, Delete):
                    deleted.add((op.table, op.id))
            if deleted:
                outcome.cascaded = Cascade(db, cycle_id, exists, index.removed).run(deleted)
            if history is not None:
                _store_history(db, cycle_id, history)
        assert outcome.report is not None
        return outcome.report

    def add_cycle(self, data: CycleData, *, replace: bool = False) -> None:
        """Store a whole cycle (new, imported or the demo) in one write.

        With ``replace`` an existing cycle of the same id is removed first; otherwise an
        existing id is refused.
        """
        with self.transaction() as db:
            exists = db.table(CYCLES_TABLE).contains(where("id") == data.cycle.id)
            if exists and not replace:
                raise ValueError(
                    f"a cycle with id {data.cycle.id!r} is already in the workspace "
                    "(use --replace to overwrite it)"
                )
            if exists:
                _remove_cycle(db, data.cycle.id)
            db.table(CYCLES_TABLE).insert(data.cycle.model_dump(mode="json"))
            for name, records in data.tables.items():
                if records:
                    # One call dumps the whole table (48,000 check-ins in an import).
                    documents = _adapter(name).dump_python(list(records.values()), mode="json")
                    for document in documents:
                        document["cycle_id"] = data.cycle.id
                    db.table(name).insert_multiple(documents)

    def merge_into(self, cycle_id: str, data: CycleData) -> None:
        """Add another workspace's records (a team's bundle) to an existing cycle."""
        with self.transaction() as db:
            if not db.table(CYCLES_TABLE).contains(where("id") == cycle_id):
                raise CycleNotFoundError(f"no cycle with id {cycle_id!r}")
            # Checked again inside the lock: another process may have added the same ids.
            taken = {
                str(doc.get("id"))
                for name in TABLES
                for doc in db.table(name).search(where("cycle_id") == cycle_id)
            }
            incoming: set[str] = set().union(*(t.keys() for t in data.tables.values()))
            clash = sorted(taken & incoming)
            if clash:
                raise WorkspaceError(
                    self.path,
                    f"cannot merge: {', '.join(clash[:5])} already in the cycle; nothing changed",
                )
            for name, records in data.tables.items():
                if records:
                    db.table(name).insert_multiple(
                        {**record.model_dump(mode="json"), "cycle_id": cycle_id}
                        for record in records.values()
                    )

    def delete_cycle(self, cycle_id: str) -> None:
        """Remove a cycle and everything in it."""
        with self.transaction() as db:
            if not db.table(CYCLES_TABLE).contains(where("id") == cycle_id):
                raise CycleNotFoundError(f"no cycle with id {cycle_id!r}")
            _remove_cycle(db, cycle_id)


def _share_fields_sets(records: list[Any]) -> None:
    """Let records that were given the same fields share one ``__pydantic_fields_set__``.

    Each pydantic instance keeps the set of field names it was given: 700 bytes, more than the
    record's values, 35 MB for a large cycle's 48,000 check-ins. Records are never changed in
    place (a change replaces them), and pydantic copies the set before changing it in
    ``model_copy``, so one set per shape serves them all.
    """
    shared: dict[frozenset[str], set[str]] = {}
    for record in records:
        given = record.__pydantic_fields_set__
        same = shared.setdefault(frozenset(given), given)
        if same is not given:
            object.__setattr__(record, "__pydantic_fields_set__", same)


def _history_in(tables: Tables, cycle_id: str) -> History:
    for document in tables.get(HISTORY_TABLE, {}).values():
        if isinstance(document, dict) and document.get("cycle_id") == cycle_id:
            try:
                return history_from_json(document)
            except ValueError:
                return History()
    return History()


@dataclass
class _Outcome:
    """What a write did besides its operations, filled in as it goes."""

    missed: list[Missed] = field(default_factory=list)
    cascaded: int = 0
    report: WriteReport | None = None


def _apply_op(
    db: TinyDB,
    index: _Index,
    cycle_id: str,
    op: Op,
    exists: Callable[[str, str], bool],
) -> Missed | None:
    """Apply one operation to the fresh tables; what it needed and did not find, if anything."""
    table = db.table(op.table)
    doc_id = index.doc_id(op.table, op.id)
    if isinstance(op, Delete):
        if doc_id is not None:  # already gone elsewhere: the delete is done either way
            table.remove(doc_ids=[doc_id])
            index.removed(op.table, op.id)
        return None
    if isinstance(op, Update) and doc_id is None:
        return Missed(op, op.table, op.id)  # deleted elsewhere: never bring it back
    fields = op.record if isinstance(op, Put) else op.changes
    lacking = missing_link(op.table, fields, exists)
    if lacking is not None:
        return Missed(op, *lacking)
    if isinstance(op, Update):
        assert doc_id is not None
        table.update(dict(op.changes), doc_ids=[doc_id])
        return None
    document = dict(op.record)
    if op.table != CYCLES_TABLE:
        document["cycle_id"] = cycle_id
    if doc_id is None:
        index.added(op.table, op.id, table.insert(document))
    else:
        table.update(_replace_with(document), doc_ids=[doc_id])
    return None


def _remove_cycle(db: TinyDB, cycle_id: str) -> None:
    db.table(CYCLES_TABLE).remove(where("id") == cycle_id)
    for name in (*TABLES, HISTORY_TABLE):
        db.table(name).remove(where("cycle_id") == cycle_id)


def _store_history(db: TinyDB, cycle_id: str, history: History) -> None:
    table = db.table(HISTORY_TABLE)
    document = {"cycle_id": cycle_id, **history_to_json(history)}
    existing = table.search(where("cycle_id") == cycle_id)
    if existing:
        table.update(_replace_with(document), doc_ids=[existing[0].doc_id])
    else:
        table.insert(document)


def _strip(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "cycle_id"}


def _replace_with(document: dict[str, Any]) -> Any:
    def transform(existing: dict[str, Any]) -> None:
        existing.clear()
        existing.update(document)

    return transform


def _first_error(model: type[Any], document: dict[str, Any], error: ValidationError) -> Any:
    """Re-validate the offending document alone so paths name its fields, not list indexes."""
    try:
        model.model_validate(document)
    except ValidationError as single:
        return single
    return error


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


class _Given:
    """Hand TinyDB a storage instance we built ourselves (TinyDB wants a class to call)."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self) -> AtomicJSONStorage:
        return self.storage


class _Index:
    """Our ids -> TinyDB document ids of one cycle's records, built per table on first use.

    Records of two cycles may share ids (a bundle merged into two cycles), so only this
    cycle's documents are indexed.
    """

    def __init__(self, db: TinyDB, cycle_id: str) -> None:
        self.db = db
        self.cycle_id = cycle_id
        self.maps: dict[str, dict[str, int]] = {}

    def _map(self, table: str) -> dict[str, int]:
        if table not in self.maps:
            self.maps[table] = {
                doc["id"]: doc.doc_id
                for doc in self.db.table(table)
                if table == CYCLES_TABLE or doc.get("cycle_id") == self.cycle_id
            }
        return self.maps[table]

    def doc_id(self, table: str, record_id: str) -> int | None:
        return self._map(table).get(record_id)

    def added(self, table: str, record_id: str, doc_id: int) -> None:
        self._map(table)[record_id] = doc_id

    def removed(self, table: str, record_id: str) -> None:
        self._map(table).pop(record_id, None)
