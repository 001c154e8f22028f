"""The retro board as people type into it: names they mean, and cards that follow each other."""

from __future__ import annotations

from textual.widgets import Input

from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import show, view_table


async def type_card(pilot, line: str) -> None:
    entry = pilot.app.screen.query_one("#card-entry", Input)
    entry.value = line
    await pilot.press("enter")
    await pilot.pause()


async def test_a_card_without_a_number_follows_the_card_typed_before_it(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, Place("reflect", "ses-retro", "reflect"))
        await pilot.press("a")
        await type_card(pilot, "3: Blind rounds surface doubts early")
        await type_card(pilot, "Small pilots teach more than surveys")
        cards = {c.text: c for c in app.editor.data.retro_cards_of("ses-retro")}
        assert cards["Small pilots teach more than surveys"].column == "learned"
        table = view_table(screen)
        selected = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert selected == cards["Small pilots teach more than surveys"].id


async def test_at_a_name_on_a_card_means_the_person_in_the_room(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        await show(pilot, Place("reflect", "ses-retro", "reflect"))
        await pilot.press("a")
        entry = app.screen.query_one("#card-entry", Input)
        entry.value = "2: Setup started too late @aisha"
        await pilot.pause()
        assert "by Aisha Khan" in str(app.screen.query_one("#card-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        [card] = [
            c
            for c in app.editor.data.retro_cards_of("ses-retro")
            if c.text == "Setup started too late"
        ]
        assert card.author == "Aisha Khan"
