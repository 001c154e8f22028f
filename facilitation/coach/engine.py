"""The coach's engine: findings, settings, the rule registry and the run over a cycle.

Rules come in two shapes. A *record rule* looks at one objective (with its key results) or one
key result, so the app can re-check just the record being typed on every keystroke. A *cycle
rule* needs the whole cycle (alignment loops, themes nobody serves, too many objectives for a
team). Both register under a stable slug; every rule is linear in the size of the cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

from okrworkshop.model import CycleData, Dismissal, KeyResult, Objective

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
Scope = Literal["cycle", "objective", "key_result"]


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


class SettingsError(ValueError):
    """Coach settings that cannot be used; the message names the setting and the problem."""


@dataclass(frozen=True)
class CoachSettings:
    """Thresholds of the rules (DESIGN §5 defaults)."""

    min_key_results: int = 3
    max_key_results: int = 5
    max_objectives: int = 5
    objective_min_words: int = 3
    objective_max_words: int = 18
    max_draft_confidence: float = 9.0
    # The rules about time (stale check-ins, forecasts) need to know what day it is; without
    # it they stay silent rather than guess.
    today: date | None = None
    stale_after_days: int = 14
    low_confidence: int = 3
    override_tolerance: float = 0.1
    safe_score: float = 0.95

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], source: str = "settings") -> CoachSettings:
        """Settings from a mapping (a settings file's ``[coach]`` table), checked one by one."""
        # "today" is the day of the run, not a threshold a file sets.
        known = {f.name: f for f in fields(cls) if f.name != "today"}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise SettingsError(
                f"{source}: unknown setting {unknown[0]!r}; known settings: "
                + ", ".join(sorted(known))
            )
        parsed: dict[str, Any] = {}
        for name, value in values.items():
            wanted = int if known[name].type in ("int", int) else float
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SettingsError(f"{source}: {name} must be a number, not {value!r}")
            if wanted is int and not float(value).is_integer():
                raise SettingsError(f"{source}: {name} must be a whole number, not {value!r}")
            if value < 0:
                raise SettingsError(f"{source}: {name} must not be negative")
            parsed[name] = wanted(value)
        settings = cls(**parsed)
        for low, high in (
            ("min_key_results", "max_key_results"),
            ("objective_min_words", "objective_max_words"),
        ):
            if getattr(settings, low) > getattr(settings, high):
                raise SettingsError(
                    f"{source}: {low} ({getattr(settings, low)}) is above {high} "
                    f"({getattr(settings, high)})"
                )
        return settings


CycleCheck = Callable[[CycleData, CoachSettings], Iterable[Finding]]
ObjectiveCheck = Callable[
    [Objective, Sequence[KeyResult], CycleData, CoachSettings], Iterable[Finding]
]
KeyResultCheck = Callable[[KeyResult, CycleData, CoachSettings], Iterable[Finding]]
Rule = CycleCheck


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule: its slug, severity, the idea behind it and how it checks."""

    slug: str
    severity: str
    summary: str
    check: CycleCheck = field(compare=False)
    scope: Scope = "cycle"
    check_one: Callable[..., Iterable[Finding]] | None = field(default=None, compare=False)


RULES: dict[str, RuleInfo] = {}


def rule(slug: str, severity: str, summary: str) -> Callable[[CycleCheck], CycleCheck]:
    """Register a rule that needs the whole cycle."""

    def register(check: CycleCheck) -> CycleCheck:
        RULES[slug] = RuleInfo(slug, severity, summary, check)
        return check

    return register


def objective_rule(
    slug: str, severity: str, summary: str
) -> Callable[[ObjectiveCheck], ObjectiveCheck]:
    """Register a rule about one objective and its key results."""

    def register(check_one: ObjectiveCheck) -> ObjectiveCheck:
        def check(data: CycleData, settings: CoachSettings) -> Iterable[Finding]:
            for objective in data.objectives.values():
                yield from check_one(objective, data.key_results_of(objective.id), data, settings)

        RULES[slug] = RuleInfo(slug, severity, summary, check, "objective", check_one)
        return check_one

    return register


def key_result_rule(
    slug: str, severity: str, summary: str
) -> Callable[[KeyResultCheck], KeyResultCheck]:
    """Register a rule about one key result."""

    def register(check_one: KeyResultCheck) -> KeyResultCheck:
        def check(data: CycleData, settings: CoachSettings) -> Iterable[Finding]:
            for kr in data.key_results.values():
                yield from check_one(kr, data, settings)

        RULES[slug] = RuleInfo(slug, severity, summary, check, "key_result", check_one)
        return check_one

    return register


def _active(select: Iterable[str], ignore: Iterable[str]) -> list[RuleInfo]:
    selected, ignored = set(select), set(ignore)
    return [
        info
        for slug, info in RULES.items()
        if not (selected and slug not in selected) and slug not in ignored
    ]


@dataclass(frozen=True)
class CoachReport:
    """Open findings (worst first) and the ones the room dismissed, each with its dismissal."""

    open: list[Finding]
    dismissed: list[tuple[Finding, Dismissal]]


class CoachCancelled(Exception):
    """A run given up half-way: its answer was no longer wanted (the cycle changed meanwhile)."""


def coach_report(
    data: CycleData,
    settings: CoachSettings | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    cancelled: Callable[[], bool] | None = None,
) -> CoachReport:
    """Run every selected rule over the cycle and set dismissed findings apart.

    ``cancelled`` is asked before each rule; when it says yes the run stops with
    ``CoachCancelled`` (a run in a thread then stops taking the processor from the screen).
    """
    settings = settings or CoachSettings()
    findings: list[Finding] = []
    for info in _active(select, ignore):
        if cancelled is not None and cancelled():
            raise CoachCancelled
        findings.extend(info.check(data, settings))
    order = _target_order(data)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.target_id, 1 << 30)))
    return _split(data, findings)


def coach(
    data: CycleData,
    settings: CoachSettings | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Every open (not dismissed) finding for the cycle, worst first, filtered by slug."""
    return coach_report(data, settings, select=select, ignore=ignore).open


def check_draft(
    data: CycleData,
    *,
    objective: Objective | None = None,
    key_result: KeyResult | None = None,
    settings: CoachSettings | None = None,
) -> CoachReport:
    """Re-check one record as it is being typed, without running the whole cycle.

    ``key_result`` is a draft of a new or edited key result (its ``objective_id`` says where it
    goes); its objective is re-checked with the draft in place of the stored one. ``objective``
    alone is a draft of an objective. Cycle-wide rules are not run here.
    """
    settings = settings or CoachSettings()
    findings: list[Finding] = []
    if key_result is not None:
        objective = objective or data.objectives.get(key_result.objective_id)
        for info in _active((), ()):
            if info.scope == "key_result" and info.check_one is not None:
                findings.extend(info.check_one(key_result, data, settings))
    if objective is not None:
        key_results = list(data.key_results_of(objective.id))
        if key_result is not None:
            index = next((i for i, kr in enumerate(key_results) if kr.id == key_result.id), None)
            if index is None:
                key_results.append(key_result)
            else:
                key_results[index] = key_result
        for info in _active((), ()):
            if info.scope == "objective" and info.check_one is not None:
                findings.extend(info.check_one(objective, key_results, data, settings))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return _split(data, findings)


def _split(data: CycleData, findings: list[Finding]) -> CoachReport:
    dismissals = {(d.rule, d.target_id): d for d in data.dismissals.values()}
    if not dismissals:
        return CoachReport(findings, [])
    open_findings: list[Finding] = []
    dismissed: list[tuple[Finding, Dismissal]] = []
    for finding in findings:
        dismissal = dismissals.get((finding.rule, finding.target_id))
        if dismissal is None:
            open_findings.append(finding)
        else:
            dismissed.append((finding, dismissal))
    return CoachReport(open_findings, dismissed)


def _target_order(data: CycleData) -> dict[str, int]:
    order: dict[str, int] = {}
    for objective in data.objectives_in_order():
        order[objective.id] = len(order)
        for kr in data.key_results_of(objective.id):
            order[kr.id] = len(order)
    for theme in data.ordered("themes"):
        order[theme.id] = len(order)
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
