"""The coach: small pure rules over a cycle, each with a stable slug (DESIGN §5).

A rule is a function taking the cycle and the settings and yielding findings. The app runs the
coach on every change; ``okrworkshop lint`` runs it on a cycle or a bundle file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from okrworkshop.model import CycleData, KeyResult, Objective
from okrworkshop.model.bundle import find_parent_loop

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


OUTPUT_VERBS = (
    "launch",
    "build",
    "ship",
    "implement",
    "create",
    "deliver",
    "release",
    "complete",
    "develop",
    "deploy",
    "migrate",
    "hire",
    "finish",
    "roll out",
)
_DIGIT = re.compile(r"\d")


def _starts_with(title: str, words: Iterable[str]) -> str | None:
    lowered = title.casefold().lstrip()
    for word in words:
        if re.match(rf"{re.escape(word)}\b", lowered):
            return word
    return None


@rule("objective-has-number", "warning", "numbers belong in key results")
def objective_has_number(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        if _DIGIT.search(objective.title):
            yield Finding(
                "objective-has-number",
                "warning",
                objective.id,
                "The objective holds a number; move the measure into a key result.",
                'Instead of "Grow revenue 20%", try "Become the obvious choice for mid-size '
                'clinics" with "Revenue from 1.2M to 1.44M" as a key result.',
            )


@rule("objective-output-verb", "warning", "outcome, not output")
def objective_output_verb(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        verb = _starts_with(objective.title, OUTPUT_VERBS)
        if verb:
            yield Finding(
                "objective-output-verb",
                "warning",
                objective.id,
                f'"{verb.capitalize()} …" describes work to deliver; '
                "say what changes because of it.",
                'Instead of "Launch the mobile app", try "Customers can run their day from '
                'their phone".',
            )


@rule("objective-no-owner", "warning", "accountability")
def objective_no_owner(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        if not objective.owner:
            yield Finding(
                "objective-no-owner",
                "warning",
                objective.id,
                "Nobody owns this objective; name one person.",
            )


@rule("too-few-key-results", "error|warning", "3–5 key results per objective")
def too_few_key_results(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for objective in data.objectives.values():
        count = len(data.key_results_of(objective.id))
        if count == 0:
            yield Finding(
                "too-few-key-results",
                "error",
                objective.id,
                "No key results yet: how will you know you got there?",
            )
        elif count < settings.min_key_results:
            yield Finding(
                "too-few-key-results",
                "warning",
                objective.id,
                f"Only {count} key result{'s' if count > 1 else ''}; "
                f"{settings.min_key_results} to {settings.max_key_results} give a fuller picture.",
            )


def _metric_krs(data: CycleData) -> Iterator[KeyResult]:
    return (kr for kr in data.key_results.values() if kr.kind == "metric")


@rule("key-result-not-measurable", "error", "quantifiable")
def key_result_not_measurable(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in _metric_krs(data):
        if kr.target is None:
            yield Finding(
                "key-result-not-measurable",
                "error",
                kr.id,
                "This metric key result has no numeric target.",
                'Instead of "Improve onboarding", try "Activation within 7 days from 38% to 55%".',
            )


@rule("key-result-no-owner", "warning", "accountability")
def key_result_no_owner(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in data.key_results.values():
        if not kr.owner:
            yield Finding("key-result-no-owner", "warning", kr.id, "Nobody owns this key result.")


@rule("key-result-target-equals-baseline", "error", "nothing to achieve")
def target_equals_baseline(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    for kr in _metric_krs(data):
        if kr.target is not None and kr.baseline is not None and kr.target == kr.baseline:
            yield Finding(
                "key-result-target-equals-baseline",
                "error",
                kr.id,
                "The target equals the baseline: there is nothing to achieve.",
            )


@rule("alignment-cycle", "error", "parent links must not loop")
def alignment_cycle(data: CycleData, settings: CoachSettings) -> Iterator[Finding]:
    kr_owner = {kr.id: kr.objective_id for kr in data.key_results.values()}
    loop = find_parent_loop({o.id: o.parent_id for o in data.objectives.values()}, kr_owner)
    if loop:
        titles = " → ".join(data.objectives[oid].title for oid in loop)
        yield Finding(
            "alignment-cycle",
            "error",
            loop[0],
            f"Parent links go round in a loop: {titles} → back to the start.",
        )


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
