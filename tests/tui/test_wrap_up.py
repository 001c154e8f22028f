"""Wrap-up: what the facilitator reads out before the room leaves, readable at any width."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text

from okrworkshop.model import edits
from okrworkshop.tui.views.wrap_up import WrapUpView
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import show


def row_texts(table: Any) -> list[str]:
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def cut_off(table: Any, column: str) -> list[str]:
    """The cells of ``column`` that do not fit on screen: past the edge or on too few lines."""
    keys = list(table.columns)
    edge = sum(table.columns[k].get_render_width(table) for k in keys[: keys.index(column) + 1])
    width = table.columns[column].get_render_width(table) - 2 * table.cell_padding
    cut = []
    for row_key, row in table.rows.items():
        cell = table.get_cell(row_key, column)
        lines = Text(str(cell)).wrap(table.app.console, width)
        if edge > table.scrollable_content_region.width or len(lines) > row.height:
            cut.append(str(cell))
    return cut


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
async def test_each_finding_is_read_out_whole_with_what_it_is_about(
    make_app, demo_workspace, size
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=size) as pilot:
        screen = await show(pilot, Place("wrap-up", "ses-planning", "wrap-up"))
        view = screen.current_view
        assert isinstance(view, WrapUpView)
        finding = next(f for f in screen.findings if f.rule == "key-result-not-measurable")
        table = view.query_one("#findings")
        rows = row_texts(table)
        # The whole sentence is there (it wraps), with the key result it is about...
        assert any(finding.message in row and "Improve the setup wizard" in row for row in rows)
        # ... and on screen: no finding runs past the edge or is cut to one line.
        assert cut_off(table, "message") == []


async def test_wrap_up_confirms_who_does_what_by_when(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("wrap-up", "ses-planning", "wrap-up"))
        _, change = edits.add_record(
            "actions",
            "act",
            "add action",
            text="Send the draft OKRs to the board",
            owner="Jonas Berg",
            session_id="ses-planning",
        )
        assert app.apply(change) is None
        await pilot.pause()
        actions = str(screen.query_one("#wrap-actions").render())
        assert "Send the draft OKRs to the board — Jonas Berg · no due date" in actions
        assert "Find an owner for the waitlist objective — Jonas Berg · due 2026-10-15" in actions


async def test_enter_at_the_last_stage_closes_the_session_and_ctrl_z_reopens_it(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, Place("wrap-up", "ses-retro", "close"))
        assert not app.editor.data.sessions["ses-retro"].closed
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.data.sessions["ses-retro"].closed
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.editor.data.sessions["ses-retro"].closed


async def test_a_check_in_ends_on_what_moved_and_who_moved_it(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("wrap-up", "ses-check-in", "wins"))
        wins = str(screen.query_one("#wrap-celebrate").render())
        assert "Moved at this check-in" in wins
        assert "Booking errors per 1,000 attempts from 18 to 5 — Lena Fischer" in wins
        assert "(progress 62% → 77%)" in wins
        assert "… and 13 more that moved up" in wins, "the biggest gains by name, the rest counted"
