"""Drafting rules: objectives that inspire, key results that measure (DESIGN §5)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from facilitation.coach.engine import CoachSettings, Finding, rule
from okrworkshop.model import CycleData, KeyResult

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
