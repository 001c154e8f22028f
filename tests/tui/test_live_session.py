"""Blind confidence rounds, quick capture, attendees, custom agendas and undo across a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from okrworkshop.tui.screens.confidence_round import ConfidenceRoundScreen
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.views.captures import CapturesView
from okrworkshop.tui.views.confidence import ConfidenceView
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, on_session, settle, show


async def planning(pilot: Any, attendees: str = "Ana, Bo, Cy") -> CycleScreen:
    screen = await show(pilot, Place("objectives"))
    await pilot.press("n", "p")
    await fill_form(pilot, facilitator="Sam", attendees=attendees)
    await pilot.pause()
    return screen


async def test_blind_round_reveals_together_flags_spread_and_keeps_the_agreed_value(
    make_app, demo_workspace, reopen
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot)
        session = on_session(screen)
        screen = await show(pilot, Place("confidence", session.id, "commit"))
        view = screen.current_view
        assert isinstance(view, ConfidenceView)
        before = app.editor.data.key_results["kr-c1-1"].confidence
        assert before != 4
        view.table.move_cursor(row=view.table.get_row_index("kr-c1-1"))
        await pilot.press("enter")
        await pilot.pause()
        round_screen = app.screen
        assert isinstance(round_screen, ConfidenceRoundScreen)
        fields = list(round_screen.query(".round-vote").results(Input))
        assert [f.password for f in fields] == [True, True, True], "numbers stay hidden"
        await pilot.press("3", "enter", "8", "enter")
        await pilot.pause()
        assert "8" not in str(round_screen.query_one("#round-result").render())
        rounds = app.editor.data.confidence_rounds_of
        assert rounds(session.id) == [], "nothing stored before the reveal"
        await pilot.press("6", "enter")  # Enter on the last one reveals
        await pilot.pause()
        result = str(round_screen.query_one("#round-result").render())
        assert "Lowest 3 · highest 8 · spread 5 · median 6" in result
        assert "Wide spread (3 to 8): ask Bo what makes them sure, and Ana what worries" in result
        agreed = round_screen.query_one("#agreed", Input)
        assert agreed.value == "6" and agreed.has_focus
        agreed.value = "4"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.editor.data.key_results["kr-c1-1"].confidence == 4
        row = view.table.get_row("kr-c1-1")
        assert "3 votes · 3–8 ⚠ spread 5" in str(row[3])

        # Undo takes the agreement back, then the round itself; redo brings both back.
        data = app.editor.data
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert data.key_results["kr-c1-1"].confidence == before
        assert [r.agreed for r in rounds(session.id)] == [None]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert rounds(session.id) == []
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert data.key_results["kr-c1-1"].confidence == 4
        assert app.saver.flush()
    saved = reopen().load("demo-kestrel")
    (stored,) = saved.confidence_rounds_of(session.id)
    assert stored.votes == {"Ana": 3, "Bo": 8, "Cy": 6}


async def test_leaving_a_round_with_hidden_numbers_asks_first(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot)
        screen = await show(pilot, Place("confidence", on_session(screen).id, "commit"))
        view = screen.current_view
        assert isinstance(view, ConfidenceView)
        view.table.move_cursor(row=view.table.get_row_index("kr-c1-1"))
        await pilot.press("enter", "7", "escape")
        await pilot.pause()
        assert "Discard the 1 hidden number" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfidenceRoundScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen


async def test_capture_names_who_raised_it_and_lists_it_per_session(
    make_app, demo_workspace, clock
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot, attendees="Ana Lopez, Bo Berg")
        session = on_session(screen)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#capture", Input).value = "d We check in every Monday by:bo"
        await pilot.pause()
        preview = str(app.screen.query_one("#capture-preview").render())
        assert preview == "Decision: We check in every Monday · by Bo Berg"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#capture", Input).value = "a Book the room @ana due:2026-12-01"
        await pilot.press("enter")
        await pilot.pause()
        data = app.editor.data
        (decision,) = data.captures_of(session.id)
        assert (decision.author, decision.stage, decision.at) == ("Bo Berg", "opening", clock())
        action = next(a for a in data.actions.values() if a.text == "Book the room")
        assert (action.owner, action.session_id, action.author) == ("Ana Lopez", session.id, "Sam")

        await show(pilot, Place("captures", session.id, None))
        view = screen.current_view
        assert isinstance(view, CapturesView)
        table = view.query_one("#captured", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in (0, 1)]
        assert rows[0][:4] == [
            "Decision",
            "We check in every Monday",
            "Bo Berg",
            "Opening and context",
        ]
        assert rows[1][0] == "Action" and "Ana Lopez, due 2026-12-01" in rows[1][1]
        assert "Planning session › Captured" in str(screen.query_one("#stage-title").render())
        await pilot.press("delete")
        await pilot.pause()
        assert data.captures_of(session.id) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.text for c in data.captures_of(session.id)] == ["We check in every Monday"]


async def test_attendees_and_facilitator_can_change_during_the_session(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot)
        await pilot.press("i")
        form = await fill_form(pilot, facilitator="Dee", attendees="Ana, Bo, Cy, ana, Eve ")
        assert app.screen is not form
        session = on_session(screen)
        assert session.facilitator == "Dee"
        assert session.attendees == ["Ana", "Bo", "Cy", "Eve"], "each once, late arrival added"
        people = str(screen.query_one("#stage-people").render())
        assert people.startswith("Facilitator Dee · 4 attendees: Ana, Bo, Cy, Eve")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert on_session(screen).facilitator == "Sam"


AGENDA = """
name = "Short planning"
kind = "planning"

[[stages]]
title = "Warm-up"
minutes = 5

[[stages]]
title = "Vote on candidates"
minutes = 10
activity = "brainstorm"
"""


async def test_a_custom_agenda_is_picked_at_the_start(
    make_app, demo_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "short.toml").write_text(AGENDA, encoding="utf-8")
    (folder / "broken.toml").write_text("[[stages]]\ntitle = 'x'\n", encoding="utf-8")
    monkeypatch.setenv("OKRWORKSHOP_AGENDAS", str(folder))
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        sessions_before = len(app.editor.data.sessions)
        await pilot.press("n", "r")
        await pilot.pause()
        form = await fill_form(pilot, agenda_file=str(folder / "short.toml"))
        assert app.screen is form
        assert "Short planning is an agenda for planning sessions" in str(
            form.query_one("#form-error").render()
        )
        await pilot.press("escape")
        await pilot.press("n", "p")
        await pilot.pause()
        form = await fill_form(pilot, agenda=str(folder / "broken.toml"))
        assert app.screen is form
        error = str(form.query_one("#form-error").render())
        assert error.endswith(
            "broken.toml: stage 1 (x): needs minutes (its timebox, e.g. minutes = 10)"
        )
        assert len(app.editor.data.sessions) == sessions_before, "nothing was created"
        await fill_form(pilot, agenda=str(folder / "short.toml"))
        await settle(pilot)
        session = on_session(screen)
        assert [(s.title, s.planned_minutes, s.activity) for s in session.stages] == [
            ("Warm-up", 5, "overview"),
            ("Vote on candidates", 10, "brainstorm"),
        ]
        assert session.agenda == "Short planning" and session.title == "Planning session"


async def test_undo_and_redo_survive_a_restart_of_the_app(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot)
        session_id = on_session(screen).id
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#capture", Input).value = "p Pricing per clinic?"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

    again = make_app("demo-kestrel")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        data = again.editor.data
        assert [c.text for c in data.captures_of(session_id)] == ["Pricing per clinic?"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert data.captures_of(session_id) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session_id not in data.sessions, "the session's start is undone too"
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert [c.text for c in data.captures_of(session_id)] == ["Pricing per clinic?"]


async def test_the_commit_stage_starts_on_a_key_result_and_moves_on_after_each_round(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await planning(pilot, attendees="Ana, Bo")
        session = on_session(screen)
        screen = await show(pilot, Place("confidence", session.id, "commit"))
        view = screen.current_view
        assert isinstance(view, ConfidenceView)

        def selected() -> str:
            table = view.table
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

        first, second = view._key_result_ids()[:2]
        assert selected() == first, "Enter starts a round here, not the owner form"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfidenceRoundScreen)
        await pilot.press("4", "enter", "6", "enter")
        await pilot.pause()
        await pilot.press("enter")  # agree the median
        await pilot.pause()
        assert app.editor.data.key_results[first].confidence == 5
        assert selected() == second
