"""A name typed in part in a form means the one person of the cycle it fits, as in quick add."""

from __future__ import annotations

from textual.widgets import Input

from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, show, view_table


async def test_an_owner_typed_in_lower_case_is_the_person_the_cycle_knows(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, Place("objectives"))
        table = view_table(screen)
        table.move_cursor(row=table.get_row_index("obj-t3"), animate=False)
        await pilot.press("enter")
        await pilot.pause()
        owner = app.screen.query_one("#field-owner", Input)
        owner.value = ""
        owner.focus()
        await pilot.press("l", "e", "n")
        await pilot.pause()
        assert owner._suggestion == "Lena Fischer", "the completion shows as you type"
        await fill_form(pilot, owner="lena")
        assert app.editor.data.objectives["obj-t3"].owner == "Lena Fischer"


async def test_an_action_owner_and_a_new_name_both_read_as_meant(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        await show(pilot, Place("actions"))
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, text="Book the offsite", owner="aish")
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, text="Call the landlord", owner="  Ruth   Adler ")
        owners = {a.text: a.owner for a in app.editor.data.actions.values()}
        assert owners["Book the offsite"] == "Aisha Khan"
        assert owners["Call the landlord"] == "Ruth Adler", "someone new keeps their name"
