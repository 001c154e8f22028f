"""Cycles built record by record through changes, as the app builds them."""

from __future__ import annotations

from datetime import date
from typing import Any

from okrworkshop.model import Change, Cycle, CycleData, Put

STARTS = date(2027, 1, 1)
ENDS = date(2027, 3, 31)


def cycle(**fields: Any) -> CycleData:
    """An empty cycle, 2027-Q1 unless told otherwise."""
    values: dict[str, Any] = {"id": "cyc-1", "name": "Acme 2027-Q1", "starts": STARTS}
    values["ends"] = ENDS
    values.update(fields)
    return CycleData(Cycle.model_validate(values))


def put(data: CycleData, table: str, **record: Any) -> Any:
    """Add one record through a change; returns the stored record."""
    record = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in record.items()}
    data.apply(Change(f"add {table}", (Put(table, record),)))
    return data.tables[table][record["id"]]


def objective(data: CycleData, objective_id: str = "obj-1", **fields: Any) -> Any:
    values: dict[str, Any] = {"title": "Customers love their first week", "level": "company"}
    values.update(fields)
    return put(data, "objectives", id=objective_id, **values)


def key_result(
    data: CycleData, kr_id: str = "kr-1", objective_id: str = "obj-1", **fields: Any
) -> Any:
    values: dict[str, Any] = {"title": "Activation from 40% to 60%", "baseline": 40, "target": 60}
    values.update(fields)
    return put(data, "key_results", id=kr_id, objective_id=objective_id, **values)


def check_in(data: CycleData, kr_id: str, at: date, **fields: Any) -> Any:
    check_in_id = f"ci-{kr_id}-{at.isoformat()}-{len(data.check_ins)}"
    return put(data, "check_ins", id=check_in_id, key_result_id=kr_id, at=at, **fields)
