"""Property tests: whatever people type in whatever field, every export keeps its shape.

Markdown tables keep their cells (markdown-it with tables on, cells counted per source row and
read back), no user text becomes HTML or Markdown markup, the HTML page holds no markup of
theirs, and the JSON bundle round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.bundle_json import export_json, parse_bundle
from exports.context import build_context
from exports.csv_export import export_csv
from exports.html import render_cycle_html, render_session_html
from exports.markdown import render_cycle_markdown, render_session_markdown
from okrworkshop.demo import build_demo
from okrworkshop.model import CycleData, cycle_from_bundle
from tests.exports.hostile import hostile_text, text_fields, with_text_everywhere
from tests.exports.markdown_checks import (
    md,
    source_rows_have_header_width,
    table_rows,
    text_of,
)

TODAY = date(2026, 11, 24)
DEMO = build_demo(TODAY)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.lists(hostile_text, min_size=1, max_size=12)


def shown(text: str) -> str:
    """How one line of Markdown or a table cell shows a text (line breaks folded)."""
    from tests.exports.hostile import folded

    return folded(text) or "—"


def inline_children(token: Any) -> list[Any]:
    return list(token.children or [])


def check_markdown(text: str) -> list[list[list[Any]]]:
    """The document's tables, after checking every table row and every token."""
    source_rows_have_header_width(text)
    tokens = md().parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    # None of these is in our templates, so any of them would be made from people's text.
    assert not kinds & {
        "html_block",
        "html_inline",
        "link_open",
        "image",
        "hr",
        "fence",
        "code_block",
        "ordered_list_open",
        "s_open",
    }
    return table_rows(tokens)


def plain_cells(row: list[list[Any]]) -> list[str]:
    for cell in row:
        assert {c.type for c in cell} <= {"text", "code_inline"}, cell
    return [text_of(cell) for cell in row]


@PROPERTY
@given(texts)
def test_markdown_one_pager_keeps_every_table_and_heading(drawn: list[str]) -> None:
    data = with_text_everywhere(DEMO, drawn)
    text = render_cycle_markdown(build_context(data, today=TODAY))
    tables = check_markdown(text)
    objectives = data.objectives_in_order()
    kr_tables = tables[: sum(1 for o in objectives if data.key_results_of(o.id))]
    expected = [o for o in objectives if data.key_results_of(o.id)]
    for table, objective in zip(kr_tables, expected, strict=True):
        key_results = data.key_results_of(objective.id)
        assert len(table) == 1 + len(key_results)
        for row, kr in zip(table[1:], key_results, strict=True):
            cells = plain_cells(row)
            assert len(cells) == 6
            assert cells[0] == shown(kr.title)
            assert cells[1] == shown(kr.owner)
    tokens = md().parse(text)
    headings = [
        text_of(inline_children(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h1"
    ]
    assert headings == [shown(data.cycle.name)]
    titles = [
        text_of(inline_children(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h3"
    ]
    assert titles == [f"{n}. {shown(o.title)}" for n, o in enumerate(objectives, 1)]


@PROPERTY
@given(texts)
def test_markdown_minutes_keep_every_table(drawn: list[str]) -> None:
    data = with_text_everywhere(DEMO, drawn)
    context = build_context(data, today=TODAY)
    for session in data.ordered("sessions"):
        text = render_session_markdown(context, session.id)
        tables = check_markdown(text)
        agenda = tables[0]
        assert len(agenda) == 1 + len(session.stages) + 1
        assert [plain_cells(r)[0] for r in agenda[1:-1]] == [shown(s.title) for s in session.stages]
        round_rows = [t for t in tables if plain_cells(t[0])[:2] == ["Key result", "Value"]]
        if session.kind == "check-in":
            checked = [c for c in data.check_ins.values() if c.at == session.held_on]
            assert len(round_rows[0]) == 1 + len(checked)
            titles = {shown(data.key_results[c.key_result_id].title) for c in checked}
            assert {plain_cells(r)[0] for r in round_rows[0][1:]} == titles
        actions = [a for a in data.ordered("actions") if a.session_id == session.id]
        if actions:
            rows = tables[-1]
            assert [plain_cells(r)[:2] for r in rows[1:]] == [
                [shown(a.text), shown(a.owner)] for a in actions
            ]
        tokens = md().parse(text)
        items = [
            text_of(inline_children(tokens[i + 2]))
            for i, t in enumerate(tokens)
            if t.type == "list_item_open"
        ]
        for capture in data.captures_of(session.id):
            if capture.kind != "note":
                # Each item reads as typed, followed by who raised it when someone is named.
                said = shown(capture.text)
                by = f"{said} — {shown(capture.author)}".strip()
                assert (by if capture.author.strip() else said) in items


class Page(HTMLParser):
    """Collects what a browser would build: tags with attributes, comments, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.other: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"pi {data}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"decl {data}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_of(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def _demo_tags() -> dict[str | None, set[tuple[str, tuple[str, ...]]]]:
    context = build_context(DEMO, today=TODAY)
    tags: dict[str | None, set[tuple[str, tuple[str, ...]]]] = {
        None: set(page_of(render_cycle_html(context)).tags)
    }
    for session_id in DEMO.sessions:
        tags[session_id] = set(page_of(render_session_html(context, session_id)).tags)
    return tags


def squash(text: str) -> str:
    return " ".join(text.split())


def user_texts(data: CycleData, context: dict[str, Any]) -> list[str]:
    """Every text people typed that the HTML pages show (ids and keys aside)."""
    found = [data.cycle.name, data.cycle.description]
    # A dismissal shows while its finding would still fire (the coach reads the titles).
    for dismissed in context["dismissed_findings"]:
        found += [dismissed["reason"], dismissed["by"]]
    for objective in data.objectives.values():
        found += [objective.title, objective.owner, objective.team, objective.description]
    for kr in data.key_results.values():
        found += [kr.title, kr.owner, kr.score_note]
        # A milestone is done or not, and a value not measured yet shows as a dash: the unit
        # shows beside a measured value only.
        if kr.kind != "milestone" and kr.current is not None:
            found.append(kr.unit)
    for theme in data.themes.values():
        found += [theme.title, theme.description]
    for action in data.actions.values():
        found += [action.text, action.owner]
    return [t for t in found if t.strip()]


def session_texts(data: CycleData, session_id: str) -> list[str]:
    session = data.sessions[session_id]
    found = [session.title, session.facilitator, *session.attendees]
    found += [s.title for s in session.stages]
    found += [c.text for c in data.captures_of(session_id) if c.kind != "note"]
    found += [c.text for c in data.retro_cards_of(session_id)]
    return [t for t in found if t.strip()]


DEMO_TAGS = _demo_tags()


@PROPERTY
@given(texts)
def test_html_pages_hold_no_markup_of_theirs(drawn: list[str]) -> None:
    data = with_text_everywhere(DEMO, drawn)
    context = build_context(data, today=TODAY)
    pages = [(render_cycle_html(context), DEMO_TAGS[None], user_texts(data, context))]
    for session_id in data.sessions:
        pages.append(
            (
                render_session_html(context, session_id),
                DEMO_TAGS[session_id],
                session_texts(data, session_id),
            )
        )
    for html, demo_tags, typed in pages:
        page = page_of(html)
        # The same kinds of tags and attributes as the demo's own page: nothing of theirs.
        assert set(page.tags) <= demo_tags
        assert page.other == []
        shown_text = squash("".join(page.text))
        for text in typed:
            assert squash(text) in shown_text


@PROPERTY
@given(texts)
def test_json_bundle_round_trips_any_text(drawn: list[str]) -> None:
    data = with_text_everywhere(DEMO, drawn)
    first = export_json(data)
    again = cycle_from_bundle(parse_bundle(first.encode("utf-8"), "any.json"))
    assert export_json(again) == first
    assert again.cycle == data.cycle
    for table in ("objectives", "key_results", "sessions", "captures", "retro_cards", "actions"):
        assert again.tables[table] == data.tables[table]


@PROPERTY
@given(texts)
def test_csv_reads_back_any_text(drawn: list[str]) -> None:
    data = with_text_everywhere(DEMO, drawn)
    rows = list(csv.DictReader(io.StringIO(export_csv(data), newline="")))
    assert len(rows) == len(data.key_results)
    for row in rows:
        kr = data.key_results[row["key_result_id"]]
        objective = data.objectives[row["objective_id"]]
        assert (row["key_result"], row["owner"], row["unit"], row["score_note"]) == (
            kr.title,
            objective.owner,
            kr.unit,
            kr.score_note,
        )


def test_every_text_field_gets_hostile_text() -> None:
    """The helper finds the text fields people fill, so new ones are covered as they come."""
    from okrworkshop.model import Cycle
    from okrworkshop.model.cycle_data import TABLES

    fields = {("cycles", f) for f in text_fields(Cycle)}
    fields |= {(name, f) for name, spec in TABLES.items() for f in text_fields(spec.model)}
    for expected in [
        ("cycles", "name"),
        ("objectives", "title"),
        ("objectives", "team"),
        ("key_results", "unit"),
        ("key_results", "target_history"),
        ("sessions", "attendees"),
        ("sessions", "stages"),
        ("retro_cards", "group"),
        ("actions", "owner"),
    ]:
        assert expected in fields
    assert ("objectives", "id") not in fields
    data = with_text_everywhere(DEMO, ["<b>|x"])
    assert data.cycle.name == "<b>|x"
    assert {s.attendees[0] for s in data.sessions.values() if s.attendees} == {"<b>|x"}


@pytest.mark.parametrize("typed", ["x\u0085y", "x\u2028y", "a\x0cb"])
def test_unusual_line_breaks_fold_in_markdown(typed: str) -> None:
    from exports.filters import inline

    assert inline(typed) == f"{typed[0]} {typed[-1]}"


def test_bundle_json_is_valid_json_with_hostile_text() -> None:
    data = with_text_everywhere(DEMO, ["\u2028", "</script>", '"\\'])
    assert json.loads(export_json(data))["cycle"]["name"]


@PROPERTY
@given(st.one_of(hostile_text, st.text(), st.from_regex(r"[A-Za-z0-9 .,%'-]{0,40}")))
def test_plain_text_shortcut_escapes_exactly_like_the_full_rules(typed: str) -> None:
    """Plain words skip the escaping rules; whatever is typed, the result is the same."""
    from exports.filters import _escape_inline, inline

    assert inline(typed) == _escape_inline(typed)
