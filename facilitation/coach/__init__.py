"""The coach: small pure rules over a cycle, each with a stable slug (DESIGN §5).

A rule is a small pure function yielding findings; rules live in one module per family and
register themselves with ``@rule`` (whole cycle), ``@objective_rule`` or ``@key_result_rule``
(one record, so a draft can be re-checked as it is typed). The app runs the coach on every
change; ``okrworkshop lint`` runs it on a cycle or a bundle file.
"""

from facilitation.coach import alignment, check_ins, drafting, scoring
from facilitation.coach.engine import (
    RULES,
    SEVERITY_ORDER,
    CoachCancelled,
    CoachReport,
    CoachSettings,
    Finding,
    RuleInfo,
    SettingsError,
    Severity,
    check_draft,
    coach,
    coach_report,
    findings_by_target,
    key_result_rule,
    objective_rule,
    open_count,
    rule,
)

__all__ = [
    "RULES",
    "SEVERITY_ORDER",
    "CoachCancelled",
    "CoachReport",
    "CoachSettings",
    "Finding",
    "RuleInfo",
    "SettingsError",
    "Severity",
    "alignment",
    "check_draft",
    "check_ins",
    "coach",
    "coach_report",
    "drafting",
    "findings_by_target",
    "key_result_rule",
    "objective_rule",
    "open_count",
    "rule",
    "scoring",
]
