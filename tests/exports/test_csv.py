"""The CSV export: one row per key result, fixed leading columns, quoting that reads back."""

from __future__ import annotations

import csv
import io

from exports.csv_export import export_csv
from okrworkshop.model import Change, CycleData, Update, edits

LEADING = [
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
]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_starts_with_the_documented_columns(demo: CycleData) -> None:
    header = next(csv.reader(io.StringIO(export_csv(demo), newline="")))
    assert header[: len(LEADING)] == LEADING
    assert len(header) == len(set(header))


def test_one_row_per_key_result_in_display_order(demo: CycleData) -> None:
    got = [(r["objective_id"], r["key_result_id"]) for r in rows(export_csv(demo))]
    expected = [
        (o.id, kr.id) for o in demo.objectives_in_order() for kr in demo.key_results_of(o.id)
    ]
    assert got == expected
    assert len(got) == len(demo.key_results)


def test_progress_is_a_number_between_zero_and_one(demo: CycleData) -> None:
    for row in rows(export_csv(demo)):
        progress = float(row["progress"])
        assert 0.0 <= progress <= 1.0
        kr = demo.key_results[row["key_result_id"]]
        assert progress == round(kr.progress(), 4)


def test_values_of_one_row(demo: CycleData) -> None:
    row = next(r for r in rows(export_csv(demo)) if r["key_result_id"] == "kr-c1-3")
    kr = demo.key_results["kr-c1-3"]
    assert row["objective"] == "Become the booking system clinics recommend to each other"
    assert row["level"] == "company"
    assert row["team"] == ""
    assert row["kind"] == "metric"
    assert (row["baseline"], row["target"], row["unit"]) == ("2.4", "1.5", "%")
    assert float(row["current"]) == kr.current
    assert row["due"] == "2026-12-31"  # the cycle's end when the key result has none
    assert row["confidence"] == str(demo.check_ins_of("kr-c1-3")[-1].confidence)
    assert row["score"] == ""


def test_numbers_keep_their_precision(demo: CycleData) -> None:
    demo.apply(
        edits.update("key_results", "kr-c1-1", "x", baseline=0.1, target=1e308, current=-2.5e-7)
    )
    row = next(r for r in rows(export_csv(demo)) if r["key_result_id"] == "kr-c1-1")
    assert float(row["baseline"]) == 0.1
    assert float(row["target"]) == 1e308
    assert float(row["current"]) == -2.5e-7
    assert row["progress"] == "0"


def test_score_and_empty_values(demo: CycleData) -> None:
    by_id = {r["key_result_id"]: r for r in rows(export_csv(demo))}
    assert by_id["kr-c1-1"]["score"] == "0.6"
    assert by_id["kr-c2-2"]["score"] == "1"
    milestone = next(kr for kr in demo.key_results.values() if kr.kind == "milestone")
    assert by_id[milestone.id]["baseline"] == ""
    assert by_id[milestone.id]["progress"] in {"0", "1"}


def test_quoting_round_trips_commas_quotes_and_newlines(demo: CycleData) -> None:
    title = 'Revenue, "net" of refunds; 5\u00a0% — ünïcode'
    note = 'Line one, with comma\nLine "two"\r\nLine three'
    owner = "O'Brien, Pat"
    demo.apply(
        Change(
            "hostile",
            (
                Update("objectives", "obj-c1", {"title": title, "owner": owner}),
                Update("key_results", "kr-c1-1", {"title": title, "score_note": note}),
            ),
        )
    )
    text = export_csv(demo)
    row = next(r for r in rows(text) if r["key_result_id"] == "kr-c1-1")
    assert row["objective"] == title
    assert row["owner"] == owner
    assert row["key_result"] == title
    assert row["score_note"] == note.replace("\r\n", "\n")
    widths = {len(r) for r in csv.reader(io.StringIO(text, newline=""))}
    assert len(widths) == 1


def test_rows_end_with_crlf(demo: CycleData) -> None:
    text = export_csv(demo)
    assert text.endswith("\r\n")
    assert text.split("\r\n", 1)[0].startswith("objective_id,objective,")


def test_cycle_without_key_results_is_just_the_header(demo: CycleData) -> None:
    text = export_csv(CycleData(demo.cycle))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        next(csv.reader(io.StringIO(export_csv(demo), newline="")))
    ]
