"""What makes a large cycle fast must not change what people see.

The objectives table redraws only the rows an edit touched; a large cycle's coach runs in a
thread after the first frame and the cycle opens on its cascade; opening a cycle straight from
the command line skips the list of cycles until someone goes back to it. Each is checked here
on the demo (with the size threshold lowered where it matters) by what the screen shows.
"""

from __future__ import annotations

from typing import Any

import pytest

from okrworkshop.model import Update, edits
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.home import HomeScreen
from okrworkshop.tui.views.cascade import CascadeView
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY
from tests.tui.helpers import okr_table, settle, show, until


def shown_rows(table: Any) -> list[tuple[str, str]]:
    """Each row's key and its title as drawn, top to bottom."""
    rows = []
    for index in range(table.row_count):
        key = table.coordinate_to_cell_key((index, 0)).row_key.value
        rows.append((key, str(table.get_row_at(index)[0])))
    return rows


def expected_titles(data: Any) -> list[tuple[str, str]]:
    rows = []
    for n, objective in enumerate(data.objectives_in_order(), start=1):
        rows.append((objective.id, f"{n}. {objective.title}"))
        for m, kr in enumerate(data.key_results_of(objective.id), start=1):
            rows.append((kr.id, f"   {n}.{m} {kr.title}"))
    return rows


async def test_the_objectives_table_follows_every_kind_of_edit(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("objectives"))
        table = okr_table(screen)
        data = app.editor.data
        assert shown_rows(table) == expected_titles(data)

        # A retitle changes one row in place; the rest stay as they were.
        first, second, *_ = data.objectives_in_order()
        app.apply(
            edits.update("objectives", first.id, "retitle", title="Clinics love booking with us")
        )
        await pilot.pause()
        assert shown_rows(table) == expected_titles(data)
        assert shown_rows(table)[0][1] == "1. Clinics love booking with us"

        # Deleting an objective in the middle renumbers everything after it.
        app.apply(edits.delete_objective(data, second.id))
        await pilot.pause()
        assert second.id not in dict(shown_rows(table))
        assert shown_rows(table) == expected_titles(data)

        # Undo puts it back in its place (a row arriving in between).
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert shown_rows(table) == expected_titles(data)
        assert dict(shown_rows(table))[second.id] == f"2. {second.title}"

        # A key result's check-in changes its progress cell and its objective's.
        kr = data.key_results_of(first.id)[0]
        before = {k: list(map(str, table.get_row(k))) for k in (kr.id, first.id, second.id)}
        _, change = edits.record_check_in(data, kr.id, value=kr.target, confidence=9, at=TODAY)
        app.apply(change)
        await pilot.pause()
        after = {k: list(map(str, table.get_row(k))) for k in (kr.id, first.id, second.id)}
        assert after[kr.id] != before[kr.id]
        assert after[first.id] != before[first.id]
        assert after[second.id] == before[second.id]


@pytest.fixture
def large_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the demo as a large organisation's cycle."""
    monkeypatch.setattr(CycleScreen, "BACKGROUND_COACH_SIZE", 1)


async def test_a_large_cycle_opens_on_its_cascade_and_coaches_in_a_thread(
    make_app, demo_workspace, large_threshold
) -> None:
    # With no session open, a large cycle lands on the cascade, not the 5,000-row table.
    data = demo_workspace.load("demo-kestrel")
    demo_workspace.apply(
        "demo-kestrel",
        [Update("sessions", s.id, {"closed": True}) for s in data.sessions.values()],
    )
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CycleScreen)
        assert screen.place == Place("align")
        assert isinstance(screen.current_view, CascadeView)
        await show(pilot, Place("objectives"))
        await settle(pilot)
        # The findings came from the thread: the coach column counts them.
        assert screen.findings, "the coach ran"
        table = okr_table(screen)
        badges = [str(table.get_row(o.id)[-1]) for o in app.editor.data.objectives_in_order()]
        assert any(badge.strip() for badge in badges)

        # An edit that adds a finding shows it once the thread is done.
        objective = app.editor.data.objectives_in_order()[0]
        app.apply(edits.update("objectives", objective.id, "retitle", title="Improve stuff"))
        await until(pilot, lambda: any(f.target_id == objective.id for f in screen.findings))
        assert any(f.target_id == objective.id for f in screen.findings)


async def test_open_goes_straight_to_the_cycle_and_escape_to_the_list(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.summaries[0].cycle.id == "demo-kestrel"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # the list once, not once per visit


async def test_a_cycle_that_cannot_be_opened_leaves_the_list_with_the_reason(
    make_app, demo_workspace
) -> None:
    app = make_app("no-such-cycle")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("no-such-cycle" in m for m in messages)


async def test_the_cascade_shows_an_edit_at_once_and_its_findings_when_the_coach_is_done(
    make_app, demo_workspace, large_threshold
) -> None:
    from okrworkshop.tui.format import findings_badge

    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        view = (await show(pilot, Place("align"))).current_view
        assert isinstance(view, CascadeView)
        await settle(pilot)
        tree = view.cascade_tree
        screen = app.screen
        assert isinstance(screen, CycleScreen)
        key = "o:obj-c1"

        def line() -> str:
            row = tree.nodes_by_key[key].line - tree.scroll_offset.y
            return "".join(segment.text for segment in tree.render_line(row))

        def badge() -> str:
            found = list(screen.findings_by_target.get("obj-c1", []))
            for kr in app.editor.data.key_results_of("obj-c1"):
                found += screen.findings_by_target.get(kr.id, [])
            return findings_badge(found).plain.strip()

        before = screen.findings
        assert badge() and badge() in line()
        app.apply(edits.update("objectives", "obj-c1", "retitle", title="Improve stuff"))
        await until(pilot, lambda: "Improve stuff" in line())
        assert "Improve stuff" in line(), "the new title shows before the coach has run"
        await until(pilot, lambda: screen.findings is not before)
        await settle(pilot)
        rules = {f.rule for f in screen.findings if f.target_id == "obj-c1"}
        assert "objective-length" in rules
        assert badge() in line(), "the objective's marker counts the new findings"
