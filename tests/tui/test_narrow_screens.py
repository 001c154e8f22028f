"""At 100 columns (a laptop sharing its screen) each page keeps what it is for on screen."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from okrworkshop.tui.views.base import expected_view_width, selected_key
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import show, view_table

NARROW = (100, 30)


async def test_the_retro_board_names_its_columns_when_the_column_column_does_not_fit(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=NARROW) as pilot:
        screen = await show(pilot, Place("reflect", "ses-retro", "reflect"))
        table = view_table(screen)
        assert "column" not in table.shown
        first_cells = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        headings = [text for text in first_cells if text.startswith(("Went", "Didn't", "Learned"))]
        assert headings == ["Went well  2 cards", "Didn't go well  2 cards", "Learned  1 card"]
        # On a column's heading, a card typed without a number goes into that column.
        table.move_cursor(row=table.get_row_index("§column:learned"), animate=False)
        await pilot.press("a")
        entry = app.screen.query_one("#card-entry", Input)
        entry.value = "Pilots beat surveys"
        await pilot.press("enter")
        await pilot.pause()
        cards = app.editor.data.retro_cards_of("ses-retro")
        [card] = [c for c in cards if c.text == "Pilots beat surveys"]
        assert card.column == "learned"


async def test_discussion_order_keeps_the_rank_of_each_group(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=NARROW) as pilot:
        screen = await show(pilot, Place("reflect", "ses-retro", "vote"))
        table = view_table(screen)
        assert str(table.get_row("§1")[0]).startswith("1. ")


async def test_actions_show_their_owner(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=NARROW) as pilot:
        screen = await show(pilot, Place("actions"))
        table = view_table(screen)
        assert {"owner", "due", "status"} <= set(table.shown)
        assert str(table.get_cell("act-2", "owner")) == "Jonas Berg"


async def test_quarter_over_quarter_shows_planning_confidence_beside_the_score(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=NARROW) as pilot:
        screen = await show(pilot, Place("quarters"))
        assert {"confidence", "score", "pattern"} <= set(view_table(screen).shown)


async def test_page_down_brings_the_rest_of_the_overview_into_view(
    make_app, demo_workspace
) -> None:
    from textual.containers import VerticalScroll

    app = make_app("demo-kestrel")
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await show(pilot, Place("overview"))
        await pilot.wait_for_scheduled_animations()
        page = screen.current_view.query_one(VerticalScroll)
        actions = screen.current_view.query_one("#overview-actions")
        assert not page.region.contains_region(actions.region), "below the fold at first"
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert page.region.contains_region(actions.region)


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (160, 45)])
async def test_a_view_draws_for_the_width_it_gets(make_app, demo_workspace, size) -> None:
    """A view draws before the screen's first layout, for the width it is about to get."""
    app = make_app("demo-kestrel")
    async with app.run_test(size=size) as pilot:
        screen = await show(pilot, Place("objectives"))
        view = screen.current_view
        assert view.size.width == expected_view_width(size[0])


@pytest.mark.parametrize("size", [(100, 20), (160, 45)])
async def test_a_row_asked_for_is_selected_when_the_objectives_page_first_shows(
    make_app, demo_workspace, size
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=size) as pilot:
        screen = await show(pilot, Place("align"))
        last = app.editor.data.ordered("key_results")[-1].id
        screen.select_when_shown("objectives", last)
        screen = await show(pilot, Place("objectives"))
        await pilot.pause()
        assert selected_key(view_table(screen)) == last


async def test_the_cursor_stays_on_its_row_when_the_terminal_narrows(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("objectives"))
        table = view_table(screen)
        table.move_cursor(row=12, animate=False)
        key = selected_key(table)
        wide = list(table.shown)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert list(table.shown) != wide, "the columns gave way to the narrower screen"
        assert selected_key(table) == key


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
async def test_the_cascade_is_laid_out_for_its_width_from_the_first_frame(
    make_app, demo_workspace, size
) -> None:
    """Drawn before its first layout, the cascade guesses its width: the guess is right."""
    from okrworkshop.tui.views.base import COACH_PANEL_WIDTH, NARROW_BELOW
    from okrworkshop.tui.views.cascade import CascadeView

    app = make_app("demo-kestrel")
    async with app.run_test(size=size) as pilot:
        screen = await show(pilot, Place("align"))
        view = screen.current_view
        assert isinstance(view, CascadeView)
        tree = view.cascade_tree
        await pilot.pause()
        # The guess made before the first layout, from the screen's width alone...
        width = expected_view_width(size[0])
        guess = width if width < NARROW_BELOW else width - COACH_PANEL_WIDTH
        # ...is what the layout gave.
        assert view.size.width == width
        assert view.has_class("-narrow") == (width < NARROW_BELOW)
        assert tree.size.width == guess
