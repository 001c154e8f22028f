"""The cycle screen: the agenda in the sidebar, the stage's view in the main area."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Tree

from facilitation import timer
from facilitation.coach import (
    CoachCancelled,
    CoachReport,
    CoachSettings,
    Finding,
    coach_report,
    findings_by_target,
)
from okrworkshop.editing import CycleEditor
from okrworkshop.model import Change, CycleData, Dismissal, Session, Stage, Update
from okrworkshop.tui.messages import CycleChanged
from okrworkshop.tui.views.base import View
from okrworkshop.tui.widgets.agenda import (
    CYCLE_PAGES,
    SESSION_ACTIVITIES,
    SESSION_PAGES,
    AgendaTree,
    Place,
)
from okrworkshop.tui.widgets.key_bar import KeyBar
from okrworkshop.tui.widgets.stage_header import StageHeader

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

# activity -> id of the view that shows it
ACTIVITY_VIEWS = {
    "overview": "view-overview",
    "brainstorm": "view-brainstorm",
    "confidence": "view-confidence",
    "captures": "view-captures",
    "objectives": "view-objectives",
    "align": "view-cascade",
    "commit": "view-commit",
    "check-in": "view-check-in",
    "score": "view-score",
    "carry-over": "view-carry-over",
    "reflect": "view-reflect",
    "actions": "view-actions",
    "wrap-up": "view-wrap-up",
    "quarters": "view-quarters",
}
PAGE_TITLES = {activity: label for label, activity in (*CYCLE_PAGES, *SESSION_PAGES)}


class CycleScreen(Screen[None]):
    """One cycle: its pages, its sessions and their stages."""

    CSS_PATH = ["cycle.tcss", "cascade.tcss"]
    # Objectives and key results from which the coach runs in a thread after each change.
    BACKGROUND_COACH_SIZE = 600
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "home", "Cycles", tooltip="Back to the list of cycles"),
        Binding(
            "n", "new_session", "Session", tooltip="Start a planning, check-in or retro session"
        ),
        Binding(
            "right_square_bracket",
            "stage(1)",
            "Next",
            key_display="]",
            tooltip="Next stage of the session",
        ),
        Binding(
            "left_square_bracket",
            "stage(-1)",
            "Prev stage",
            key_display="[",
            show=False,
            tooltip="Previous stage of the session",
        ),
        Binding(
            "c",
            "capture",
            "Capture",
            tooltip="Capture a decision, action, parking-lot or not-doing item",
        ),
        Binding(
            "e",
            "export",
            "Export",
            tooltip="Export Markdown, HTML, JSON, CSV or your own template to a file",
        ),
        Binding(
            "s",
            "timer",
            "Timer",
            tooltip="Start or pause the stage timer (it never moves the session on by itself)",
        ),
        Binding("m", "extend(1)", "+1 min", show=False, tooltip="Give the stage one more minute"),
        Binding("M", "extend(5)", "+5 min", show=False, tooltip="Give the stage five more minutes"),
        Binding(
            "i",
            "session_details",
            "People",
            show=False,
            tooltip="The session's title, facilitator and attendees",
        ),
        Binding(
            "h",
            "toggle_prompts",
            "Prompts",
            show=False,
            tooltip="Show or hide the facilitator prompts",
        ),
        Binding("question_mark", "app.help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "tab",
            "app.focus_next",
            "Focus",
            show=False,
            tooltip="Move between the sidebar and the main area",
        ),
    ]

    app: OkrWorkshopApp

    def __init__(self, editor: CycleEditor) -> None:
        super().__init__()
        self.editor = editor
        self.place = Place("objectives")
        self.prompts_visible = True
        self.findings: list[Finding] = []
        self._coach_after_first_view = False
        self.findings_by_target: dict[str, list[Finding]] = {}
        self.dismissed_by_target: dict[str, list[tuple[Finding, Dismissal]]] = {}
        self._select_after: str | None = None
        self._select_on_show: dict[str, str] = {}
        self._focus_pending = False
        self._ready_views: set[str] = set()
        self._refresh_pending = False
        self._coach_queued = False  # a large cycle's coach waits for the redraw of a change
        self._capture_authors: dict[str, str] = {}

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="cycle-body"):
            yield AgendaTree(id="agenda")
            with Vertical(id="main"):
                yield StageHeader(id="stage-header")
                # Views are mounted the first time they are shown (see ``_view``).
                yield ContentSwitcher(id="views")
        yield KeyBar()

    def on_mount(self) -> None:
        self.editor.subscribe(self._post_change)
        self.title = "okrworkshop"
        self.sub_title = self._sub_title()
        self.place = self._starting_place()
        if self._coach_in_thread():
            self._coach_after_first_view = True  # the cycle on screen first, then the coach
        else:
            self._recompute()
        self._show_place(focus_main=True)

    async def on_key(self, event: events.Key) -> None:
        """A view's keys work even while the focus is elsewhere (the sidebar, a redraw)."""
        view = self.current_view if self._ready_views else None
        if view is None or (self.focused is not None and view in self.focused.ancestors):
            return
        # The view's own keys and those of the classes it builds on.
        bindings = [b for cls in type(view).__mro__ for b in cls.__dict__.get("BINDINGS", [])]
        for binding in bindings:
            if not isinstance(binding, Binding) or event.key not in binding.key.split(","):
                continue
            name = binding.action.partition("(")[0]
            if view.check_action(name, ()) is False:
                continue
            event.stop()
            # The keyboard goes to the view first, so an action that moves it on (a to a
            # card or candidate line) keeps it there: typing must not run as commands.
            view.focus_main()
            await view.run_action(binding.action)
            return

    def on_screen_resume(self) -> None:
        # Back from a form or dialog: the keys go to the main area again.
        if self.is_mounted and self._ready_views:
            self.call_after_refresh(self.current_view.focus_main)

    def on_unmount(self) -> None:
        self.editor.unsubscribe(self._post_change)

    def _post_change(self, change: Change) -> None:
        # Edits arrive while a form is on top; the message comes here, not to the form.
        self.post_message(CycleChanged(change))

    def _sub_title(self) -> str:
        """The cycle's name, marked when it can no longer be saved (deleted elsewhere)."""
        name = self.editor.data.cycle.name
        return f"{name} — deleted elsewhere: read-only" if self.editor.read_only else name

    def _starting_place(self) -> Place:
        """An open session's current stage, else the objectives page (a large cycle's cascade)."""
        for session in reversed(self.editor.data.ordered("sessions")):
            if not session.closed and session.current_stage:
                stage = self._stage(session, session.current_stage)
                if stage is not None:
                    return Place(stage.activity or "overview", session.id, stage.key)
        if self._coach_in_thread():
            # A large organisation's cycle opens on its cascade, company and departments
            # first; the table of every objective and key result is one key away.
            return Place("align")
        return Place("objectives")

    # ------------------------------------------------------------ state

    @property
    def current_session(self) -> Session | None:
        if self.place.session_id is None:
            return None
        return self.editor.data.sessions.get(self.place.session_id)

    def live_session(self) -> Session | None:
        """The session on show, else the one whose timer runs (so it stays in view)."""
        session = self.current_session
        if session is not None:
            return session
        running = [
            s for s in self.editor.data.ordered("sessions") if s.timer_stage and not s.closed
        ]
        return running[-1] if running else None

    @property
    def current_view(self) -> View:
        switcher = self.query_one("#views", ContentSwitcher)
        return switcher.query_one(f"#{switcher.current}", View)

    def _view(self, activity: str) -> str:
        """The id of the view for an activity, mounting it on first use."""
        view_id = ACTIVITY_VIEWS.get(activity, "view-overview")
        switcher = self.query_one("#views", ContentSwitcher)
        if not switcher.query(f"#{view_id}"):
            switcher.mount(_make_view(view_id))
        return view_id

    @staticmethod
    def _stage(session: Session, key: str | None) -> Stage | None:
        return next((s for s in session.stages if s.key == key), None)

    def _recompute(self) -> None:
        """Run the coach over the cycle: at once for a room's cycle, in a thread for a large one.

        A large organisation's cycle (thousands of key results) takes the coach a noticeable
        moment; the screen then draws with the findings it has and updates when they land.
        """
        data = self.editor.data
        settings = CoachSettings(today=self.app.today())
        if self._coach_in_thread():
            self._coach_in_background(data.snapshot(), settings)
        else:
            self._take_report(coach_report(data, settings))

    def _coach_in_thread(self) -> bool:
        data = self.editor.data
        return len(data.objectives) + len(data.key_results) >= self.BACKGROUND_COACH_SIZE

    @work(thread=True, exclusive=True, group="coach")
    def _coach_in_background(self, data: CycleData, settings: CoachSettings) -> None:
        current = self.editor.data  # changed on the UI thread; its revision is read here
        try:
            # A newer change makes this run useless: it stops at the next rule rather than
            # taking the processor from the redraw of that change.
            report = coach_report(
                data, settings, cancelled=lambda: current.revision != data.revision
            )
        except CoachCancelled:
            return
        self.app.call_from_thread(self._coach_done, report, data.revision)

    def _coach_done(self, report: CoachReport, revision: int) -> None:
        if revision != self.editor.data.revision or not self.is_mounted:
            return  # the cycle changed meanwhile: a newer run is on its way
        self._take_report(report)
        self._refresh_current()

    def _take_report(self, report: CoachReport) -> None:
        self.findings = report.open
        self.findings_by_target = findings_by_target(self.findings)
        self.dismissed_by_target = {}
        for finding, dismissal in report.dismissed:
            self.dismissed_by_target.setdefault(finding.target_id, []).append((finding, dismissal))

    def go(self, place: Place, *, focus: bool = True) -> None:
        """Show a page or a session's stage."""
        self.place = place
        self._show_place(focus_main=focus)

    def select_later(self, record_id: str) -> None:
        """Move the table cursor to this record after the next redraw."""
        self._select_after = record_id

    def select_when_shown(self, activity: str, record_id: str) -> None:
        """Move the table cursor to this record when a page or stage of ``activity`` shows."""
        self._select_on_show[activity] = record_id

    # ------------------------------------------------------------ drawing

    def _show_place(self, *, focus_main: bool = False) -> None:
        place = self.place
        session = self.current_session
        stage = self._stage(session, place.stage_key) if session else None
        if session is not None and stage is None and place.activity not in SESSION_ACTIVITIES:
            stage = self._stage(session, session.current_stage) or (
                session.stages[0] if session.stages else None
            )
            place = self.place = Place(
                stage.activity if stage else "overview", session.id, stage.key if stage else None
            )
        view_id = self._view(place.activity)
        switcher = self.query_one("#views", ContentSwitcher)
        leaving = switcher.current != view_id
        if leaving and self.focused is not None and switcher in self.focused.ancestors:
            # Hiding the view that has the keyboard would hand it to the next input in line
            # (a hidden entry line): keys typed before the new view was drawn went there.
            self.set_focus(None)
        switcher.current = view_id
        title = stage.title if stage else PAGE_TITLES.get(place.activity, place.activity)
        self.query_one(StageHeader).show(
            title, session, stage, self.prompts_visible, live=self.live_session()
        )
        self.query_one(AgendaTree).rebuild(self.editor.data, place)
        waiting = self._select_on_show.pop(place.activity, None)
        if waiting is not None:
            self._select_after = waiting
        self._refresh_current()
        self._focus_pending = self._focus_pending or focus_main
        if self._focus_pending and view_id in self._ready_views:
            self._focus_pending = False
            self.call_after_refresh(self.current_view.focus_main)

    @property
    def current_view_ready(self) -> bool:
        """Whether the view on show has mounted and drawn the cycle."""
        switcher = self.query_one("#views", ContentSwitcher)
        return switcher.current in self._ready_views

    def is_ready(self, view: View) -> bool:
        """Whether ``view`` has mounted and drawn the cycle once."""
        return str(view.id) in self._ready_views

    def view_ready(self, view: View) -> None:
        """A view finished mounting: draw it if it is the one on show."""
        self._ready_views.add(str(view.id))
        if self._coach_after_first_view:
            self._coach_after_first_view = False
            self.call_after_refresh(self._recompute)
        self.app.after_first_screen()
        if view is self.current_view:
            self._refresh_current()
            if self._focus_pending:
                self._focus_pending = False
                view.focus_main()

    def _refresh_current(self) -> None:
        view = self.current_view
        if view.id not in self._ready_views:
            return  # it draws itself once mounted (view_ready)
        view.refresh_view()
        if self._select_after is not None:
            from okrworkshop.tui.views.base import restore_cursor

            for table in view.query("DataTable"):
                restore_cursor(table, self._select_after)  # type: ignore[arg-type]
                break
            self._select_after = None

    @on(CycleChanged)
    def _cycle_changed(self, message: CycleChanged) -> None:
        background = self._coach_in_thread()
        if not background:
            self._recompute()
        self.sub_title = self._sub_title()
        session = self.current_session
        if self.place.session_id is not None and session is None:
            self.place = Place("objectives")  # the session was undone away
        self._show_place()
        if background and not self._coach_queued:
            # The change on screen first, then the coach: started at once, its thread took
            # the processor from the redraw, and a large cascade stood still for half a second.
            self._coach_queued = True
            self.call_after_refresh(self._recompute_queued)

    def _recompute_queued(self) -> None:
        self._coach_queued = False
        if self.is_attached and self.app.editor is self.editor:
            self._recompute()  # (not for a cycle closed meanwhile)

    # ------------------------------------------------------------ navigation

    @on(Tree.NodeSelected, "#agenda")
    def _selected(self, event: Tree.NodeSelected[Place]) -> None:
        place = event.node.data
        if place is None:
            return
        self.place = place
        self._persist_stage()
        self._show_place(focus_main=place.stage_key is not None or place.session_id is None)

    def _persist_stage(self) -> None:
        """Remember the session's current stage; a running timer moves along (not an undo step)."""
        session = self.current_session
        if session is None or self.place.stage_key is None:
            return
        self.app.apply(
            timer.move_to_stage(session, self.place.stage_key, self.app.now()), undoable=False
        )

    def action_stage(self, step: int) -> None:
        session = self.current_session
        if session is None or not session.stages:
            self.app.notify("Pick a session in the sidebar, or start one with n.", timeout=4)
            return
        keys = [s.key for s in session.stages]
        current = self.place.stage_key or session.current_stage or keys[0]
        index = keys.index(current) + step if current in keys else 0
        if index >= len(keys):
            self._offer_close(session)
            return
        index = max(0, index)
        stage = session.stages[index]
        self.place = Place(stage.activity or "overview", session.id, stage.key)
        self._persist_stage()
        self._show_place(focus_main=True)

    def _offer_close(self, session: Session) -> None:
        if session.closed:
            self.app.notify("This was the last stage; the session is closed.", timeout=4)
            return
        from okrworkshop.tui.screens.confirm import ConfirmScreen

        def answer(close: bool | None) -> None:
            if close:
                fresh = self.editor.data.sessions.get(session.id)
                if fresh is None:
                    return
                change = timer.close(fresh, self.app.now())
                cycle = self.editor.data.cycle
                if session.kind == "planning" and cycle.planning_closed_on is None:
                    # From now on a changed target is history, kept with its reason.
                    closed_on = self.app.today().isoformat()
                    change = Change(
                        change.label,
                        (
                            *change.ops,
                            Update("cycles", cycle.id, {"planning_closed_on": closed_on}),
                        ),
                    )
                if self.app.apply(change):
                    return
                self.app.notify(f"{session.title} closed. Press e to export the minutes.")

        self.app.push_screen(
            ConfirmScreen(
                f"That was the last stage. Close “{session.title}”?", yes="Close", danger=False
            ),
            answer,
        )

    def action_home(self) -> None:
        self.app.close_cycle()

    # ------------------------------------------------------------ timers and people

    def _timed_session(self) -> Session | None:
        session = self.live_session()
        if session is None:
            self.app.notify("Pick a session stage in the sidebar, or start one with n.", timeout=4)
        elif session.closed:
            self.app.notify(f"{session.title} is closed; its timers no longer run.", timeout=4)
            return None
        return session

    def action_timer(self) -> None:
        """Start or pause the timer of the session in hand; only one session runs at a time."""
        session = self._timed_session()
        if session is None:
            return
        now = self.app.now()
        if session.timer_stage is None:
            for other in self.editor.data.sessions.values():
                if other.id != session.id and other.timer_stage is not None:
                    self.app.apply(timer.pause(other, now), undoable=False)
        if session.timer_stage is not None:
            change = timer.pause(session, now)
        else:  # the stage on show, when it is this session's
            shown = self.place.stage_key if self.place.session_id == session.id else None
            change = timer.start(session, now, stage_key=shown)
        problem = self.app.apply(change, undoable=False)
        if problem:
            self.app.notify(problem, severity="error", timeout=6)
            return
        fresh = self.editor.data.sessions[session.id]
        stage = timer.timed_stage(fresh)
        title = stage.title if stage else ""
        if fresh.timer_stage is not None:
            self.app.notify(f"Timer running on {title}. s pauses; m and M add time.", timeout=3)
        else:
            self.app.notify(f"Timer paused on {title}; the time so far is kept.", timeout=3)
        self._show_place()

    def action_extend(self, minutes: int) -> None:
        session = self._timed_session()
        stage = timer.timed_stage(session) if session is not None else None
        if session is None or stage is None:
            return
        if self.app.apply(timer.extend(session, stage, minutes)) is None:
            fresh = self.editor.data.sessions[session.id]
            self.app.notify(
                f"{stage.title}: {fresh.timebox_minutes(stage)} min now (+{minutes}). "
                "ctrl+z takes it back.",
                timeout=3,
            )

    def action_session_details(self) -> None:
        from okrworkshop.tui.screens.session_form import edit_session

        session = self.current_session or self.live_session()
        if session is None:
            self.app.notify("Pick a session in the sidebar, or start one with n.", timeout=4)
            return
        edit_session(self.app, session)

    def action_toggle_prompts(self) -> None:
        self.prompts_visible = not self.prompts_visible
        self._show_place()
        self.app.notify(
            "Prompts shown"
            if self.prompts_visible
            else "Prompts hidden (safe to share the screen)",
            timeout=2,
        )

    # ------------------------------------------------------------ sessions, captures, export

    def action_new_session(self) -> None:
        from okrworkshop.tui.screens.session_form import start_session

        def done(session_id: str) -> None:
            session = self.editor.data.sessions[session_id]
            first = session.stages[0]
            self.place = Place(first.activity or "overview", session.id, first.key)
            self._show_place(focus_main=True)

        start_session(self.app, self.editor.data, done)

    def action_capture(self) -> None:
        from okrworkshop.tui.screens.capture import CaptureScreen

        session = self.current_session or self.live_session()
        stage = self.place.stage_key if self.current_session else None
        if session is not None and stage is None:
            stage = session.timer_stage or session.current_stage
        key = session.id if session else ""
        screen = CaptureScreen(session, stage, self._capture_authors.get(key, ""))

        def remember(captured: bool | None) -> None:
            # The next capture starts with the same person (a scribe, say).
            if captured:
                self._capture_authors[key] = screen.used_author

        self.app.push_screen(screen, remember)

    def action_export(self) -> None:
        from okrworkshop.tui.screens.export import ExportScreen

        # The minutes show the time spent so far, the running stage included.
        for session in list(self.editor.data.sessions.values()):
            if session.timer_stage is not None:
                self.app.apply(timer.checkpoint(session, self.app.now()), undoable=False)
        self.app.push_screen(ExportScreen(self.editor.data, self.current_session))

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Main actions of this screen for the command palette."""
        yield SystemCommand(
            "New session", "Start a planning, check-in or retro session", self.action_new_session
        )
        yield SystemCommand(
            "Export",
            "Write Markdown, HTML, JSON, CSV or your own template to a file",
            self.action_export,
        )
        yield SystemCommand(
            "Capture", "Note a decision, action or parking-lot item", self.action_capture
        )
        yield SystemCommand(
            "Next stage", "Move the session to its next stage", lambda: self.action_stage(1)
        )
        yield SystemCommand(
            "Toggle facilitator prompts",
            "Hide prompts when sharing the screen",
            self.action_toggle_prompts,
        )
        yield SystemCommand("Start or pause the timer", "The stage timer (s)", self.action_timer)
        yield SystemCommand(
            "Give the stage 5 more minutes", "Extend the timebox (M)", lambda: self.action_extend(5)
        )
        yield SystemCommand(
            "Session details", "Title, facilitator and attendees (i)", self.action_session_details
        )
        yield SystemCommand("Back to cycles", "The list of cycles", self.action_home)
        for label, activity in CYCLE_PAGES:
            yield SystemCommand(
                f"Go to {label}", "A page of the cycle", _goto(self, Place(activity))
            )


# Each view's module, imported when the view is first shown: opening a cycle loads the
# code of the page on show, not of all fifteen.
VIEW_CLASSES = {
    "cascade": ("cascade", "CascadeView"),
    "overview": ("overview", "OverviewView"),
    "check-in": ("check_in", "CheckInView"),
    "score": ("scoring", "ScoringView"),
    "carry-over": ("carry_over", "CarryOverView"),
    "brainstorm": ("brainstorm", "BrainstormView"),
    "confidence": ("confidence", "ConfidenceView"),
    "captures": ("captures", "CapturesView"),
    "reflect": ("retro", "RetroBoardView"),
    "actions": ("actions", "ActionsView"),
    "wrap-up": ("wrap_up", "WrapUpView"),
    "quarters": ("quarters", "QuartersView"),
}


def _make_view(view_id: str) -> View:
    activity = view_id.removeprefix("view-")
    if activity in ("objectives", "align", "commit"):
        from okrworkshop.tui.views.okr import OkrView

        return OkrView(activity, id=view_id)
    module, name = VIEW_CLASSES[activity]
    view_class = getattr(import_module(f"okrworkshop.tui.views.{module}"), name)
    return cast(View, view_class(id=view_id))


def _goto(screen: CycleScreen, place: Place) -> Any:
    return lambda: screen.go(place)
