"""The domain model: pydantic records, the progress maths and edits as data.

Imports only pydantic and the standard library (a contract in CI keeps it so).
"""

from typing import TYPE_CHECKING, Any

from okrworkshop.model._fields import (
    LEVELS,
    SESSION_KINDS,
    ActionStatus,
    CaptureKind,
    Commitment,
    KeyResultKind,
    Level,
    SessionKind,
    new_id,
)
from okrworkshop.model.changes import Change, Delete, Op, Put, Update
from okrworkshop.model.coaching import Dismissal
from okrworkshop.model.cycle_data import TABLES, CycleData
from okrworkshop.model.live import Candidate, ConfidenceRound
from okrworkshop.model.okr import (
    CarriedFrom,
    CarriedKeyResult,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    TargetChange,
    Theme,
)
from okrworkshop.model.session import ActionItem, Capture, RetroCard, Session, Stage

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_SCHEMA_VERSION",
    "LEVELS",
    "SESSION_KINDS",
    "TABLES",
    "ActionItem",
    "ActionStatus",
    "Bundle",
    "Candidate",
    "Capture",
    "CaptureKind",
    "CarriedFrom",
    "CarriedKeyResult",
    "Change",
    "CheckIn",
    "Commitment",
    "ConfidenceRound",
    "Cycle",
    "CycleData",
    "Delete",
    "Dismissal",
    "KeyResult",
    "KeyResultKind",
    "Level",
    "Objective",
    "Op",
    "Put",
    "RetroCard",
    "Session",
    "SessionKind",
    "Stage",
    "TargetChange",
    "Theme",
    "Update",
    "bundle_from_cycle",
    "bundle_problems",
    "cycle_from_bundle",
    "new_id",
]

# The bundle's models take a while to build and only import, export and lint need them:
# they are imported on first use, so opening the app does not pay for them.
_BUNDLE_NAMES = frozenset(
    {
        "BUNDLE_FORMAT",
        "BUNDLE_SCHEMA_VERSION",
        "Bundle",
        "bundle_from_cycle",
        "bundle_problems",
        "cycle_from_bundle",
    }
)

if TYPE_CHECKING:
    from okrworkshop.model.bundle import (
        BUNDLE_FORMAT,
        BUNDLE_SCHEMA_VERSION,
        Bundle,
        bundle_from_cycle,
        bundle_problems,
        cycle_from_bundle,
    )


def __getattr__(name: str) -> Any:
    if name in _BUNDLE_NAMES:
        from okrworkshop.model import bundle

        return getattr(bundle, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
