"""Stage timers: start, pause, extend, overrun, and the session's projected end (DESIGN §4).

The running state lives on the session (which stage runs, since when), so a timer survives a
restart of the app; time spent is added to ``Stage.actual_seconds`` whenever the timer pauses,
moves to another stage or is checkpointed. Every function takes ``now`` from the caller's
clock (a fake one in tests). Timers never move the session on: reaching zero only shows an
overrun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from okrworkshop.model import Change, Session, Stage, Update

Clock = Callable[[], datetime]
MAX_STAGE_SECONDS = 7 * 24 * 3600  # the model's limit on Stage.actual_seconds
EXTENSIONS = (1, 5)


def wall_time(moment: datetime) -> datetime:
    """A naive local time, so stored times with or without a zone compare safely."""
    if moment.tzinfo is not None:
        return moment.astimezone().replace(tzinfo=None)
    return moment


@dataclass(frozen=True)
class StageTime:
    """Where one stage's timebox stands at a moment."""

    key: str
    timebox_seconds: float
    elapsed_seconds: float
    running: bool

    @property
    def remaining_seconds(self) -> float:
        """Time left in the timebox; negative once it has run over."""
        return self.timebox_seconds - self.elapsed_seconds

    @property
    def overrun(self) -> bool:
        return self.elapsed_seconds > self.timebox_seconds


def running_seconds(session: Session, now: datetime) -> float:
    """Seconds since the running timer last started (0 when paused, never negative)."""
    if session.timer_started_at is None:
        return 0.0
    return max(0.0, (wall_time(now) - wall_time(session.timer_started_at)).total_seconds())


def stage_time(session: Session, stage: Stage, now: datetime) -> StageTime:
    """The stage's timebox (with extensions) and the time spent in it, running time included."""
    running = session.timer_stage == stage.key
    elapsed = stage.actual_seconds + (running_seconds(session, now) if running else 0.0)
    return StageTime(stage.key, session.timebox_minutes(stage) * 60.0, elapsed, running)


def timed_stage(session: Session) -> Stage | None:
    """The stage the timer belongs to: the running one, else the session's current one."""
    return session.stage(session.timer_stage or session.current_stage) or (
        session.stages[0] if session.stages else None
    )


def _recorded_stages(session: Session, now: datetime) -> list[dict[str, Any]]:
    """The stages with the running time added to the running stage."""
    extra = running_seconds(session, now)
    stages = []
    for stage in session.stages:
        data = stage.model_dump(mode="json")
        if stage.key == session.timer_stage:
            data["actual_seconds"] = min(MAX_STAGE_SECONDS, stage.actual_seconds + extra)
        stages.append(data)
    return stages


def _iso(moment: datetime) -> str:
    return wall_time(moment).replace(microsecond=0).isoformat()


def start(session: Session, now: datetime, stage_key: str | None = None) -> Change:
    """Start the timer on a stage (default: the current one); the first start opens the clock."""
    if session.closed:
        raise ValueError(f"{session.title} is closed; its timers no longer run")
    stage = session.stage(stage_key) if stage_key else timed_stage(session)
    if stage is None:
        raise ValueError(f"{session.title} has no agenda stages to time")
    changes: dict[str, Any] = {}
    if session.timer_stage is not None:
        changes["stages"] = _recorded_stages(session, now)
    changes.update(timer_stage=stage.key, timer_started_at=_iso(now), current_stage=stage.key)
    if session.started_at is None:
        changes["started_at"] = _iso(now)
    return Change(f"start the timer on {stage.title!r}", (Update("sessions", session.id, changes),))


def pause(session: Session, now: datetime) -> Change:
    """Stop the running timer and record the time spent; nothing to do when paused."""
    if session.timer_stage is None:
        return Change("pause the timer")
    return Change(
        "pause the timer",
        (
            Update(
                "sessions",
                session.id,
                {
                    "stages": _recorded_stages(session, now),
                    "timer_stage": None,
                    "timer_started_at": None,
                },
            ),
        ),
    )


def checkpoint(session: Session, now: datetime) -> Change:
    """Record the running time so far and keep running (before an export, say)."""
    if session.timer_stage is None:
        return Change("record the time")
    return Change(
        "record the time",
        (
            Update(
                "sessions",
                session.id,
                {"stages": _recorded_stages(session, now), "timer_started_at": _iso(now)},
            ),
        ),
    )


def move_to_stage(session: Session, stage_key: str, now: datetime) -> Change:
    """Make ``stage_key`` the current stage; a running timer moves along with the session."""
    if session.stage(stage_key) is None:
        raise ValueError(f"{session.title} has no stage {stage_key!r}")
    if session.timer_stage is None or session.timer_stage == stage_key:
        if session.current_stage == stage_key:
            return Change("move to stage")
        return Change(
            "move to stage", (Update("sessions", session.id, {"current_stage": stage_key}),)
        )
    return Change(
        "move to stage",
        (
            Update(
                "sessions",
                session.id,
                {
                    "stages": _recorded_stages(session, now),
                    "current_stage": stage_key,
                    "timer_stage": stage_key,
                    "timer_started_at": _iso(now),
                },
            ),
        ),
    )


def extend(session: Session, stage: Stage, minutes: int) -> Change:
    """Give a stage ``minutes`` more in its timebox (an undoable edit of the plan)."""
    extensions = dict(session.stage_extensions)
    extensions[stage.key] = extensions.get(stage.key, 0) + minutes
    return Change(
        f"give {stage.title!r} {minutes} more minute{'s' if minutes != 1 else ''}",
        (Update("sessions", session.id, {"stage_extensions": extensions}),),
    )


def close(session: Session, now: datetime) -> Change:
    """Close the session: stop its timer, record the time and when it ended."""
    changes: dict[str, Any] = {"closed": True, "ended_at": _iso(now)}
    if session.timer_stage is not None:
        changes.update(
            stages=_recorded_stages(session, now), timer_stage=None, timer_started_at=None
        )
    return Change(f"close {session.title!r}", (Update("sessions", session.id, changes),))


@dataclass(frozen=True)
class Projection:
    """When the session will end if the rest of the agenda keeps its timeboxes."""

    projected_end: datetime
    planned_end: datetime | None

    @property
    def late_seconds(self) -> float:
        """How far the projection runs past the plan (negative: early); 0 before the start."""
        if self.planned_end is None:
            return 0.0
        return (self.projected_end - self.planned_end).total_seconds()


def planned_minutes(session: Session) -> int:
    """The agenda's total timebox as planned (without extensions)."""
    return sum(stage.planned_minutes for stage in session.stages)


def projection(session: Session, now: datetime) -> Projection:
    """The projected end against the planned end, from the stage in hand onwards.

    Stages before the timed one count as done; the timed one and those after it take what is
    left of their timeboxes (nothing when they already ran over).
    """
    now = wall_time(now)
    current = timed_stage(session)
    keys = [stage.key for stage in session.stages]
    start_index = keys.index(current.key) if current is not None else len(keys)
    remaining = sum(
        max(0.0, stage_time(session, stage, now).remaining_seconds)
        for stage in session.stages[start_index:]
    )
    planned_end = (
        wall_time(session.started_at) + timedelta(minutes=planned_minutes(session))
        if session.started_at is not None
        else None
    )
    return Projection(now + timedelta(seconds=remaining), planned_end)


def clock_text(seconds: float) -> str:
    """``07:05`` or ``1:02:03``; the sign is the caller's business."""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
