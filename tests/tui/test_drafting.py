"""Drafting in a live room: the coach follows typing, quick add, retitle, dismiss, examples."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.widgets import Input, Static

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.examples import ExamplesScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.screens.okr_form import CoachedFormScreen
from okrworkshop.tui.widgets.agenda import Place
from okrworkshop.tui.widgets.coach_panel import CoachPanel
from okrworkshop.tui.widgets.quick_add import QuickAddBar
from tests.tui.helpers import fill_form, okr_table, show


async def objectives(pilot: Any, select: str | None = None) -> CycleScreen:
    screen = await show(pilot, Place("objectives"))
    if select is not None:
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index(select))
        await pilot.pause()
    return screen


def panel(screen: Any) -> str:
    return str(screen.query_one(CoachPanel).plain)


def quick_line(screen: Any) -> Input:
    line: Input = screen.query_one("#quick-input", Input)
    return line


def plain(content: Any) -> str:
    """The text of a Static's content, whether a Text or a Group of them."""
    if isinstance(content, Group):
        return "\n".join(plain(part) for part in content.renderables)
    return content.plain if isinstance(content, Text) else str(content)


def preview(screen: Any) -> str:
    return plain(screen.query_one("#quick-preview").content)


async def test_the_coach_panel_follows_typing_in_the_quick_line(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t3")
        assert "Launch a self-serve onboarding" in panel(screen)
        await pilot.press("a")
        await pilot.pause()
        assert screen.query_one(QuickAddBar).is_open
        assert app.focused is quick_line(screen)
        for key in "Hold":
            await pilot.press(key)
        await pilot.pause()
        text = panel(screen)
        assert "new key result, as you type" in text
        assert "Hold" in text
        assert "key-result-activity" in text
        for key in ["space", "1", "2", "space", "w", "o", "r", "k", "s", "h", "o", "p", "s"]:
            await pilot.press(key)
        await pilot.pause()
        assert quick_line(screen).value == "Hold 12 workshops"
        assert '"Hold …" is a task' in panel(screen)
        # A better line: the panel clears as soon as the text is good.
        quick_line(screen).value = "Clinics onboarded without a call from 40% to 60%"
        await pilot.pause()
        assert "Nothing to flag here" in panel(screen)
        assert "key-result-activity" not in panel(screen)
        assert preview(screen) == "metric 40 → 60% · owner Aisha Khan · due 2026-12-31 (cycle end)"


async def test_quick_add_key_results_one_per_line_each_one_undo_step(
    make_app, demo_workspace, reopen
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t1")
        data = app.editor.data
        before = [kr.id for kr in data.key_results_of("obj-t1")]
        steps = len(app.editor.undo_stack)
        await pilot.press("a")
        for line in (
            "Patients who rebook online from 30% to 55% @marco",
            "m: Waiting list opened to every clinic due:2026-12-15",
        ):
            quick_line(screen).value = line
            await pilot.press("enter")
            await pilot.pause()
            assert quick_line(screen).value == ""
        assert len(app.editor.undo_stack) == steps + 2
        added = [kr for kr in data.key_results_of("obj-t1") if kr.id not in before]
        assert [(kr.title, kr.kind, kr.baseline, kr.target, kr.unit, kr.owner) for kr in added] == [
            ("Patients who rebook online from 30% to 55%", "metric", 30, 55, "%", "Marco Rossi"),
            ("Waiting list opened to every clinic", "milestone", None, None, "", "Marco Rossi"),
        ]
        assert added[1].due is not None and added[1].due.isoformat() == "2026-12-15"
        assert "Added. 5 key results so far." in preview(screen)
        assert app.saver.flush(), app.saver.last_error
        assert reopen().load("demo-kestrel").key_results[added[1].id].due == added[1].due
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CycleScreen), "Escape leaves the line, not the cycle"
        assert not screen.query_one(QuickAddBar).is_open
        assert app.focused is okr_table(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(data.key_results_of("obj-t1")) == len(before) + 1
        assert app.saver.flush()
    stored = reopen().load("demo-kestrel")
    assert len(stored.key_results_of("obj-t1")) == len(before) + 1


async def test_quick_objective_then_its_key_results(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "kr-t2-1")  # a Platform team key result
        await pilot.press("A")
        quick_line(screen).value = "Clinics never wonder whether we are up @tomas #reliab"
        await pilot.pause()
        assert "team · Platform · owner Tomás Silva · theme Reliability" in preview(screen)
        assert "too-few-key-results" in panel(screen)
        await pilot.press("enter")
        await pilot.pause()
        data = app.editor.data
        [new] = [o for o in data.objectives.values() if o.title.startswith("Clinics never")]
        assert (new.level, new.team, new.owner, new.theme_id) == (
            "team",
            "Platform",
            "Tomás Silva",
            "thm-reliability",
        )
        assert "Key results for “Clinics never wonder whether we are up”" in plain(
            screen.query_one("#quick-label", Static).content
        )
        quick_line(screen).value = "Status page visits during incidents from 900 to 300"
        await pilot.press("enter")
        await pilot.pause()
        [kr] = data.key_results_of(new.id)
        assert (kr.baseline, kr.target, kr.owner) == (900, 300, "Tomás Silva")


async def test_a_line_that_cannot_be_read_keeps_what_was_typed(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t1")
        count = len(app.editor.data.key_results)
        await pilot.press("a")
        quick_line(screen).value = "Churn from 5% to 3% due:friday"
        await pilot.pause()
        assert preview(screen) == "due:friday is not a date like due:2027-02-14"
        await pilot.press("enter")
        await pilot.pause()
        assert quick_line(screen).value == "Churn from 5% to 3% due:friday"
        assert len(app.editor.data.key_results) == count
        quick_line(screen).value = "x" * 301  # past the title limit: refused, kept
        await pilot.press("enter")
        await pilot.pause()
        assert "at most 300 characters" in preview(screen)
        assert quick_line(screen).value == "x" * 301
        assert len(app.editor.data.key_results) == count


async def test_retitle_in_place_with_the_coach_watching(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t3")
        await pilot.press("r")
        await pilot.pause()
        assert quick_line(screen).value == "Launch a self-serve onboarding"
        quick_line(screen).value = "Clinics set themselves up without calling us"
        await pilot.pause()
        assert "objective-output-verb" not in panel(screen)
        await pilot.press("enter")
        await pilot.pause()
        objective = app.editor.data.objectives["obj-t3"]
        assert objective.title == "Clinics set themselves up without calling us"
        assert not screen.query_one(QuickAddBar).is_open
        assert "objective-output-verb" not in {f.rule for f in screen.findings}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.data.objectives["obj-t3"].title == "Launch a self-serve onboarding"


async def test_the_form_coach_reacts_as_you_type_and_shows_fields_by_kind(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await objectives(pilot, "obj-t1")
        await pilot.press("k")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CoachedFormScreen)
        for key in "Send":
            await pilot.press(key)
        await pilot.pause()
        assert '"Send …" is a task' in form.query_one(CoachPanel).plain
        baseline_row = form.query_one("#field-baseline").parent
        done_row = form.query_one("#field-done").parent
        assert baseline_row is not None and done_row is not None
        assert baseline_row.display and not done_row.display
        await fill_form(
            pilot,
            save=False,
            title="Rebooking offered after every cancellation",
            kind="milestone",
        )
        assert not baseline_row.display and done_row.display
        assert "Nothing to flag here" in form.query_one(CoachPanel).plain
        await pilot.press("ctrl+s")
        await pilot.pause()
        titles = [kr.title for kr in app.editor.data.key_results_of("obj-t1")]
        assert titles[-1] == "Rebooking offered after every cancellation"


async def test_dismiss_a_finding_with_a_reason_then_undo(make_app, demo_workspace, reopen):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t3")
        badge = okr_table(screen).get_row("obj-t3")[-1].plain
        assert badge == "✖1 ▲4 ●2 "  # with a stale check-in and two off-track forecasts
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await fill_form(pilot, rule="objective-output-verb", reason="   ")
        assert app.screen is form, "a reason is required"
        await fill_form(pilot, reason="Leadership chose this wording on purpose")
        assert isinstance(app.screen, CycleScreen)
        data = app.editor.data
        [dismissal] = [d for d in data.dismissals.values() if d.target_id == "obj-t3"]
        assert (dismissal.rule, dismissal.at and dismissal.at.isoformat()) == (
            "objective-output-verb",
            "2026-11-24",
        )
        assert okr_table(screen).get_row("obj-t3")[-1].plain == "✖1 ▲3 ●2 "
        assert "Leadership chose this wording on purpose" in panel(screen)
        assert app.saver.flush()
        assert dismissal.id in reopen().load("demo-kestrel").dismissals
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert okr_table(screen).get_row("obj-t3")[-1].plain == "✖1 ▲4 ●2 "
        assert app.saver.flush()
        assert dismissal.id not in reopen().load("demo-kestrel").dismissals


async def test_restore_the_demos_dismissed_finding(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "kr-t3-2")
        assert "Dismissed (1)" in panel(screen)
        await pilot.press("u")
        await pilot.pause()
        assert "key-result-activity" in {f.rule for f in screen.findings_by_target["kr-t3-2"]}
        assert "Dismissed" not in panel(screen)


async def test_examples_library_inserts_a_starting_point_in_one_step(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await objectives(pilot, "obj-t4")  # a Booking team objective
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ExamplesScreen)
        await pilot.press("down", "down")
        await pilot.pause()
        shown = plain(app.screen.query_one("#example-preview", Static).content)
        assert "Maintain 99.9% uptime" in shown
        await pilot.press("enter")
        await pilot.pause()
        data = app.editor.data
        [new] = [o for o in data.objectives.values() if o.title.startswith("Customers never")]
        assert (new.level, new.team) == ("team", "Booking")
        assert [kr.kind for kr in data.key_results_of(new.id)] == ["maintain", "metric", "metric"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert new.id not in data.objectives
        assert not [kr for kr in data.key_results.values() if kr.objective_id == new.id]


async def test_commit_stage_sets_owner_due_and_confidence(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("commit", "ses-planning", "commit"))
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("kr-t3-2"))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CoachedFormScreen)
        assert [spec.name for spec in form.fields] == ["owner", "due", "confidence"]
        await fill_form(pilot, owner="Aisha Khan", due="2026-12-01", confidence="6")
        kr = app.editor.data.key_results["kr-t3-2"]
        assert (kr.owner, kr.due and kr.due.isoformat(), kr.confidence) == (
            "Aisha Khan",
            "2026-12-01",
            6,
        )


async def test_drafting_keys_work_from_the_sidebar(make_app, demo_workspace):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot, "obj-t1")
        screen.query_one("#agenda").focus()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert screen.query_one(QuickAddBar).is_open


async def test_an_empty_line_moves_on_to_the_next_objective_in_the_table(make_app, demo_workspace):
    # After a dot vote the drafts sit one under another; each gets its key results in turn.
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await objectives(pilot)
        data = app.editor.data
        order = [o.id for o in data.objectives_in_order()]
        first, second = order[-2], order[-1]
        okr_table(screen).move_cursor(row=okr_table(screen).get_row_index(first))
        await pilot.pause()
        await pilot.press("a")
        label = plain(screen.query_one("#quick-label", Static).content)
        assert f"Enter on an empty line: on to “{data.objectives[second].title}”" in label
        quick_line(screen).value = "Refilled slots from 15% to 45%"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert f"Key results for “{data.objectives[second].title}”" in plain(
            screen.query_one("#quick-label", Static).content
        )
        table = okr_table(screen)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == second
        quick_line(screen).value = "Waitlist sign-ups from 0 to 400"
        await pilot.press("enter")
        await pilot.pause()
        assert data.key_results_of(first)[-1].title == "Refilled slots from 15% to 45%"
        assert data.key_results_of(second)[-1].title == "Waitlist sign-ups from 0 to 400"
        await pilot.press("enter")  # past the last objective: a new one
        await pilot.pause()
        assert plain(screen.query_one("#quick-label", Static).content).startswith("New objective")
