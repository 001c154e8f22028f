"""The TinyDB workspace: safe storage, locking, schema versions and migrations."""

from okrworkshop.store.errors import CycleNotFoundError, WorkspaceError
from okrworkshop.store.paths import default_workspace_path, resolve_workspace_path
from okrworkshop.store.schema import SCHEMA_VERSION
from okrworkshop.store.workspace import CycleSummary, Workspace

__all__ = [
    "SCHEMA_VERSION",
    "CycleNotFoundError",
    "CycleSummary",
    "Workspace",
    "WorkspaceError",
    "default_workspace_path",
    "resolve_workspace_path",
]
