"""The retro's minutes: carry-over decisions, celebrations and dots, whatever people typed."""

from __future__ import annotations

from datetime import date

from exports.context import build_context
from exports.markdown import export_markdown
from okrworkshop.model import Change, CycleData, Update
from tests.exports.markdown_checks import source_rows_have_header_width
from tests.exports.test_markdown import NASTY_LINES, NASTY_LONG, no_raw_html, tables

TODAY = date(2026, 11, 24)


def decided(demo: CycleData, note: str = "Still our growth bet") -> CycleData:
    demo.apply(
        Change(
            "decide",
            (
                Update("objectives", "obj-c1", {"carry_over": "keep", "carry_over_note": note}),
                Update("objectives", "obj-t3", {"carry_over": "business-as-usual"}),
                Update("retro_cards", "card-1", {"votes": 4, "dots": {"Maya Okafor": 3}}),
            ),
        )
    )
    return demo


def test_minutes_list_the_carry_over_decisions(demo: CycleData) -> None:
    text = export_markdown(decided(demo), session_id="ses-retro", today=TODAY)
    table = next(t for t in tables(text) if t[0] == ["Objective", "Decision", "Why"])
    assert table[1:] == [
        [
            "Become the booking system clinics recommend to each other",
            "keep",
            "Still our growth bet",
        ],
        ["Launch a self-serve onboarding", "business as usual", "—"],
    ]


def test_minutes_celebrate_by_name(demo: CycleData) -> None:
    text = export_markdown(demo, session_id="ses-retro", today=TODAY)
    celebrate = text.split("## Celebrate\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert "- Referral programme finally live — Daniel Reyes (4 votes)" in celebrate
    assert "- Gross margin stays at or above 78% — Erik Lund (score 1.00)" in celebrate
    planning = export_markdown(demo, session_id="ses-planning", today=TODAY)
    assert "## Celebrate" not in planning and "## Carry-over" not in planning


def test_hostile_carry_over_notes_keep_the_table_in_shape(demo: CycleData) -> None:
    for line in [*NASTY_LINES, " ".join(NASTY_LONG.split())]:
        data = decided(demo, note=line[:2000])
        text = export_markdown(data, session_id="ses-retro", today=TODAY)
        source_rows_have_header_width(text)
        no_raw_html(text)
        table = next(t for t in tables(text) if t[0] == ["Objective", "Decision", "Why"])
        assert table[1][2] == " ".join(line.split()), "the note reads back as typed"


def test_templates_see_dots_target_changes_and_objective_scores(demo: CycleData) -> None:
    context = build_context(decided(demo), today=TODAY)
    retro = next(s for s in context["sessions"] if s["id"] == "ses-retro")
    went_well = next(c for c in retro["retro_columns"] if c["key"] == "went-well")
    assert went_well["cards"][0]["dots"] == {"Maya Okafor": 3}
    objective = next(o for o in context["objectives"] if o["id"] == "obj-c1")
    assert (objective["carry_over"], objective["carry_over_label"]) == ("keep", "keep")
    assert objective["score"] is not None
    kr = objective["key_results"][0]
    assert kr["target_history"] == []
