"""Stage timers on a fake clock: start, pause, extend, overrun, moving stages, projected end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from facilitation import timer
from facilitation.agendas import new_session
from okrworkshop.model import Change, Cycle, CycleData, Put, Session
from tests.conftest import FakeClock

T0 = datetime(2026, 11, 24, 10, 0, 0)


@pytest.fixture
def data() -> CycleData:
    cycle = CycleData(Cycle(id="c1", name="Acme 2027-Q1"))
    session = new_session("planning", session_id="s1", facilitator="Sam")
    cycle.apply(Change("start", (Put("sessions", session.model_dump(mode="json")),)))
    return cycle


def session(data: CycleData) -> Session:
    return data.sessions["s1"]


def stage_seconds(data: CycleData, key: str) -> float:
    stage = session(data).stage(key)
    assert stage is not None
    return stage.actual_seconds


def test_a_running_timer_counts_down_and_pausing_records_the_time(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    assert session(data).started_at == T0
    clock.advance(minutes=4, seconds=30)
    opening = session(data).stage("opening")
    assert opening is not None
    now = timer.stage_time(session(data), opening, clock())
    assert now.running and now.elapsed_seconds == 270
    assert now.remaining_seconds == 10 * 60 - 270
    data.apply(timer.pause(session(data), clock()))
    assert stage_seconds(data, "opening") == 270
    clock.advance(minutes=30)  # a paused timer does not count
    again = timer.stage_time(session(data), session(data).stage("opening"), clock())  # type: ignore[arg-type]
    assert not again.running and again.elapsed_seconds == 270


def test_overrun_shows_after_the_timebox_and_the_stage_never_advances(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=12)
    opening = session(data).stage("opening")
    assert opening is not None
    state = timer.stage_time(session(data), opening, clock())
    assert state.overrun and state.remaining_seconds == -120
    assert session(data).current_stage == "opening"
    assert timer.clock_text(state.remaining_seconds) == "02:00"


def test_extending_adds_to_the_timebox_and_undo_keeps_recorded_time(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    opening = session(data).stage("opening")
    assert opening is not None
    data.apply(timer.extend(session(data), opening, 5))
    undo_plus_one = data.apply(timer.extend(session(data), opening, 1))
    assert session(data).timebox_minutes(opening) == 16
    clock.advance(minutes=3)
    data.apply(timer.pause(session(data), clock()))
    # Undoing the +1 restores the extension only, not the time recorded since.
    data.apply(undo_plus_one)
    assert session(data).timebox_minutes(opening) == 15
    assert stage_seconds(data, "opening") == 180


def test_moving_to_the_next_stage_takes_the_running_timer_along(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=11)
    data.apply(timer.move_to_stage(session(data), "brainstorm", clock()))
    assert stage_seconds(data, "opening") == 660
    assert session(data).timer_stage == "brainstorm"
    clock.advance(minutes=2)
    brainstorm = session(data).stage("brainstorm")
    assert brainstorm is not None
    assert timer.stage_time(session(data), brainstorm, clock()).elapsed_seconds == 120


def test_moving_while_paused_leaves_the_timer_paused(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.move_to_stage(session(data), "draft", clock()))
    assert session(data).current_stage == "draft"
    assert session(data).timer_stage is None
    with pytest.raises(ValueError, match="no stage 'nope'"):
        timer.move_to_stage(session(data), "nope", clock())


def test_projected_end_against_the_planned_end(data: CycleData) -> None:
    clock = FakeClock()
    before = timer.projection(session(data), clock())
    assert before.planned_end is None
    assert before.projected_end == T0 + timedelta(minutes=120)
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=18)  # the 10-minute opening runs 8 minutes over
    projection = timer.projection(session(data), clock())
    assert projection.planned_end == T0 + timedelta(minutes=120)
    assert projection.projected_end == T0 + timedelta(minutes=128)
    assert projection.late_seconds == 8 * 60
    # Catching up: the brainstorm takes 5 of its 15 minutes, the end comes back in.
    data.apply(timer.move_to_stage(session(data), "brainstorm", clock()))
    clock.advance(minutes=5)
    data.apply(timer.move_to_stage(session(data), "draft", clock()))
    assert timer.projection(session(data), clock()).late_seconds == -2 * 60


def test_a_paused_session_slips_while_the_room_waits(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=5)
    data.apply(timer.pause(session(data), clock()))
    clock.advance(minutes=10)  # a coffee break
    assert timer.projection(session(data), clock()).late_seconds == 10 * 60


def test_closing_records_the_running_time_and_stops_the_clock(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=7)
    data.apply(timer.close(session(data), clock()))
    closed = session(data)
    assert closed.closed and closed.timer_stage is None and closed.ended_at == clock()
    assert stage_seconds(data, "opening") == 420
    with pytest.raises(ValueError, match="is closed"):
        timer.start(closed, clock())


def test_checkpoint_records_and_keeps_running(data: CycleData) -> None:
    clock = FakeClock()
    data.apply(timer.start(session(data), clock()))
    clock.advance(minutes=3)
    data.apply(timer.checkpoint(session(data), clock()))
    assert stage_seconds(data, "opening") == 180
    clock.advance(minutes=1)
    opening = session(data).stage("opening")
    assert opening is not None
    assert timer.stage_time(session(data), opening, clock()).elapsed_seconds == 240


def test_stored_times_with_a_zone_compare_with_local_times(data: CycleData) -> None:
    aware = T0.astimezone(UTC)
    running = session(data).model_copy(update={"timer_stage": "opening", "timer_started_at": aware})
    assert timer.running_seconds(running, T0 + timedelta(seconds=30)) == 30


def test_a_session_refuses_a_half_set_timer() -> None:
    with pytest.raises(ValueError, match="go together"):
        Session(id="s", kind="planning", title="x", timer_stage="opening")
