"""Brainstorm and dot vote with the keyboard: fast entry, merge, private votes, reveal, promote."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from okrworkshop.tui.screens.choose import ChooseScreen
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.views.brainstorm import BrainstormView
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import fill_form, okr_table, on_session, settle, show


async def brainstorm_stage(pilot: Any) -> tuple[CycleScreen, BrainstormView]:
    screen = await show(pilot, Place("objectives"))
    await pilot.press("n", "p")
    await fill_form(pilot, facilitator="Sam", attendees="Ana Lopez, Bo, Cy")
    await pilot.press("right_square_bracket")
    await pilot.pause()
    assert screen.place.activity == "brainstorm"
    await show(pilot, screen.place)
    view = screen.current_view
    assert isinstance(view, BrainstormView)
    return screen, view


async def type_candidates(pilot: Any, view: BrainstormView, *lines: str) -> None:
    await pilot.press("a")
    entry = view.query_one("#candidate-entry", Input)
    assert entry.has_focus
    for line in lines:
        entry.value = line
        await pilot.press("enter")
        await pilot.pause()
        assert entry.value == "" and entry.has_focus, "ready for the next one"
    await pilot.press("escape")
    await pilot.pause()


def row_of(view: BrainstormView, text: str) -> int:
    candidate = next(c for c in view.data.candidates.values() if c.text == text)
    return view.table.get_row_index(candidate.id)


def status(view: BrainstormView) -> str:
    return str(view.query_one("#brainstorm-status").render())


async def test_enter_merge_vote_reveal_and_promote(make_app, demo_workspace, reopen) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, view = await brainstorm_stage(pilot)
        await type_candidates(
            pilot,
            view,
            "Clinics recommend us",
            "Patients book without calling by:ana",
            "Clinics refer clinics",
            "Fewer no-shows",
        )
        data = app.editor.data
        session = on_session(screen)
        assert [c.text for c in data.candidates_of(session.id)] == [
            "Clinics recommend us",
            "Patients book without calling",
            "Clinics refer clinics",
            "Fewer no-shows",
        ]
        assert data.candidates_of(session.id)[1].author == "Ana Lopez"
        assert view.table.has_focus

        # Merge the duplicate: g, type to find the target, Enter.
        view.table.move_cursor(row=row_of(view, "Clinics refer clinics"))
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press(*"recommend", "enter")
        await pilot.pause()
        duplicate = next(c for c in data.candidates.values() if c.text == "Clinics refer clinics")
        assert duplicate.merged_into is not None

        # Ana votes: three dots on one is the most; her totals are hidden from the room.
        assert "Voting:  Ana Lopez  5 of 5 dots left" in status(view)
        view.table.move_cursor(row=row_of(view, "Clinics recommend us"))
        await pilot.press("plus", "plus", "plus", "plus")
        await pilot.pause()
        recommend = next(c for c in data.candidates.values() if c.text == "Clinics recommend us")
        assert recommend.votes == {"Ana Lopez": 3}
        view.table.move_cursor(row=row_of(view, "Fewer no-shows"))
        await pilot.press("plus", "plus", "plus")
        await pilot.pause()
        assert "0 of 5 dots left" in status(view)
        placed = sum(c.total_votes for c in data.candidates_of(session.id))
        assert placed == 5, "the 6th was refused"

        # Bo's turn: v, then his dots; before the reveal the table shows only his.
        await pilot.press("v")
        await pilot.pause()
        assert "Voting:  Bo  5 of 5 dots left" in status(view)
        dots = view.table.get_row(recommend.id)[2]
        assert str(dots).strip() == "·", "Ana's dots are not shown while Bo votes"
        view.table.move_cursor(row=row_of(view, "Patients book without calling"))
        await pilot.press("plus", "plus")
        await pilot.pause()

        # Reveal: totals for all, most dots first, the leaders marked.
        await pilot.press("r")
        await pilot.pause()
        assert "totals shown" in status(view)
        first = view.table.get_row_at(0)
        assert str(first[1]) == "Clinics recommend us" and "3" in str(first[2])
        assert "leading" in str(first[4])

        # Promote the leader to a draft objective (w); one undo step takes it back.
        objectives_before = len(data.objectives)
        await pilot.press("w")
        await fill_form(pilot, count="1", level="company")
        added = [o for o in data.objectives.values() if o.title == "Clinics recommend us"]
        assert len(data.objectives) == objectives_before + 1 and len(added) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(data.objectives) == objectives_before
        await pilot.press("ctrl+y")
        await pilot.pause()
        # The session-wide timer keys still work in this view.
        await pilot.press("m")
        await pilot.pause()
        assert app.editor.data.sessions[session.id].stage_extensions == {"brainstorm": 1}
        # Drafting opens on the new draft, at the foot of the table, not on the first row.
        await pilot.press("right_square_bracket")
        await settle(pilot)
        table = okr_table(app.screen)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == added[0].id
        assert app.saver.flush()
    saved = reopen().load("demo-kestrel")
    assert any(o.title == "Clinics recommend us" for o in saved.objectives.values())
    saved_recommend = next(c for c in saved.candidates.values() if c.text == "Clinics recommend us")
    assert saved_recommend.votes == {"Ana Lopez": 3}
    assert saved_recommend.promoted_to in saved.objectives


async def test_voting_needs_attendees_and_budget_changes_are_checked(
    make_app, demo_workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, view = await brainstorm_stage(pilot)
        await type_candidates(pilot, view, "Fewer no-shows")
        await pilot.press("plus", "plus", "plus")
        await pilot.press("b")
        form = await fill_form(pilot, budget="5", per_item="2")
        assert app.screen is form
        assert "Ana Lopez has 3 dots on one item" in str(form.query_one("#form-error").render())
        await fill_form(pilot, budget="8", per_item="4")
        assert "8 dots each, at most 4 on one" in status(view)

        # Without attendees there is nobody to vote as: the status says what to do.
        await pilot.press("i")
        await fill_form(pilot, attendees="")
        assert "Add the attendees with i so each can vote." in status(view)
        assert on_session(screen).attendees == []


async def test_a_from_the_sidebar_opens_the_candidate_line_for_typing(
    make_app, demo_workspace
) -> None:
    # The view's keys work while the sidebar has the keyboard; the line must keep it, or the
    # candidate typed next runs as commands (an "i" in it opened the session's people).
    from okrworkshop.tui.views.brainstorm import CandidateEntry
    from okrworkshop.tui.widgets.agenda import AgendaTree

    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await show(pilot, Place("brainstorm", "ses-planning", "brainstorm"))
        screen.query_one(AgendaTree).focus()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.focused, CandidateEntry)
