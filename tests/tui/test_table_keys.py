"""Home and End go to the first and last row of a table, as people expect."""

from __future__ import annotations

from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import show, view_table


async def test_home_and_end_jump_to_the_first_and_last_row(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("reflect", "ses-retro", "reflect"))
        table = view_table(screen)
        assert table.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0
