"""Telling our own writes to the workspace file from everybody else's.

Every write replaces the file atomically, so the file's (inode, size, modification time)
changes with each one. A write reports the key the file had just before it (read inside the
lock) and the key it left; the app keeps the key of the version it has in memory. When the
file's key differs from that, or one of our writes started from a version we never saw,
another window or command has saved in between and the app loads the cycle again.
Checking costs one ``os.stat``, whatever the size of the workspace.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from okrworkshop.model.changes import Op

StatKey = tuple[int, int, int]


def stat_key(path: Path) -> StatKey | None:
    """The file's (inode, size, modification time in ns); None when it cannot be seen."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Missed:
    """An operation that could not land: the record it needs is no longer in the cycle."""

    op: Op
    table: str
    id: str


@dataclass(frozen=True)
class WriteReport:
    """What one write did: the file's key before and after it, and what did not land.

    ``cascaded`` counts records the write also removed or unlinked because another window
    had changed what they point at (a check-in it added to a key result deleted here).
    """

    before: StatKey | None
    after: StatKey | None
    missed: tuple[Missed, ...] = ()
    cascaded: int = 0

    @property
    def as_planned(self) -> bool:
        """Whether the file now holds exactly what the writer's memory expects."""
        return not self.missed and not self.cascaded


class FileWatch:
    """Whether the workspace file holds saves we have not loaded (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._known = stat_key(self.path)
        self._outside = False

    def wrote(self, report: WriteReport) -> None:
        """One of our writes: the file it started from and left. Called by every writer."""
        with self._lock:
            if report.before != self._known or not report.as_planned:
                self._outside = True  # it merged saves we have not loaded, or did more
            self._known = report.after

    def changed_elsewhere(self) -> bool:
        """Whether another window or command saved since we last loaded (one ``stat``)."""
        with self._lock:
            return self._outside or stat_key(self.path) != self._known

    def caught_up(self, key: StatKey | None) -> None:
        """We loaded the file as it was at ``key`` (taken before reading it)."""
        with self._lock:
            self._known = key
            self._outside = False
