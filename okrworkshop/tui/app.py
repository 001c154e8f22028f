"""The okrworkshop Textual app, built by a factory that takes the workspace (STYLE §2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from okrworkshop.editing import CycleEditor, ReadOnlyCycle, UndoFailed
from okrworkshop.model import Change
from okrworkshop.store import CycleNotFoundError, Workspace, WorkspaceError
from okrworkshop.store.autosave import AutoSaver
from okrworkshop.store.writer import WriterProcess
from okrworkshop.tui.messages import Saved, SaveFailed
from okrworkshop.tui.sync import SYNC_SECONDS, WorkspaceSync

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class OkrWorkshopApp(App[int]):
    """Drive live OKR sessions from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "okrworkshop"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo"),
        Binding(
            "ctrl+t",
            "toggle_theme",
            "Dark/light",
            show=False,
            tooltip="Switch between the dark and light theme",
        ),
        Binding("f1", "help", "Help", show=False, tooltip="This help"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            tooltip="Quit (everything is saved)",
        ),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        cycle_id: str | None = None,
        today: Callable[[], date] = date.today,
        theme: str = DARK_THEME,
        clock: Callable[[], datetime] = datetime.now,
        writer_process: bool = False,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.start_cycle_id = cycle_id
        self._backup_kept = False  # the copy of the workspace as opened (after the first frame)
        self._today = today
        self._clock = clock
        self.theme = theme
        self.editor: CycleEditor | None = None
        # The last file exported: the next export suggests its folder and may replace it.
        self.last_export: Path | None = None
        # A real run saves through a writer process, so even a large workspace's save never
        # holds the screen's interpreter lock; tests write in a thread of this process.
        self.writer = WriterProcess(workspace.path) if writer_process else None
        self.saver = AutoSaver(
            workspace,
            on_error=lambda error: self.call_from_thread_safe(SaveFailed(_save_problem(error))),
            on_saved=lambda count: self.call_from_thread_safe(Saved(count)),
            apply=self.writer.apply if self.writer is not None else None,
            on_report=lambda cycle_id, report: self.sync.reported(cycle_id, report),
        )
        # Other windows and commands may save to the same workspace: follow them.
        self.sync = WorkspaceSync(self)

    def notify(self, message: str, *, markup: bool = False, **options: Any) -> None:
        """Toasts show text as written: people's titles may contain [brackets]."""
        super().notify(message, markup=markup, **options)

    def today(self) -> date:
        """Today's date (fixed in tests)."""
        return self._today()

    def now(self) -> datetime:
        """The wall clock the timers run on (a fake one in tests), to the second."""
        return self._clock().replace(microsecond=0)

    def call_from_thread_safe(self, message: Any) -> None:
        """Post a message from the saver thread, if the app is still running."""
        if self.is_running:
            self.post_message(message)

    def on_mount(self) -> None:
        self.set_interval(SYNC_SECONDS, self.sync.check, name="workspace sync")
        if self.start_cycle_id is None:
            self._show_home()
            self.after_first_screen()
        else:
            # Straight to the cycle: the list of cycles is built only when someone goes back.
            self.open_cycle(self.start_cycle_id)

    def _show_home(self) -> None:
        from okrworkshop.tui.screens.home import HomeScreen

        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        elif len(self.screen_stack) > 1:
            self.switch_screen(HomeScreen())
        else:
            self.push_screen(HomeScreen())

    def after_first_screen(self) -> None:
        """Once the first screen is drawn: the backup copy, and the writer process started.

        Not before: copying a large file and starting a process took the processor from
        opening the cycle.
        """
        if not self._backup_kept:
            self._backup_kept = True
            self.call_after_refresh(self._keep_backup)

    @work(thread=True, group="backup")
    def _keep_backup(self) -> None:
        """A copy of the workspace as opened, so a damaged file has a recent good copy."""
        if self.writer is not None:
            self.writer.start()  # its imports happen now, not at the first edit
        try:
            self.workspace.keep_session_backup()
        except WorkspaceError as error:
            self.call_from_thread(
                self.notify, f"Could not keep a backup copy: {error}", severity="warning"
            )

    # ------------------------------------------------------------ cycles

    def open_cycle(self, cycle_id: str) -> None:
        """Load a cycle (off the UI thread) and show it."""
        self._load_cycle(cycle_id)

    @work(thread=True, exclusive=True, group="load")
    def _load_cycle(self, cycle_id: str) -> None:
        try:
            data, history = self.workspace.load_with_history(cycle_id)
        except (WorkspaceError, CycleNotFoundError) as error:
            message = error.args[0] if isinstance(error, CycleNotFoundError) else str(error)
            self.call_from_thread(self._load_failed, message)
            return
        self.call_from_thread(self._show_cycle, data, history.recent(self.now()))

    def _load_failed(self, message: str) -> None:
        if len(self.screen_stack) <= 1:
            self._show_home()  # opened straight onto a cycle that cannot be shown
        self.notify(message, severity="error", timeout=15)
        self.after_first_screen()

    def _show_cycle(self, data: Any, history: Any = None) -> None:
        from okrworkshop.tui.screens.cycle import CycleScreen

        self.editor = CycleEditor(data, self.saver, history=history, clock=self.now)
        self.push_screen(CycleScreen(self.editor))  # it calls after_first_screen once drawn

    def close_cycle(self) -> None:
        """Back to the home screen, every edit handed to the saver."""
        self.editor = None
        self._show_home()

    # ------------------------------------------------------------ edits

    def apply(self, change: Change, *, undoable: bool = True) -> str | None:
        """Apply a change to the open cycle; returns a readable error, or None on success."""
        from pydantic import ValidationError

        from okrworkshop.model.errors import one_line

        if self.editor is None:
            return "no cycle is open"
        try:
            self.editor.apply(change, undoable=undoable)
        except ValidationError as error:
            return one_line(error)
        except (KeyError, ValueError) as error:
            return str(error.args[0] if error.args else error)
        return None

    def action_undo(self) -> None:
        if self.editor is None:
            return
        try:
            step = self.editor.undo()
        except ReadOnlyCycle as refused:
            self.notify(str(refused), severity="error", timeout=10)
            return
        except UndoFailed as failed:
            self.notify(_stale_step("undo", failed), severity="error", timeout=10)
            return
        self.notify(f"Undid: {step.label}" if step else "Nothing to undo", timeout=3)

    def action_redo(self) -> None:
        if self.editor is None:
            return
        try:
            step = self.editor.redo()
        except ReadOnlyCycle as refused:
            self.notify(str(refused), severity="error", timeout=10)
            return
        except UndoFailed as failed:
            self.notify(_stale_step("redo", failed), severity="error", timeout=10)
            return
        self.notify(f"Redid: {step.label}" if step else "Nothing to redo", timeout=3)

    def pause_timers(self) -> None:
        """Record and stop every running stage timer (bookkeeping, not an undo step)."""
        from facilitation import timer

        if self.editor is None:
            return
        for session in list(self.editor.data.sessions.values()):
            if session.timer_stage is not None:
                self.apply(timer.pause(session, self.now()), undoable=False)

    def on_save_failed(self, message: SaveFailed) -> None:
        self.notify(message.error, severity="error", timeout=20)

    # ------------------------------------------------------------ app-wide

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_help(self) -> None:
        from okrworkshop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's screenshot goes to the Downloads folder, or the current folder when
        there is none (Textual's default fails there, without saying why)."""
        if path is None:
            from platformdirs import user_downloads_path

            downloads = user_downloads_path()
            path = str(downloads if downloads.is_dir() else Path.cwd())
        return super().deliver_screenshot(filename, path, time_format)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":
            event.prevent_default()  # Textual's own toast is markup, which ours shows as typed
            self.notify(f"Saved the screenshot to {event.path}", title="Screenshot")

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(
                f"Could not save the screenshot: {event.exception}",
                title="Screenshot",
                severity="error",
                timeout=10,
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and how a session flows", self.action_help)
        yield SystemCommand(
            "Toggle dark/light theme",
            "Switch between the dark and light theme",
            self.action_toggle_theme,
        )
        yield SystemCommand("Undo", "Undo the last edit (ctrl+z)", self.action_undo)
        yield SystemCommand("Redo", "Redo the last undone edit (ctrl+y)", self.action_redo)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()

    async def action_quit(self) -> None:
        """Quit once every edit is on disk; if a write fails, say so and stay open.

        Running timers stop and keep the time spent, so a closed app does not count as
        session time.
        """
        self.pause_timers()
        if not self.saver.flush(timeout=30):
            self.notify(
                f"Not everything could be saved ({self.saver.last_error}). Fix the problem "
                "(disk space, permissions) and quit again; your edits are still in memory.",
                severity="error",
                timeout=30,
            )
            return
        self.saver.close()
        if self.writer is not None:
            self.writer.close()
        self.exit(0)


def _stale_step(verb: str, failed: UndoFailed) -> str:
    return (
        f"Could not {verb} “{failed.step.done.label}”: the cycle changed since "
        f"({failed.reason}). That step was dropped; nothing else changed."
    )


def _save_problem(error: Exception) -> str:
    """What to tell the facilitator when a background write fails."""
    if isinstance(error, CycleNotFoundError):
        return (
            "This cycle was deleted by another okrworkshop process, so the last edits could not "
            "be saved. Press e to export what is on screen before leaving it."
        )
    return (
        f"Could not save: {error}. Your edits are kept and will be written on the next change "
        "or when you quit."
    )


def create_app(
    workspace: Workspace,
    *,
    cycle_id: str | None = None,
    today: Callable[[], date] = date.today,
    theme: str = DARK_THEME,
    clock: Callable[[], datetime] = datetime.now,
    writer_process: bool = False,
) -> OkrWorkshopApp:
    """The app on a workspace (tests pass a temporary one, a fixed date and a fake clock)."""
    return OkrWorkshopApp(
        workspace,
        cycle_id=cycle_id,
        today=today,
        theme=theme,
        clock=clock,
        writer_process=writer_process,
    )


def run_app(workspace: Workspace, *, cycle_id: str | None = None) -> int:
    """Run the app in the terminal; returns the exit code."""
    app = create_app(workspace, cycle_id=cycle_id, writer_process=True)
    result = app.run()
    app.saver.close()
    if app.writer is not None:
        app.writer.close()
    return result or 0
