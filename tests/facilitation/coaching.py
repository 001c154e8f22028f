"""Build small cycles for coach tests: one objective, its key results, nothing else to flag."""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any

from okrworkshop.model import Cycle, CycleData, KeyResult, Objective, Theme

GOOD_KRS = (
    ("Monthly logo churn from 5% to 3%", 5.0, 3.0, "%"),
    ("Clinics using online booking in week one from 40% to 70%", 40.0, 70.0, "%"),
    ("Median days to go live from 26 to 12", 26.0, 12.0, "days"),
)


def key_result(title: str, objective_id: str = "obj-1", **fields: Any) -> KeyResult:
    """A key result with an owner and a from → to measure unless told otherwise."""
    values: dict[str, Any] = {
        "id": fields.pop("id", f"kr-{zlib.crc32(title.encode()):08x}"),
        "objective_id": objective_id,
        "title": title,
        "kind": "metric",
        "baseline": 10.0,
        "target": 20.0,
        "owner": "Ana",
    }
    values.update(fields)
    return KeyResult.model_validate(values)


def good_key_results(objective_id: str = "obj-1") -> list[KeyResult]:
    return [
        key_result(t, objective_id, id=f"{objective_id}-kr{i}", baseline=b, target=g, unit=u)
        for i, (t, b, g, u) in enumerate(GOOD_KRS, start=1)
    ]


def cycle_with(
    title: str = "Become the onboarding experience customers recommend",
    key_results: list[KeyResult] | None = None,
    *,
    ends: date | None = date(2027, 3, 31),
    themes: tuple[Theme, ...] = (),
    **objective: Any,
) -> CycleData:
    """A cycle holding one objective (owned, with three good key results by default)."""
    values: dict[str, Any] = {"id": "obj-1", "title": title, "level": "company", "owner": "Ana"}
    values.update(objective)
    obj = Objective.model_validate(values)
    krs = good_key_results(obj.id) if key_results is None else key_results
    cycle = Cycle(id="cyc-1", name="Test cycle", starts=date(2027, 1, 1), ends=ends)
    return CycleData(
        cycle,
        {
            "objectives": {obj.id: obj},
            "key_results": {kr.id: kr for kr in krs},
            "themes": {t.id: t for t in themes},
        },
    )
