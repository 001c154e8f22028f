"""The coach's engine: findings, settings, the rule registry and the run over a cycle."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from okrworkshop.model import CycleData, Objective

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One coaching result about one objective, key result or theme."""

    rule: str
    severity: Severity
    target_id: str
    message: str
    example: str = ""

    def as_json(self) -> dict[str, str]:
        """The stable JSON shape of ``okrworkshop lint --format json``."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "target_id": self.target_id,
            "message": self.message,
        }


@dataclass(frozen=True)
class CoachSettings:
    """Thresholds of the rules (DESIGN §5 defaults)."""

    min_key_results: int = 3
    max_key_results: int = 5
    max_objectives: int = 5
    objective_min_words: int = 3
    objective_max_words: int = 18
    # The rules about time (stale check-ins, forecasts) need to know what day it is; without
    # it they stay silent rather than guess.
    today: date | None = None
    stale_after_days: int = 14
    low_confidence: int = 3
    override_tolerance: float = 0.1
    safe_score: float = 0.95


Rule = Callable[[CycleData, CoachSettings], Iterable[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    slug: str
    severity: str
    summary: str
    check: Rule = field(compare=False)


RULES: dict[str, RuleInfo] = {}


def rule(slug: str, severity: str, summary: str) -> Callable[[Rule], Rule]:
    """Register a coaching rule under its slug."""

    def register(check: Rule) -> Rule:
        RULES[slug] = RuleInfo(slug, severity, summary, check)
        return check

    return register


def coach(
    data: CycleData,
    settings: CoachSettings | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Every finding for the cycle, worst first, filtered by slug."""
    settings = settings or CoachSettings()
    selected, ignored = set(select), set(ignore)
    findings: list[Finding] = []
    for slug, info in RULES.items():
        if (selected and slug not in selected) or slug in ignored:
            continue
        findings.extend(info.check(data, settings))
    order = _target_order(data)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.target_id, 1 << 30)))
    return findings


def _target_order(data: CycleData) -> dict[str, int]:
    order: dict[str, int] = {}
    for objective in data.objectives_in_order():
        order[objective.id] = len(order)
        for kr in data.key_results_of(objective.id):
            order[kr.id] = len(order)
    return order


def findings_by_target(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by the id they are about."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.target_id, []).append(finding)
    return grouped


def open_count(data: CycleData, objective: Objective, grouped: dict[str, list[Finding]]) -> int:
    """Findings on an objective and its key results."""
    total = len(grouped.get(objective.id, []))
    for kr in data.key_results_of(objective.id):
        total += len(grouped.get(kr.id, []))
    return total
