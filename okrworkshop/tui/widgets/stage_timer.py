"""The countdown of the stage in hand and the session's projected end, redrawn every second.

It only shows time: reaching zero rings the terminal bell once and turns the countdown into an
overrun, but the session never moves on by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from facilitation import timer
from okrworkshop.model import Session

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

LATE_MARGIN_SECONDS = 60  # a projection within a minute of the plan counts as on time


class StageTimer(Static):
    """``▶ 07:23 left · ends 11:42 (planned 11:30)`` for one session."""

    app: OkrWorkshopApp

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session_id: str | None = None
        self.show_session = False
        # Remaining seconds at the last tick, per (session, stage, timebox): the bell rings
        # when it crosses zero, not when the app opens on a stage that already ran over.
        self._last_remaining: dict[tuple[str, str, float], float] = {}

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick, name="stage timer")

    def follow(self, session: Session | None, *, show_session: bool = False) -> None:
        """Show this session's timer (None hides it); ``show_session`` names the session."""
        self.session_id = session.id if session is not None else None
        self.show_session = show_session
        self.tick()

    def _session(self) -> Session | None:
        editor = self.app.editor
        if editor is None or self.session_id is None:
            return None
        return editor.data.sessions.get(self.session_id)

    def tick(self) -> None:
        """Redraw from the clock; ring the bell when the running stage reaches zero."""
        session = self._session()
        stage = timer.timed_stage(session) if session is not None else None
        if session is None or stage is None or session.closed:
            self.display = False
            return
        self.display = True
        now = self.app.now()
        state = timer.stage_time(session, stage, now)
        key = (session.id, stage.key, state.timebox_seconds)
        before = self._last_remaining.get(key)
        self._last_remaining[key] = state.remaining_seconds
        if state.running and before is not None and before > 0 >= state.remaining_seconds:
            self.app.bell()
        self.set_class(state.running, "-running")
        self.set_class(state.overrun, "-overrun")
        self.update(self._render_text(session, stage.title, state, timer.projection(session, now)))

    def _render_text(
        self,
        session: Session,
        stage_title: str,
        state: timer.StageTime,
        projection: timer.Projection,
    ) -> Text:
        text = Text()
        if self.show_session:
            text.append(f"{session.title} · {stage_title}  ", style="dim")
        icon = "▶" if state.running else "‖"
        timebox = round(state.timebox_seconds / 60)
        if state.overrun:
            text.append(f"⚠ {timer.clock_text(-state.remaining_seconds)} over", style="bold")
            text.append(f" its {timebox} min", style="dim")
        else:
            text.append(f"{icon} {timer.clock_text(state.remaining_seconds)} left", style="bold")
            text.append(f" of {timebox} min", style="dim")
        if not state.running:
            text.append(" · s starts" if not state.elapsed_seconds else " · paused", style="dim")
        text.append(f" · ends ~{projection.projected_end:%H:%M}")
        if projection.planned_end is not None:
            late = projection.late_seconds
            text.append(f" (plan {projection.planned_end:%H:%M}", style="dim")
            if late > LATE_MARGIN_SECONDS:
                text.append(f", {round(late / 60)} min late", style="bold")
            elif late < -LATE_MARGIN_SECONDS:
                text.append(f", {round(-late / 60)} min early", style="dim")
            text.append(")", style="dim")
        else:
            text.append(f" ({timer.planned_minutes(session)} min planned)", style="dim")
        self.set_class(projection.late_seconds > LATE_MARGIN_SECONDS, "-late")
        return text
