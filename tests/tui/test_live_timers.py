"""Stage timers in the app, on a fake clock: start, pause, extend, overrun, bell, projection."""

from __future__ import annotations

from typing import Any

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.widgets.agenda import AgendaTree, Place
from okrworkshop.tui.widgets.stage_timer import StageTimer
from tests.conftest import FakeClock
from tests.tui.helpers import fill_form, show


async def start_planning(pilot: Any) -> CycleScreen:
    screen = await show(pilot, Place("objectives"))
    await pilot.press("n", "p")
    await fill_form(pilot, facilitator="Sam", attendees="Ana, Bo, Cy")
    await pilot.pause()
    assert screen.place.stage_key == "opening"
    return screen


def timer_text(screen: CycleScreen) -> str:
    widget = screen.query_one(StageTimer)
    widget.tick()  # what the one-second interval does
    return str(widget.render())


def session_of(app: Any) -> Any:
    return next(
        s
        for s in app.editor.data.sessions.values()
        if s.title == "Planning session" and s.facilitator == "Sam"
    )


async def test_start_count_down_pause_and_keep_the_time(make_app, demo_workspace, clock: FakeClock):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_planning(pilot)
        assert "10:00 left of 10 min · s starts" in timer_text(screen)
        await pilot.press("s")
        await pilot.pause()
        clock.advance(minutes=3, seconds=20)
        text = timer_text(screen)
        assert text.startswith("▶ 06:40 left of 10 min")
        assert "ends ~12:00 (plan 12:00)" in text
        await pilot.press("s")
        await pilot.pause()
        session = session_of(app)
        assert session.stage("opening").actual_seconds == 200
        clock.advance(minutes=5)  # paused: the stage keeps its time, the end slips
        text = timer_text(screen)
        assert "06:40 left of 10 min · paused" in text
        assert "ends ~12:05 (plan 12:00, 5 min late)" in text


async def test_zero_rings_the_bell_once_and_never_moves_on(
    make_app, demo_workspace, clock: FakeClock
):
    app = make_app("demo-kestrel")
    rings: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: rings.append(1)
        screen = await start_planning(pilot)
        await pilot.press("s")
        await pilot.pause()
        clock.advance(minutes=9, seconds=59)
        timer_text(screen)
        assert rings == []
        clock.advance(seconds=2)
        text = timer_text(screen)
        assert text.startswith("⚠ 00:01 over its 10 min")
        assert screen.query_one(StageTimer).has_class("-overrun")
        clock.advance(minutes=1)
        timer_text(screen)
        assert rings == [1], "one bell at zero, not one per second after it"
        assert screen.place.stage_key == "opening", "the timer never moves the session on"

        # +5 gives the stage time again; the bell rings again at the new zero.
        await pilot.press("M")
        await pilot.pause()
        assert "03:59 left of 15 min" in timer_text(screen)
        clock.advance(minutes=4)
        timer_text(screen)
        assert rings == [1, 1]


async def test_extension_is_undoable_without_losing_time(
    make_app, demo_workspace, clock: FakeClock
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_planning(pilot)
        await pilot.press("s", "m", "M")
        await pilot.pause()
        assert "of 16 min" in timer_text(screen)
        clock.advance(minutes=2)
        await pilot.press("s")  # pause: two minutes recorded
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "of 11 min" in timer_text(screen)
        assert session_of(app).stage("opening").actual_seconds == 120


async def test_moving_on_takes_the_timer_along_and_the_sidebar_shows_it(
    make_app, demo_workspace, clock: FakeClock
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_planning(pilot)
        await pilot.press("s")
        clock.advance(minutes=12)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        session = session_of(app)
        assert session.stage("opening").actual_seconds == 720
        assert session.timer_stage == "brainstorm"
        assert timer_text(screen).startswith("▶ 15:00 left of 15 min")
        agenda = screen.query_one(AgendaTree)
        labels = [str(node.label) for node in agenda.root.children[-1].children]
        assert labels[0].startswith("  Opening and context 12/10m")
        assert labels[1].startswith("▶ Brainstorm")

        # On a cycle page the running session's timer stays in view.
        await show(pilot, Place("objectives"))
        clock.advance(minutes=1)
        text = timer_text(screen)
        assert text.startswith("Planning session · Brainstorm objective candidates  ▶ 14:00 left")

        # Exporting records the running stage's time first, so the minutes hold it; it runs on.
        await pilot.press("e")
        await pilot.pause()
        session = session_of(app)
        assert session.stage("brainstorm").actual_seconds == 60
        assert session.timer_stage == "brainstorm"
        await pilot.press("escape")


async def test_quitting_keeps_the_time_spent_and_stops_the_timer(
    make_app, demo_workspace, reopen, clock: FakeClock
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_planning(pilot)
        await pilot.press("s")
        clock.advance(minutes=4)
        session_id = session_of(app).id
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = reopen().load("demo-kestrel").sessions[session_id]
    assert saved.timer_stage is None
    assert saved.stage("opening").actual_seconds == 240
    assert saved.started_at is not None


async def test_closing_the_session_records_its_time(
    make_app, demo_workspace, reopen, clock: FakeClock
):
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_planning(pilot)
        await show(pilot, Place("wrap-up", session_of(app).id, "wrap-up"))
        await pilot.press("s")
        clock.advance(minutes=6)
        screen.current_view.refresh_view()
        header = str(screen.query_one("#wrap-session").render())
        assert "planned 120 min · actual 6 min" in header, "the running stage counts"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        session = session_of(app)
        assert session.closed and session.timer_stage is None
        assert session.stage("wrap-up").actual_seconds == 360
        assert session.ended_at == clock()
        assert not screen.query_one(StageTimer).display
        await pilot.press("s")
        await pilot.pause()
        assert session_of(app).timer_stage is None, "a closed session's timer stays off"
