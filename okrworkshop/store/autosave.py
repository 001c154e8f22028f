"""Writes off the UI thread, coalesced: the app hands over operations and keeps drawing.

One thread drains whatever has queued since the last write and applies it in one locked,
atomic write. ``flush`` waits until everything handed over is on disk (used on quit and by
tests); a failed write keeps its operations queued and reports the error, so nothing a user
typed is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from okrworkshop.model.changes import Op
from okrworkshop.store.errors import CycleNotFoundError

if TYPE_CHECKING:
    from okrworkshop.store.workspace import Workspace


class AutoSaver:
    """A background writer for one workspace."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        on_error: Callable[[Exception], None] | None = None,
        on_saved: Callable[[int], None] | None = None,
        apply: Callable[[str, list[Op]], None] | None = None,
    ) -> None:
        self.workspace = workspace
        # How a batch reaches the file: in this thread by default, or a writer process.
        self._apply = apply or workspace.apply
        self.on_error = on_error
        self.on_saved = on_saved
        self._pending: list[tuple[str, Op]] = []
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
    def last_error(self) -> Exception | None:
        with self._condition:
            return self._failed

    def submit(self, cycle_id: str, ops: tuple[Op, ...] | list[Op]) -> None:
        """Queue operations for the next write."""
        if not ops:
            return
        with self._condition:
            if self._closed:
                raise RuntimeError("the autosaver is closed")
            self._pending.extend((cycle_id, op) for op in ops)
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
                lambda: (not self._pending and not self._writing) or self._failed is not None,
                timeout=timeout,
            )
            return bool(done) and self._failed is None and not self._pending

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
                    lambda: self._closed or (self._pending and self._failed is None)
                )
                if not self._pending or self._failed is not None:
                    if self._closed:
                        return
                    continue
                batch, self._pending = self._pending, []
                self._writing = True
            unsaved, error = self._write(batch)
            with self._condition:
                self._writing = False
                if error is not None:
                    self._pending = unsaved + self._pending
                    self._failed = error
                else:
                    self.writes += 1
                self._condition.notify_all()
            if error is not None and self.on_error is not None:
                self.on_error(error)
            elif error is None and self.on_saved is not None:
                self.on_saved(len(batch))

    def _write(self, batch: list[tuple[str, Op]]) -> tuple[list[tuple[str, Op]], Exception | None]:
        """Write the batch, one cycle at a time; on a failure, what is still unsaved and why.

        Cycles already written are not queued again: replaying their operations later would
        overwrite what another process saved in between.
        """
        by_cycle: dict[str, list[Op]] = {}
        for cycle_id, op in batch:
            by_cycle.setdefault(cycle_id, []).append(op)
        saved: set[str] = set()
        gone: CycleNotFoundError | None = None
        for cycle_id, ops in by_cycle.items():
            try:
                self._apply(cycle_id, ops)
            except CycleNotFoundError as error:
                # Deleted by another process: these edits have nowhere to go. Keeping them
                # queued would block every later save, so report them and let them go.
                gone = error
            except Exception as error:  # reported to the app; the rest stays queued
                return [(c, op) for c, op in batch if c not in saved], error
            saved.add(cycle_id)
        if gone is not None and self.on_error is not None:
            self.on_error(gone)
        return [], None
