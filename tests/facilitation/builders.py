"""Small cycles built in one line each, for the cascade's tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from okrworkshop.model import Cycle, CycleData, KeyResult, Objective


def objective(oid: str, level: str = "company", parent: str | None = None, **fields: Any) -> Any:
    team = "" if level == "company" else fields.pop("team", f"{level.title()} A")
    return Objective(
        id=oid,
        title=fields.pop("title", f"Objective {oid}"),
        level=level,
        team=team,
        parent_id=parent,
        **fields,
    )


def key_result(kid: str, oid: str, **fields: Any) -> KeyResult:
    return KeyResult(id=kid, objective_id=oid, title=fields.pop("title", f"KR {kid}"), **fields)


def cycle(*records: Any) -> CycleData:
    """A cycle holding these objectives and key results, in the order given."""
    tables: dict[str, dict[str, Any]] = {"objectives": {}, "key_results": {}}
    for position, record in enumerate(records):
        record = record.model_copy(update={"position": float(position)})
        table = "key_results" if isinstance(record, KeyResult) else "objectives"
        tables[table][record.id] = record
    return CycleData(Cycle(id="cyc-test", name="Test cycle", ends=date(2027, 3, 31)), tables)
