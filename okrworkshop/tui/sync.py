"""Two at once: the app follows what other windows and commands save to its workspace.

Decision (issue #9): both windows see each other's changes. Once a second the app compares
the workspace file's key (one ``os.stat``) with the version it has loaded, and the reports
of its own writes with the versions they started from. When someone else saved, it waits
until its own edits are on disk and no form or dialog is open (a form shows values from the
copy it was opened on), loads the open cycle again in a thread, swaps it in keeping the undo
and redo stacks, and says what came in. The home screen's list of cycles is read again.

A cycle deleted elsewhere stays on screen, read-only: nothing is written back, and the
facilitator can export it (a JSON export imports again) or go back to the list. If it comes
back (imported again), edits are saved again.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from okrworkshop.model import CycleData
from okrworkshop.model.compare import CycleDifference, reconcile, record_name
from okrworkshop.store import CycleNotFoundError, Workspace, WorkspaceError
from okrworkshop.store.watch import FileWatch, Missed, StatKey, WriteReport, stat_key

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

SYNC_SECONDS = 1.0  # how often the app looks at the workspace file (one stat call)
ELSEWHERE = "another okrworkshop window or command"


class WorkspaceSync:
    """Keeps the app in step with the workspace file; ``check`` runs on a timer."""

    def __init__(self, app: OkrWorkshopApp) -> None:
        self.app = app
        self.watch = FileWatch(app.workspace.path)
        app.workspace.on_write.append(self.watch.wrote)
        if app.writer is not None:
            app.writer.on_write.append(self.watch.wrote)
        # Reads in the loading thread go through an object of their own: the app's keeps a
        # read that a screen may be looking through while the thread would take it apart.
        self._reader = Workspace(app.workspace.path)
        self._loading = False
        self._reports: list[WriteReport] = []
        self._reports_lock = threading.Lock()
        self.reloads = 0  # how many times a cycle was loaded again (tests count them)

    def reported(self, cycle_id: str, report: WriteReport) -> None:
        """From the saver's thread: a write of ours that did not land as planned."""
        if not report.as_planned:
            with self._reports_lock:
                self._reports.append(report)

    # ------------------------------------------------------------ the timer

    def check(self) -> None:
        """Tell what did not land; load what others saved once it is safe to."""
        self._tell_reports()
        if self._loading or self.app.saver.busy or not self.watch.changed_elsewhere():
            return
        from okrworkshop.tui.screens.cycle import CycleScreen
        from okrworkshop.tui.screens.home import HomeScreen

        screen, editor = self.app.screen, self.app.editor
        if editor is not None:
            if isinstance(screen, CycleScreen) and screen.editor is editor:
                self._loading = True
                cycle_id, revision = editor.data.cycle.id, editor.data.revision
                self.app.run_worker(
                    lambda: self._load(cycle_id, revision),
                    thread=True,
                    group="sync",
                    exit_on_error=False,
                )
        elif isinstance(screen, HomeScreen):
            key = stat_key(self.watch.path)
            screen.reload()
            self.watch.caught_up(key)

    def _tell_reports(self) -> None:
        with self._reports_lock:
            reports, self._reports = self._reports, []
        missed = [m for report in reports for m in report.missed]
        cascaded = sum(report.cascaded for report in reports)
        editor = self.app.editor
        if missed:
            data = editor.data if editor is not None else None
            more = f" ({len(missed) - 1} more edits too)" if len(missed) > 1 else ""
            self.app.notify(
                f"Not saved: {describe_missed(missed[0], data)}{more}. The screen now shows "
                "the cycle as saved.",
                severity="warning",
                timeout=15,
            )
        if cascaded:
            self.app.notify(
                f"Deleting also took along {cascaded} {'record' if cascaded == 1 else 'records'} "
                f"that {ELSEWHERE} had added or linked to it meanwhile.",
                severity="warning",
                timeout=12,
            )

    # ------------------------------------------------------------ loading again

    def _load(self, cycle_id: str, revision: int) -> None:
        """In a thread: read the cycle again and work out what changed."""
        key = stat_key(self.watch.path)  # before the read: a later save is seen next time
        try:
            fresh = self._reader.load(cycle_id)
        except CycleNotFoundError:
            self._back(self._gone, cycle_id, key)
            return
        except WorkspaceError as error:
            self._back(self._unreadable, str(error), key)
            return
        except BaseException:
            self._back(self._failed)
            raise
        editor = self.app.editor
        current = editor.data if editor is not None else None
        if current is None or current.cycle.id != cycle_id:
            self._back(self._failed)
            return
        difference = reconcile(current, fresh)
        self._back(self._loaded, cycle_id, revision, key, fresh, difference)

    def _back(self, method: Any, *args: Any) -> None:
        if self.app.is_running:
            self.app.call_from_thread(method, *args)

    def _failed(self) -> None:
        self._loading = False

    def _loaded(
        self,
        cycle_id: str,
        revision: int,
        key: StatKey | None,
        fresh: CycleData,
        difference: CycleDifference,
    ) -> None:
        from okrworkshop.tui.screens.cycle import CycleScreen

        self._loading = False
        editor = self.app.editor
        if (
            editor is None
            or editor.data.cycle.id != cycle_id
            or editor.data.revision != revision  # edited meanwhile: load again next time
            or self.app.saver.busy
            or not isinstance(self.app.screen, CycleScreen)
        ):
            return
        was_read_only = editor.read_only is not None
        editor.reload(fresh)
        self.watch.caught_up(key)
        self.reloads += 1
        if was_read_only:
            self.app.notify(
                f"{fresh.cycle.name} is back in the workspace: edits are saved again.",
                timeout=10,
            )
        elif difference:
            self.app.notify(
                f"Loaded changes saved by {ELSEWHERE}: {difference.describe()}.", timeout=8
            )

    def _gone(self, cycle_id: str, key: StatKey | None) -> None:
        self._loading = False
        self.watch.caught_up(key)
        editor = self.app.editor
        if editor is None or editor.data.cycle.id != cycle_id or editor.read_only is not None:
            return
        editor.make_read_only(
            f"{editor.data.cycle.name} was deleted by {ELSEWHERE}, so it can no longer be "
            "saved; press e to export it (a JSON export can be imported again)"
        )
        self.app.notify(
            f"{editor.data.cycle.name} was deleted by {ELSEWHERE}. It stays on screen, "
            "read-only and unsaved: press e to export it (a JSON export can be imported "
            "again), or Esc for the list of cycles.",
            severity="error",
            timeout=30,
        )

    def _unreadable(self, problem: str, key: StatKey | None) -> None:
        self._loading = False
        self.watch.caught_up(key)  # said once; said again only if the file changes again
        self.app.notify(
            f"Could not load the changes saved elsewhere: {problem}. What is on screen is kept.",
            severity="error",
            timeout=20,
        )


def describe_missed(missed: Missed, data: CycleData | None) -> str:
    """One edit that could not land, named from what the screen still shows."""
    gone = _named(missed.table, missed.id, data)
    if missed.op.id == missed.id:
        return f"your edit of {gone}, which was deleted by {ELSEWHERE}"
    what = record_name(missed.op.table)
    return f"the {what} you added or changed, because {gone} was deleted by {ELSEWHERE}"


def _named(table: str, record_id: str, data: CycleData | None) -> str:
    found = data.find(record_id) if data is not None else None
    record = None
    if found is not None:
        table, record = found  # a parent may be an objective or a key result
    text = getattr(record, "title", None) or getattr(record, "text", None)
    name = record_name(table)
    return f"the {name} “{text}”" if text else f"the {name} {record_id}"
