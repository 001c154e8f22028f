"""The one error the storage layer raises: it names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class WorkspaceError(Exception):
    """The workspace file cannot be read, is busy, or could not be saved. Nothing was changed."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"workspace {self.path}: {problem}")


class CycleNotFoundError(LookupError):
    """No cycle matches what the user asked for (or more than one does)."""
