"""The coach: small pure rules over a cycle, each with a stable slug (DESIGN §5).

A rule is a function taking the cycle and the settings and yielding findings; rules live in
one module per family and register themselves with ``@rule``. The app runs the coach on every
change; ``okrworkshop lint`` runs it on a cycle or a bundle file.
"""

from facilitation.coach import alignment, check_ins, drafting, scoring
from facilitation.coach.engine import (
    RULES,
    SEVERITY_ORDER,
    CoachSettings,
    Finding,
    RuleInfo,
    Severity,
    coach,
    findings_by_target,
    open_count,
    rule,
)

__all__ = [
    "RULES",
    "SEVERITY_ORDER",
    "CoachSettings",
    "Finding",
    "RuleInfo",
    "Severity",
    "alignment",
    "check_ins",
    "coach",
    "drafting",
    "findings_by_target",
    "open_count",
    "rule",
    "scoring",
]
