"""Writes off the UI thread, coalesced: the app hands over operations and keeps drawing.

One thread drains whatever has queued since the last write and applies it in one locked,
atomic write. ``flush`` waits until everything handed over is on disk (used on quit and by
tests); a failed write keeps its operations queued and reports the error, so nothing a user
typed is dropped. The cycle's undo history rides along: only its newest state is written,
in the same write as the operations it describes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from okrworkshop.model.changes import Op
from okrworkshop.model.history import History
from okrworkshop.store.errors import CycleNotFoundError
from okrworkshop.store.watch import WriteReport

if TYPE_CHECKING:
    from okrworkshop.store.workspace import Workspace

Apply = Callable[[str, list[Op], History | None], WriteReport]


class AutoSaver:
    """A background writer for one workspace."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        on_error: Callable[[Exception], None] | None = None,
        on_saved: Callable[[int], None] | None = None,
        apply: Apply | None = None,
        on_report: Callable[[str, WriteReport], None] | None = None,
    ) -> None:
        self.workspace = workspace
        # How a batch reaches the file: in this thread by default, or a writer process.
        self._apply: Apply = apply or workspace.apply
        self.on_error = on_error
        self.on_saved = on_saved
        # Each cycle's write report: edits that could not land (their record was deleted
        # elsewhere) are told to the facilitator from there.
        self.on_report = on_report
        self._pending: list[tuple[str, Op]] = []
        self._histories: dict[str, History] = {}
        self._condition = threading.Condition()
        self._writing = False
        self._closed = False
        self._failed: Exception | None = None
        self.writes = 0
        self._thread = threading.Thread(target=self._run, name="okrworkshop-autosave", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Operations handed over but not yet on disk."""
        with self._condition:
            return len(self._pending)

    @property
    def busy(self) -> bool:
        """Whether anything handed over is still on its way to the disk."""
        with self._condition:
            return self._writing or not self._idle()

    @property
    def last_error(self) -> Exception | None:
        with self._condition:
            return self._failed

    def submit(
        self,
        cycle_id: str,
        ops: tuple[Op, ...] | list[Op],
        *,
        history: History | None = None,
    ) -> None:
        """Queue operations (and the cycle's undo history as it now stands) for the next write."""
        if not ops and history is None:
            return
        with self._condition:
            if self._closed:
                raise RuntimeError("the autosaver is closed")
            self._pending.extend((cycle_id, op) for op in ops)
            if history is not None:
                self._histories[cycle_id] = history
            self._condition.notify_all()

    def retry(self) -> None:
        """Try again after a failed write (the operations are still queued)."""
        with self._condition:
            self._failed = None
            self._condition.notify_all()

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until everything queued is written; False on timeout or a failed write."""
        with self._condition:
            self._failed = None
            self._condition.notify_all()
            done = self._condition.wait_for(
                lambda: (self._idle() and not self._writing) or self._failed is not None,
                timeout=timeout,
            )
            return bool(done) and self._failed is None and self._idle()

    def _idle(self) -> bool:
        return not self._pending and not self._histories

    def close(self, timeout: float | None = 30.0) -> bool:
        """Flush and stop the thread; returns whether everything was written."""
        ok = self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=5)
        return ok

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(
                    lambda: self._closed or (not self._idle() and self._failed is None)
                )
                if self._idle() or self._failed is not None:
                    if self._closed:
                        return
                    continue
                batch, self._pending = self._pending, []
                histories, self._histories = self._histories, {}
                self._writing = True
            saved, error = self._write(batch, histories)
            with self._condition:
                self._writing = False
                if error is not None:
                    self._pending = [(c, op) for c, op in batch if c not in saved] + self._pending
                    for cycle_id, history in histories.items():
                        # A newer history handed over meanwhile wins over the failed one.
                        if cycle_id not in saved:
                            self._histories.setdefault(cycle_id, history)
                    self._failed = error
                else:
                    self.writes += 1
                self._condition.notify_all()
            if error is not None and self.on_error is not None:
                self.on_error(error)
            elif error is None and self.on_saved is not None:
                self.on_saved(len(batch))

    def _write(
        self, batch: list[tuple[str, Op]], histories: dict[str, History]
    ) -> tuple[set[str], Exception | None]:
        """Write the batch, one cycle at a time; the cycles done with, and why the rest failed.

        Cycles already written are not queued again: replaying their operations later would
        overwrite what another process saved in between.
        """
        by_cycle: dict[str, list[Op]] = {cycle_id: [] for cycle_id in histories}
        for cycle_id, op in batch:
            by_cycle.setdefault(cycle_id, []).append(op)
        saved: set[str] = set()
        gone: CycleNotFoundError | None = None
        for cycle_id, ops in by_cycle.items():
            try:
                report = self._apply(cycle_id, ops, histories.get(cycle_id))
            except CycleNotFoundError as error:
                # Deleted by another process: these edits have nowhere to go. Keeping them
                # queued would block every later save, so report them and let them go.
                gone = error
            except Exception as error:  # reported to the app; the rest stays queued
                return saved, error
            else:
                if self.on_report is not None:
                    self.on_report(cycle_id, report)
            saved.add(cycle_id)
        if gone is not None and self.on_error is not None:
            self.on_error(gone)
        return saved, None
