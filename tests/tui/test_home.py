"""The cycle list: create, open, rename, delete with confirmation, add the demo."""

from __future__ import annotations

from textual.widgets import DataTable

from okrworkshop.tui.screens.confirm import ConfirmScreen
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen
from tests.tui.helpers import fill_form, settle


async def test_empty_workspace_says_how_to_start(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hint = str(app.screen.query_one("#home-empty").render())
        assert "No cycles yet" in hint
        assert "n" in hint


async def test_new_cycle_refuses_an_end_before_the_start(make_app, workspace) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = await fill_form(pilot, name="Backwards", starts="2027-03-31", ends="2027-01-01")
        assert app.screen is form, "the form stays open so nothing typed is lost"
        error = str(form.query_one("#form-error").render())
        assert "ends (2027-01-01) before it starts (2027-03-31)" in error
        assert workspace.cycles() == []
        await fill_form(pilot, ends="2027-06-30")
        assert [c.name for c in workspace.cycles()] == ["Backwards"]
        assert not isinstance(app.screen, FormScreen)


async def test_bad_date_names_the_field(make_app, workspace) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = await fill_form(pilot, name="Q1", starts="2027-02-30")
        assert "Starts: '2027-02-30' is not a date like 2027-03-31" in str(
            form.query_one("#form-error").render()
        )
        assert workspace.cycles() == []


async def test_rename_and_delete_with_confirmation(make_app, demo_workspace) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await fill_form(pilot, name="Kestrel renamed")
        assert [c.name for c in demo_workspace.cycles()] == ["Kestrel renamed"]
        table = app.screen.query_one("#cycles", DataTable)
        assert "Kestrel renamed" in str(table.get_row_at(0)[0])

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "8 objectives" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
        await pilot.pause()
        assert len(demo_workspace.cycles()) == 1, "answering no keeps the cycle"

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert demo_workspace.cycles() == []


async def test_demo_key_adds_the_demo_once_and_enter_opens_it(make_app, workspace) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.press("D")
        await settle(pilot)
        assert [c.id for c in workspace.cycles()] == ["demo-kestrel"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)
        assert str(app.screen.sub_title).startswith("Kestrel Labs")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CycleScreen)


async def test_opening_keeps_a_copy_of_the_workspace_as_opened(make_app, demo_workspace) -> None:
    """Whether the app opens on the list of cycles, on a cycle, or on one it cannot find."""
    for cycle_id in (None, "demo-kestrel", "no-such-cycle"):
        for old in demo_workspace.backups():
            old.unlink()
        before = demo_workspace.path.read_bytes()
        app = make_app(cycle_id)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(20):
                await settle(pilot)
                if demo_workspace.backups():
                    break
            copies = [p for p in demo_workspace.backups() if ".open-" in p.name]
            assert len(copies) == 1, f"opened on {cycle_id}: {demo_workspace.backups()}"
            assert copies[0].read_bytes() == before
