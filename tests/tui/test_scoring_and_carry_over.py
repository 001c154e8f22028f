"""Scoring, target changes, carry-over and quarter over quarter in the app."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, okr_table, settle, show, view_table

SCORE = Place("score", "ses-retro", "score")
CARRY_OVER = Place("carry-over", "ses-retro", "carry-over")


def select(screen: CycleScreen, key: str) -> None:
    table = view_table(screen)
    table.move_cursor(row=table.get_row_index(key), animate=False)


def error_of(app) -> str:
    return str(app.screen.query_one("#form-error", Static).render())


async def test_scores_nudge_clear_and_undo_in_one_step(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, SCORE)
        data = app.editor.data
        select(screen, "kr-c1-1")  # scored 0.6 in the demo
        await pilot.press("plus")
        await pilot.pause()
        assert data.key_results["kr-c1-1"].score == 0.7
        await pilot.press("minus", "minus", "minus")
        await pilot.pause()
        assert data.key_results["kr-c1-1"].score == 0.4
        await pilot.press("backspace")
        await pilot.pause()
        assert data.key_results["kr-c1-1"].score is None
        unscored = sum(1 for kr in data.key_results.values() if kr.score is None)
        await pilot.press("A")
        await pilot.pause()
        assert all(kr.score is not None for kr in data.key_results.values())
        await pilot.press("ctrl+z")  # one undo takes the whole accept-all back
        await pilot.pause()
        assert sum(1 for kr in data.key_results.values() if kr.score is None) == unscored
        # Space on an objective row scores its key results at their progress.
        select(screen, "obj-t1")
        await pilot.press("space")
        await pilot.pause()
        for kr in data.key_results_of("obj-t1"):
            assert kr.score == round(kr.progress(), 2)


async def test_a_committed_miss_asks_for_a_note_and_bad_scores_are_refused(
    make_app, demo_workspace
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, SCORE)
        data = app.editor.data
        select(screen, "kr-c2-1")  # committed: revenue
        await pilot.press("enter")
        await pilot.pause()
        progress = round(data.key_results["kr-c2-1"].progress(), 2)
        assert app.screen.query_one("#field-score", Input).value == f"{progress:g}"
        for bad, message in (("1.5", "from 0.0 to 1.0"), ("lots", "is not a number")):
            await fill_form(pilot, score=bad)
            assert isinstance(app.screen, FormScreen) and message in error_of(app)
        await fill_form(pilot, score=str(progress))
        assert "A committed key result below 1.0 needs a note" in error_of(app)
        await fill_form(pilot)  # saved again as it is: kept, and the coach remembers
        assert not isinstance(app.screen, FormScreen)
        assert data.key_results["kr-c2-1"].score == progress
        rules = {f.rule for f in screen.findings_by_target["kr-c2-1"]}
        assert "committed-miss-unexplained" in rules


async def test_a_target_changed_after_planning_keeps_its_reason(make_app, demo_workspace, reopen):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, Place("objectives"))
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("kr-c1-1"), animate=False)
        await pilot.press("enter")
        await pilot.pause()
        await fill_form(pilot, target="42")
        assert isinstance(app.screen, FormScreen)
        assert "after planning closed" in error_of(app)
        await fill_form(pilot, target_reason="The survey vendor changed the scale")
        kr = app.editor.data.key_results["kr-c1-1"]
        assert kr.target == 42
        [change] = kr.target_history
        assert (change.on, change.old, change.new, change.reason) == (
            date(2026, 11, 24),
            45,
            42,
            "The survey vendor changed the scale",
        )
        # Changed again without a reason: asked once, then kept and flagged.
        await pilot.press("enter")
        await pilot.pause()
        await fill_form(pilot, target="40")
        await fill_form(pilot)
        assert [c.new for c in app.editor.data.key_results["kr-c1-1"].target_history] == [42, 40]
        rules = {f.rule for f in screen.findings_by_target["kr-c1-1"]}
        assert "target-changed-unexplained" in rules
        # The reason can come later, with the target left alone.
        await pilot.press("enter")
        await pilot.pause()
        await fill_form(pilot, target_reason="Board asked for a safer plan")
        assert not any(
            f.rule == "target-changed-unexplained"
            for f in screen.findings_by_target.get("kr-c1-1", [])
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = reopen().load("demo-kestrel").key_results["kr-c1-1"]
    assert [c.reason for c in saved.target_history] == [
        "The survey vendor changed the scale",
        "Board asked for a safer plan",
    ]


async def test_closing_the_planning_session_starts_the_target_history(make_app, workspace):
    from okrworkshop.model import Cycle, CycleData

    workspace.add_cycle(CycleData(Cycle(id="cyc-1", name="Acme 2027-Q1")))
    app = make_app("cyc-1")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CycleScreen)
        await pilot.press("n", "p")
        await pilot.pause()
        await fill_form(pilot)
        for _ in range(7):
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.editor.data.cycle.planning_closed_on == date(2026, 11, 24)


async def test_carry_over_refuses_to_create_nothing_or_twice(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, CARRY_OVER)
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), "nothing is marked keep or modify"
        select(screen, "obj-c2")
        await pilot.press("k")
        await pilot.press("g")
        await pilot.pause()
        await fill_form(pilot, name="")
        assert "Name: required" in error_of(app)
        await fill_form(pilot, name="Kestrel 2027-Q1", starts="2027-04-01", ends="2027-01-01")
        assert "ends (2027-01-01) before it starts" in error_of(app)
        assert len(app.workspace.cycles()) == 1, "nothing was created"
        await fill_form(pilot, starts="2027-01-01", ends="2027-03-31")
        assert len(app.workspace.cycles()) == 2
        summary = str(screen.query_one("#carry-summary", Static).render())
        assert "next cycle created: Kestrel 2027-Q1; o opens it" in summary, "its name, not id"
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), "the next cycle exists already"
        assert len(app.workspace.cycles()) == 2
        # And o opens it.
        next_id = app.editor.data.cycle.next_cycle_id
        await pilot.press("o")
        await settle(pilot)
        assert app.editor is not None and app.editor.data.cycle.id == next_id
        # The next planning opens on what carried over, and why.
        screen = await show(pilot, Place("overview"))
        carried = str(screen.query_one("#overview-carried", Static).render())
        assert "Carried over from Kestrel Labs 2026-Q4" in carried
        assert "Run a profitable, predictable business — keep" in carried


async def test_quarter_over_quarter_shows_each_cycle_of_a_team(make_app, demo_workspace):
    from facilitation.carry_over import plan_carry_over

    demo = demo_workspace.load("demo-kestrel")
    for objective in demo.objectives.values():
        demo.objectives[objective.id] = objective.model_copy(update={"carry_over": "keep"})
    for kr in list(demo.key_results.values()):
        demo.key_results[kr.id] = kr.model_copy(update={"score": 1.0})
    older = plan_carry_over(
        demo, name="Kestrel Labs 2026-Q3", starts=date(2026, 7, 1), ends=date(2026, 9, 30)
    ).next_cycle
    for kr in list(older.key_results.values()):
        older.key_results[kr.id] = kr.model_copy(update={"confidence": 9, "score": 1.0})
    demo_workspace.add_cycle(older)
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, Place("quarters"))
        await settle(pilot)
        rows = [row.key.value for row in view_table(screen).ordered_rows]
        assert rows == [older.cycle.id, "demo-kestrel"]
        verdict = str(screen.query_one("#quarters-verdict", Static).render())
        assert verdict.startswith("No chronic pattern for the company level")  # one safe quarter
        # Booking scored 1.0 in both quarters after confident planning in the older one.
        while "Booking" not in str(screen.query_one("#quarters-title", Static).render()):
            await pilot.press("t")
            await pilot.pause()
        table = view_table(screen)
        assert [row.key.value for row in table.ordered_rows] == [older.cycle.id, "demo-kestrel"]
        assert str(table.get_cell(older.cycle.id, "pattern")) == "too safe"
        assert str(table.get_cell("demo-kestrel", "score")) == "not scored"


async def test_enter_on_an_objective_asks_why_with_the_keyboard_in_the_note(
    make_app, demo_workspace
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await show(pilot, CARRY_OVER)
        select(screen, "obj-c2")
        await pilot.press("m", "up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.focused is app.screen.query_one("#field-carry_over_note")
        await pilot.press(*"Fewer KRs", "enter")
        await pilot.pause()
        objective = app.editor.data.objectives["obj-c2"]
        assert (objective.carry_over, objective.carry_over_note) == ("modify", "Fewer KRs")
