"""CSV of key results: one row per key result, RFC 4180 quoting, UTF-8."""

from __future__ import annotations

import csv
import io

from okrworkshop.model import CycleData

COLUMNS = (
    "objective_id",
    "objective",
    "level",
    "team",
    "owner",
    "key_result_id",
    "key_result",
    "kind",
    "baseline",
    "target",
    "current",
    "unit",
    "due",
    "progress",
    "confidence",
    "score",
    "key_result_owner",
    "weight",
    "score_note",
)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(value)


def export_csv(data: CycleData) -> str:
    """The key results of a cycle as CSV; ``progress`` is a number from 0 to 1."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for objective in data.objectives_in_order():
        for kr in data.key_results_of(objective.id):
            check_ins = data.check_ins_of(kr.id)
            confidence = next(
                (c.confidence for c in reversed(check_ins) if c.confidence is not None),
                kr.confidence,
            )
            due = kr.due_in(data.cycle)
            writer.writerow(
                (
                    objective.id,
                    objective.title,
                    objective.level,
                    objective.team,
                    objective.owner,
                    kr.id,
                    kr.title,
                    kr.kind,
                    _num(kr.baseline),
                    _num(kr.target),
                    _num(kr.current),
                    kr.unit,
                    due.isoformat() if due else "",
                    f"{kr.progress():.4f}".rstrip("0").rstrip(".") or "0",
                    "" if confidence is None else str(confidence),
                    "" if kr.score is None else f"{kr.score:g}",
                    kr.owner,
                    f"{kr.weight:g}",
                    kr.score_note,
                )
            )
    return buffer.getvalue()
