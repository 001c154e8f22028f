"""The workspace file's shape, its schema version and the steps that migrate older files.

Migrations work on the raw dict, one version at a time, before any validation; the caller
backs the file up before writing a migrated copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okrworkshop.model.cycle_data import CYCLES_TABLE, TABLES

SCHEMA_VERSION = 1
META_TABLE = "meta"
HISTORY_TABLE = "history"  # each cycle's undo history, written with the edits it records
APP_NAME = "okrworkshop"
KNOWN_TABLES = frozenset({META_TABLE, CYCLES_TABLE, HISTORY_TABLE, "_default", *TABLES})

Tables = dict[str, dict[str, Any]]


class ShapeError(ValueError):
    """The file parsed as JSON but is not an okrworkshop workspace."""


def new_workspace() -> Tables:
    """The contents of a brand-new workspace."""
    return {META_TABLE: {"1": {"app": APP_NAME, "schema_version": SCHEMA_VERSION}}}


def schema_version(tables: Tables) -> int:
    """The file's schema version: 0 for a plain TinyDB file that we never wrote to."""
    meta = tables.get(META_TABLE)
    if not meta:
        return 0
    document = meta.get("1")
    if not isinstance(document, dict):
        raise ShapeError("its meta table has no document 1")
    version = document.get("schema_version")
    if type(version) is not int or version < 1:
        raise ShapeError(f"its schema version is {version!r}, not a whole number from 1")
    return version


def check_shape(raw: object) -> Tables:
    """The raw JSON as tables of documents, or ``ShapeError`` saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise ShapeError(f"expected a JSON object of tables at the top, found {_kind(raw)}")
    for table_name, table in raw.items():
        if not isinstance(table, dict):
            raise ShapeError(f"table {table_name!r} should be an object, found {_kind(table)}")
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                raise ShapeError(
                    f"table {table_name!r} document {doc_id} should be an object, "
                    f"found {_kind(document)}"
                )
            if not (doc_id.isascii() and doc_id.isdigit()):  # '²'.isdigit() is True
                raise ShapeError(
                    f"table {table_name!r} has a document key {doc_id!r}, not a number"
                )
            if table_name in TABLES or table_name == CYCLES_TABLE:
                record_id = document.get("id")
                if not isinstance(record_id, str) or not record_id:
                    raise ShapeError(f"table {table_name!r} document {doc_id} has no string id")
                if table_name != CYCLES_TABLE and not isinstance(document.get("cycle_id"), str):
                    raise ShapeError(f"table {table_name!r} document {doc_id} has no cycle_id")
    foreign = sorted(set(raw) - KNOWN_TABLES)
    if raw.get("_default"):  # plain TinyDB's documents live there; ours never do
        foreign.insert(0, "_default")
    if foreign and schema_version(raw) == 0:
        raise ShapeError(
            "it does not look like an okrworkshop workspace (it has the tables "
            + ", ".join(foreign)
            + ")"
        )
    return raw


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _v0_to_v1(tables: Tables) -> Tables:
    """A plain TinyDB file (empty, or with only TinyDB's default table) gains our meta table."""
    migrated = {name: table for name, table in tables.items() if name != "_default" or table}
    migrated[META_TABLE] = {"1": {"app": APP_NAME, "schema_version": 1}}
    return migrated


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1}


def migrate(tables: Tables) -> Tables:
    """Bring ``tables`` up to ``SCHEMA_VERSION``, one step at a time."""
    version = schema_version(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables[META_TABLE]["1"]["schema_version"] = version
    return tables
