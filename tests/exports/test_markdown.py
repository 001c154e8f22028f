"""The Markdown export: the demo renders; nothing people type breaks a table or injects HTML."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from exports.markdown import cell, export_markdown, inline, number, percent, score
from okrworkshop.model import Change, CycleData, Update, edits
from tests.exports.markdown_checks import (
    md,
    source_rows_have_header_width,
    table_rows,
    text_of,
)

TODAY = date(2026, 11, 24)

NASTY_LINES = [
    "Grow | shrink || both |",
    "# Not a heading",
    "Use `code` and ``more``",
    "<script>alert('x')</script>",
    "{{ cycle.name }} {% if true %}x{% endif %}",
    "[click](javascript:alert(1)) and ![img](http://x/y.png)",
    "**bold** _em_ ~~gone~~ <b>tag</b> &lt;i&gt; &amp; &#60;",
    "trailing backslash \\",
    "\\| escaped pipe \\\\| and more",
    "<img src=x onerror=alert(1)>",
    "1. looks like a list",
    "> quote",
]
NASTY_LONG = (
    "First line | cell\n\n| a | b |\n|---|---|\n# heading\n<script>alert(1)</script>\r\n---"
)


def nasty_cycle(demo: CycleData) -> CycleData:
    """The demo with hostile text in every field a summary shows."""
    ops: list[Any] = [Update("cycles", demo.cycle.id, {"name": NASTY_LINES[0]})]
    ops.append(Update("cycles", demo.cycle.id, {"description": NASTY_LONG}))
    for i, objective in enumerate(demo.objectives_in_order()):
        line = NASTY_LINES[i % len(NASTY_LINES)]
        ops.append(
            Update(
                "objectives",
                objective.id,
                {
                    "title": line,
                    "owner": NASTY_LINES[(i + 1) % len(NASTY_LINES)][:120],
                    "description": NASTY_LONG,
                    **({"team": "Team | <b>x</b>"} if objective.level != "company" else {}),
                },
            )
        )
    for i, kr in enumerate(demo.key_results.values()):
        ops.append(
            Update(
                "key_results",
                kr.id,
                {
                    "title": NASTY_LINES[i % len(NASTY_LINES)],
                    "owner": NASTY_LINES[(i + 3) % len(NASTY_LINES)][:120],
                    "unit": "| <i>",
                    "score_note": NASTY_LONG,
                },
            )
        )
    for i, theme in enumerate(demo.ordered("themes")):
        ops.append(Update("themes", theme.id, {"title": NASTY_LINES[i], "description": NASTY_LONG}))
    for i, action in enumerate(demo.ordered("actions")):
        line = NASTY_LINES[i % len(NASTY_LINES)]
        ops.append(Update("actions", action.id, {"text": line, "owner": "Ana | Bo <b>"}))
    for i, capture in enumerate(demo.captures.values()):
        line = NASTY_LINES[i % len(NASTY_LINES)]
        ops.append(Update("captures", capture.id, {"text": line, "author": "Ana | <b>"}))
    for i, candidate in enumerate(demo.candidates.values()):
        votes = {NASTY_LINES[(i + j) % len(NASTY_LINES)][:120]: 1 for j in range(2)}
        line = NASTY_LINES[i % len(NASTY_LINES)]
        ops.append(Update("candidates", candidate.id, {"text": line, "votes": votes}))
    for round_ in demo.confidence_rounds.values():
        ballots = {line[:120]: 5 for line in NASTY_LINES[:3]}
        ops.append(Update("confidence_rounds", round_.id, {"votes": ballots}))
    for i, card in enumerate(demo.retro_cards.values()):
        ops.append(Update("retro_cards", card.id, {"text": NASTY_LINES[i % len(NASTY_LINES)]}))
    for session in demo.sessions.values():
        stages = [
            {**stage.model_dump(mode="json"), "title": NASTY_LINES[j % len(NASTY_LINES)]}
            for j, stage in enumerate(session.stages)
        ]
        ops.append(
            Update(
                "sessions",
                session.id,
                {
                    "title": "Retro | <script>x</script>",
                    "facilitator": "Sam `|` Whitfield",
                    "attendees": NASTY_LINES[:5],
                    "stages": stages,
                },
            )
        )
    demo.apply(Change("make it nasty", tuple(ops)))
    return demo


def tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (inline content), as markdown-it parses them."""
    return [[[text_of(cell) for cell in row] for row in t] for t in table_rows(md().parse(text))]


plain = text_of


def no_raw_html(text: str) -> None:
    tokens = md().parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert "html_block" not in kinds
    assert "html_inline" not in kinds
    html = md().render(text)
    for tag in ("<script", "<img", "<b>", "<i>", "<a "):
        assert tag not in html, tag


def test_demo_renders_the_one_pager(demo: CycleData) -> None:
    text = export_markdown(demo, today=TODAY)
    assert text.startswith("# Kestrel Labs 2026-Q4\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    for heading in ("## Objectives and key results", "## Cascade", "## Sessions"):
        assert heading in text
    for objective in demo.objectives.values():
        assert inline(objective.title) in text
    assert "| Net promoter score from 31 to 45 | Maya Okafor | 39 | 57% | 4 | 0.6 |" in text
    source_rows_have_header_width(text)
    kr_table = tables(text)[0]
    assert kr_table[0] == ["Key result", "Owner", "Current", "Progress", "Confidence", "Score"]
    assert len(kr_table) == 1 + len(demo.key_results_of("obj-c1"))


def test_cascade_nests_children_under_their_parent(demo: CycleData) -> None:
    text = export_markdown(demo, today=TODAY)
    cascade = text.split("## Cascade", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in cascade.splitlines() if line.strip()]
    top = [line for line in lines if line.startswith("- ")]
    assert len(top) == sum(1 for o in demo.objectives.values() if o.parent_id is None)
    child = demo.objectives["obj-d1"]
    parent_kr = demo.key_results[str(child.parent_id)]
    kr_line = next(i for i, line in enumerate(lines) if inline(parent_kr.title) in line)
    child_line = next(i for i, line in enumerate(lines) if inline(child.title) in line)
    indent = len(lines[child_line]) - len(lines[child_line].lstrip())
    assert child_line > kr_line
    assert indent > len(lines[kr_line]) - len(lines[kr_line].lstrip())


def test_hostile_text_keeps_every_table_in_shape(demo: CycleData) -> None:
    data = nasty_cycle(demo)
    texts = [export_markdown(data, today=TODAY)]
    texts += [export_markdown(data, session_id=s, today=TODAY) for s in data.sessions]
    for text in texts:
        source_rows_have_header_width(text)
        assert tables(text), "every export here has at least one table"
        no_raw_html(text)


def test_hostile_text_reads_back_as_typed(demo: CycleData) -> None:
    data = nasty_cycle(demo)
    text = export_markdown(data, today=TODAY)
    rows = [row for table in tables(text) for row in table]
    titles = {row[0] for row in rows}
    for kr in data.key_results.values():
        assert kr.title in titles
    notes = export_markdown(data, session_id="ses-retro", today=TODAY)
    score_rows = next(t for t in tables(notes) if t[0][0] == "Objective")
    folded = " ".join(NASTY_LONG.split())
    # a multi-line note folds into one cell, whole
    assert {row[4] for row in score_rows[1:]} == {folded}


def test_hostile_headings_stay_text(demo: CycleData) -> None:
    data = nasty_cycle(demo)
    text = export_markdown(data, today=TODAY)
    tokens = md().parse(text)
    headings = [
        plain(tokens[i + 1].children or [])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h1"
    ]
    assert headings == [NASTY_LINES[0]]
    assert sum(1 for t in tokens if t.type == "hr") == 0


def test_session_minutes(demo: CycleData) -> None:
    text = export_markdown(demo, session_id="ses-planning", today=TODAY)
    assert text.startswith("# Planning session — Kestrel Labs 2026-Q4\n")
    agenda = tables(text)[0]
    assert agenda[0] == ["Stage", "Planned", "Actual", "Difference"]
    session = demo.sessions["ses-planning"]
    assert len(agenda) == 1 + len(session.stages) + 1
    first = session.stages[0]
    assert (first.planned_minutes, first.actual_seconds) == (10, 660)
    assert agenda[1] == [first.title, "10 min", "11 min", "+1 min"]
    assert agenda[-1] == ["Total", "120 min", "132 min", "+12 min"]
    decisions = [c.text for c in demo.captures_of("ses-planning") if c.kind == "decision"]
    parked = [c.text for c in demo.captures_of("ses-planning") if c.kind == "parking-lot"]
    assert decisions and parked
    assert "## Decisions\n\n" + "".join(f"- {inline(d)} — " for d in decisions) in text
    assert "## Parking lot\n\n" + "".join(f"- {inline(p)} — " for p in parked) in text
    actions = next(t for t in tables(text) if t[0][0] == "Action")
    assert actions[0] == ["Action", "Owner", "Due", "Status"]
    expected = [
        [a.text, a.owner or "—", a.due.isoformat() if a.due else "—", a.status]
        for a in demo.ordered("actions")
        if a.session_id == "ses-planning"
    ]
    assert expected and actions[1:] == expected


def test_retro_minutes_show_cards_by_votes_and_scores(demo: CycleData) -> None:
    text = export_markdown(demo, session_id="ses-retro", today=TODAY)
    assert "## Retro: OKR retro" in text
    went_well = text.split("### Went well", 1)[1].split("###", 1)[0]
    votes = [int(line.split("(")[1].split(" ")[0]) for line in went_well.splitlines() if line]
    assert votes == sorted(votes, reverse=True) and votes
    scores = next(t for t in tables(text) if t[0][0] == "Objective")
    assert len(scores) == 1 + len(demo.key_results)


def test_empty_cycle_renders(demo: CycleData) -> None:
    empty = CycleData(demo.cycle)
    text = export_markdown(empty, today=TODAY)
    assert "_No objectives yet._" in text
    assert "## Cascade" not in text


def test_objective_without_key_results(demo: CycleData) -> None:
    demo.apply(edits.add_objective(demo, title="Lonely one", level="company")[1])
    text = export_markdown(demo, today=TODAY)
    assert "### 9. Lonely one\n\nCompany · owner — · aspirational · progress 0%" in text
    assert "_No key results yet._" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a|b", "a\\|b"),
        ("line\r\n\n  next", "line next"),
        ("<b>", "&lt;b&gt;"),
        ("&amp;", "&amp;amp;"),
        ("`x`", "\\`x\\`"),
        (None, ""),
    ],
)
def test_inline_filter(value: str | None, expected: str) -> None:
    assert inline(value) == expected


def test_cell_filter_shows_a_dash_for_empty() -> None:
    assert cell("") == "—"
    assert cell("   ") == "—"
    assert cell(None) == "—"


@pytest.mark.parametrize(
    "typed", ["1. Ship it first", "2027) is our year", "- not a bullet", "---"]
)
def test_text_that_looks_like_a_list_or_rule_stays_text(demo: CycleData, typed: str) -> None:
    capture = next(c for c in demo.captures_of("ses-planning") if c.kind == "decision")
    demo.apply(Change("x", (Update("captures", capture.id, {"text": typed}),)))
    demo.apply(Change("x", (Update("cycles", demo.cycle.id, {"description": typed}),)))
    for text in (
        export_markdown(demo, today=TODAY),
        export_markdown(demo, session_id="ses-planning", today=TODAY),
    ):
        tokens = md().parse(text)
        assert not any(t.type in ("hr", "ordered_list_open") for t in tokens)
        assert not any(
            t.type == "bullet_list_open" and tokens[i - 1].type == "list_item_open"
            for i, t in enumerate(tokens)
        ), "a nested list appeared"
        shown = [plain(t.children or []) for t in tokens if t.type == "inline"]
        # A decision line ends with who raised it.
        assert any(line == typed or line.startswith(f"{typed} — ") for line in shown)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        (39.0, "39"),
        (4.71, "4.71"),
        (1234.5, "1,234.5"),
        (2.999, "3"),
        (0.5, "0.5"),
        (0.001, "0.001"),
        (-0.004, "-0.004"),
        (0.00005, "5e-05"),
        (1e308, "1e+308"),
        (-2.5, "-2.5"),
    ],
)
def test_current_values_read_as_numbers(value: float | None, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "—"), (0.0, "0.0"), (0.6, "0.6"), (0.65, "0.65"), (0.25, "0.25"), (1.0, "1.0")],
)
def test_scores_are_not_rounded_into_another_band(value: float | None, shown: str) -> None:
    assert score(value) == shown


def test_tiny_current_value_shows_in_the_table(demo: CycleData) -> None:
    demo.apply(
        edits.update("key_results", "kr-c1-3", "x", baseline=0.004, target=0.001, current=0.002)
    )
    text = export_markdown(demo, today=TODAY)
    row = next(r for t in tables(text) for r in t if r[0] == "Monthly logo churn from 2.4% to 1.5%")
    assert row[2:4] == ["0.002%", "67%"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "—"), (0.0, "0%"), (0.571, "57%"), (0.996, "99%"), (1.0, "100%")],
)
def test_percent_says_100_only_when_reached(value: float | None, shown: str) -> None:
    assert percent(value) == shown


def _cascade_lines(data: CycleData) -> list[str]:
    text = export_markdown(data, today=TODAY)
    block = text.split("## Cascade\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_cascade_is_a_nested_list_company_department_team(demo: CycleData) -> None:
    lines = _cascade_lines(demo)
    assert lines[:5] == [
        "- **Become the booking system clinics recommend to each other** · company · "
        "Maya Okafor · progress 62% · roll-up 59% · coach: unsupported-key-result, "
        "off-track-forecast",
        "  - _Net promoter score from 31 to 45_ · progress 57% · roll-up 54%",
        "    - **Make booking effortless for patients** · department, Product & Engineering · "
        "Jonas Berg · progress 49% · roll-up 52% · coach: off-track-forecast",
        "      - **Patients finish booking on the first try** · team, Booking · Lena Fischer · "
        "progress 72% · coach: off-track-forecast",
        "      - **Clinics trust that Kestrel is always there** · team, Platform · Tomás Silva · "
        "progress 43% · coach: target-changed-unexplained, off-track-forecast",
    ]
    # every objective appears exactly once
    assert sum(line.lstrip().startswith("- **") for line in lines) == len(demo.objectives)


def test_cascade_lists_unaligned_and_looping_objectives_apart() -> None:
    from tests.facilitation.builders import cycle, key_result, objective

    data = cycle(
        objective("c", title="Clinics recommend us"),
        key_result("c-1", "c", title="NPS from 31 to 45"),
        objective("d", "department", title="Booking is *effortless*", parent="c-1"),
        objective("lost", "team", title="Nobody knows where this goes"),
        objective("x", "team", title="Round we go", parent="y"),
        objective("y", "team", title="And round again", parent="x"),
    )
    lines = _cascade_lines(data)
    assert lines[0].startswith("- **Clinics recommend us** · company · progress 0% · roll-up 0%")
    assert lines[1].startswith("  - _NPS from 31 to 45_")
    assert lines[2].startswith(r"    - **Booking is \*effortless\*** · department")
    assert lines[3] == "- _Not aligned to anything above yet_"
    assert lines[4].startswith("  - **Nobody knows where this goes** · team")
    assert "orphan-objective" in lines[4]
    assert lines[5] == "- _Parent links that go round in a loop (unlink one to fix)_"
    assert lines[6].startswith("  - **Round we go**")
    assert lines[7].startswith("    - **And round again**")
    assert len(lines) == 8
