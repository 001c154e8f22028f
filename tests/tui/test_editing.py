"""Editing in the cycle screen: forms refuse bad input, deletes undo, text stays literal."""

from __future__ import annotations

from rich.text import Text

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.screens.help import HelpScreen
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, okr_table, settle, show


async def open_objectives(pilot, app) -> CycleScreen:
    return await show(pilot, Place("objectives"))


async def test_bad_number_keeps_the_form_and_saves_nothing(make_app, demo_workspace, reopen):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_objectives(pilot, app)
        before = len(app.editor.data.key_results)
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("obj-c1"))
        await pilot.press("k")
        form = await fill_form(
            pilot, title="Referrals from 12 to 30", baseline="twelve", target="30"
        )
        assert app.screen is form
        assert "Baseline: 'twelve' is not a number" in str(form.query_one("#form-error").render())
        form = await fill_form(pilot, baseline="12", confidence="11")
        assert app.screen is form
        assert "less than or equal to 10" in str(form.query_one("#form-error").render())
        assert len(app.editor.data.key_results) == before
        await pilot.press("escape")
        await pilot.pause()
        assert app.saver.flush()
    assert len(reopen().load("demo-kestrel").key_results) == before


async def test_delete_objective_then_undo_restores_it_on_disk(make_app, demo_workspace, reopen):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_objectives(pilot, app)
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("obj-d1"))
        await pilot.press("delete")
        await pilot.pause()
        data = app.editor.data
        assert "obj-d1" not in data.objectives
        assert data.objectives["obj-t1"].parent_id is None, "children are unlinked"
        assert app.saver.flush()
        on_disk = reopen().load("demo-kestrel")
        assert "obj-d1" not in on_disk.objectives
        assert "kr-d1-1" not in on_disk.key_results

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert data.objectives["obj-t1"].parent_id == "obj-d1"
        assert app.saver.flush()
        restored = reopen().load("demo-kestrel")
        assert restored.objectives["obj-d1"].title == "Make booking effortless for patients"
        assert len(restored.check_ins_of("kr-d1-1")) == len(data.check_ins_of("kr-d1-1")) > 0

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "obj-d1" not in data.objectives


async def test_titles_with_brackets_show_as_typed(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_objectives(pilot, app)
        await pilot.press("o")
        await fill_form(pilot, title="[bold]Ship[/] it [link=x]now[/link] [", level="company")
        await pilot.pause()
        table = okr_table(screen)
        new_id = next(o.id for o in app.editor.data.objectives.values() if "Ship" in o.title)
        cell = table.get_row(new_id)[0]
        assert isinstance(cell, Text)
        assert "[bold]Ship[/] it [link=x]now[/link] [" in cell.plain


async def test_move_objective_down_and_help_lists_keys(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_objectives(pilot, app)
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("obj-c1"))
        await pilot.press("shift+down")
        await pilot.pause()
        order = [o.id for o in app.editor.data.objectives_in_order()]
        assert order[:2] == ["obj-c2", "obj-c1"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {key: does for key, does in app.screen.rows}
        assert described["o"] == "Add an objective"
        assert described["k"] == "Add a key result to the selected objective"
        assert described["c"].startswith("Capture")
        assert described["ctrl+z"] == "Undo"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_theme_toggle_and_prompt_hiding(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_objectives(pilot, app)
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await show(pilot, Place("score", "ses-retro", "score"), focus=False)
        prompt = screen.query_one("#stage-prompt")
        assert prompt.display
        await pilot.press("h")
        await pilot.pause()
        assert not prompt.display


async def test_stage_keys_walk_the_agenda_and_offer_to_close(make_app, demo_workspace, reopen):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.place == Place("score", "ses-retro", "score")
        for _ in range(5):
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert screen.place.stage_key == "close"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.editor.data.sessions["ses-retro"].closed
        assert app.saver.flush()
    saved = reopen().load("demo-kestrel").sessions["ses-retro"]
    assert saved.closed and saved.current_stage == "close"


async def test_check_in_on_a_milestone_marks_it_done(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("check-in", "ses-check-in", "round"))
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("kr-t2-4"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await fill_form(pilot, done=True, confidence="8")
        kr = app.editor.data.key_results["kr-t2-4"]
        assert kr.done and kr.progress() == 1.0


async def test_one_key_picks_the_session_kind_and_escape_starts_nothing(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        cycle_screen = app.screen
        assert isinstance(cycle_screen, CycleScreen)
        before = set(app.editor.data.sessions)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert set(app.editor.data.sessions) == before
        await pilot.press("n", "r")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "Start a quarterly review retro"
        await fill_form(pilot, retro_format="sailboat", attendees="Ana, Bo")
        (new,) = set(app.editor.data.sessions) - before
        session = app.editor.data.sessions[new]
        assert (session.kind, session.retro_format, session.attendees) == (
            "retro",
            "sailboat",
            ["Ana", "Bo"],
        )
        assert cycle_screen.place.stage_key == "pulse", "the new session opens at its first stage"
