"""The forms for objectives, key results, themes, commitments and coaching dismissals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from facilitation.coach import Finding
from facilitation.people import people_in
from okrworkshop.model import LEVELS, CycleData, Dismissal, KeyResult, Objective, Theme
from okrworkshop.tui.format import SEVERITY_ICONS
from okrworkshop.tui.screens.form import FormField

LEVEL_OPTIONS = [(level.capitalize(), level) for level in LEVELS]
COMMITMENT_OPTIONS = [("Aspirational (stretch)", "aspirational"), ("Committed", "committed")]
KIND_OPTIONS = [
    ("Metric: baseline → target", "metric"),
    ("Milestone: done or not", "milestone"),
    ("Maintain: stay beyond a threshold", "maintain"),
]
DIRECTION_OPTIONS = [("At least (≥)", "at-least"), ("At most (≤)", "at-most")]


def objective_fields(
    data: CycleData, objective: Objective | None, defaults: dict[str, Any]
) -> list[FormField]:
    """Fields of the objective form, filled from ``objective`` or ``defaults``."""

    def value(name: str, fallback: Any = None) -> Any:
        if objective is not None:
            return getattr(objective, name)
        return defaults.get(name, fallback)

    themes = [(t.title, t.id) for t in data.ordered("themes")]
    return [
        FormField(
            "title",
            "Objective",
            value=value("title"),
            required=True,
            placeholder="Where do we want to be? e.g. Patients book without calling us",
        ),
        FormField(
            "level",
            "Level",
            "choice",
            value=value("level", "team"),
            options=LEVEL_OPTIONS,
            required=True,
        ),
        FormField(
            "team",
            "Team",
            value=value("team", ""),
            placeholder="the team or department (not for company level)",
        ),
        FormField(
            "owner",
            "Owner",
            value=value("owner", ""),
            placeholder="one person's name",
            people=people_in(data),
        ),
        FormField(
            "commitment",
            "Commitment",
            "choice",
            value=value("commitment", "aspirational"),
            options=COMMITMENT_OPTIONS,
            required=True,
        ),
        FormField("theme_id", "Theme", "choice", value=value("theme_id"), options=themes),
        FormField("description", "Why it matters", value=value("description", "")),
    ]


def key_result_fields(
    data: CycleData, kr: KeyResult | None, defaults: dict[str, Any]
) -> list[FormField]:
    """Fields of the key result form."""

    def value(name: str, fallback: Any = None) -> Any:
        if kr is not None:
            return getattr(kr, name)
        return defaults.get(name, fallback)

    ends = data.cycle.ends.isoformat() if data.cycle.ends else "no end date"
    return [
        FormField(
            "title",
            "Key result",
            value=value("title"),
            required=True,
            placeholder="e.g. Activation within 7 days from 38% to 55%",
        ),
        FormField(
            "kind",
            "Kind",
            "choice",
            value=value("kind", "metric"),
            options=KIND_OPTIONS,
            required=True,
        ),
        FormField(
            "baseline",
            "Baseline",
            "number",
            value=value("baseline"),
            placeholder="where we start (metric)",
        ),
        FormField(
            "target",
            "Target",
            "number",
            value=value("target"),
            placeholder="where we want to be (metric), or the threshold (maintain)",
        ),
        FormField("current", "Current", "number", value=value("current")),
        FormField("unit", "Unit", value=value("unit", ""), placeholder="%, days, clinics…"),
        FormField(
            "direction",
            "Maintain",
            "choice",
            value=value("direction", "at-least"),
            options=DIRECTION_OPTIONS,
            required=True,
        ),
        FormField("done", "Milestone done", "bool", value=value("done", False)),
        FormField(
            "owner",
            "Owner",
            value=value("owner", ""),
            placeholder="one person's name",
            people=people_in(data),
        ),
        FormField("due", "Due", "date", value=value("due"), placeholder=f"default: {ends}"),
        FormField("weight", "Weight", "number", value=value("weight", 1.0)),
        FormField(
            "confidence",
            "Confidence 0–10",
            "int",
            value=value("confidence"),
            placeholder="how likely, 0 to 10 (about 5 for a stretch)",
        ),
    ]


def _kind_is(*kinds: str) -> Callable[[dict[str, Any]], bool]:
    return lambda values: values.get("kind", "metric") in kinds


# Which key result fields each kind needs; the others are hidden (their values are kept).
KEY_RESULT_FIELDS_SHOWN = {
    "baseline": _kind_is("metric"),
    "target": _kind_is("metric", "maintain"),
    "current": _kind_is("metric", "maintain"),
    "unit": _kind_is("metric", "maintain"),
    "direction": _kind_is("maintain"),
    "done": _kind_is("milestone"),
}


def commit_fields(record: Objective | KeyResult, data: CycleData) -> list[FormField]:
    """The commit stage's short form: who owns it, and for a key result when and how sure."""
    owner = FormField(
        "owner",
        "Owner",
        value=record.owner,
        placeholder="one person's name",
        people=people_in(data),
    )
    if isinstance(record, Objective):
        return [
            owner,
            FormField(
                "commitment",
                "Commitment",
                "choice",
                value=record.commitment,
                options=COMMITMENT_OPTIONS,
                required=True,
            ),
        ]
    ends = data.cycle.ends.isoformat() if data.cycle.ends else "no end date"
    return [
        owner,
        FormField("due", "Due", "date", value=record.due, placeholder=f"default: {ends}"),
        FormField(
            "confidence",
            "Confidence 0–10",
            "int",
            value=record.confidence,
            placeholder="how likely, 0 to 10 (about 5 for a stretch)",
        ),
    ]


def theme_fields(theme: Theme | None) -> list[FormField]:
    """Fields of a strategic theme."""
    return [
        FormField(
            "title",
            "Theme",
            value=theme.title if theme else None,
            required=True,
            placeholder="e.g. Patient experience",
        ),
        FormField("description", "Why", value=theme.description if theme else ""),
    ]


def dismiss_fields(findings: Sequence[Finding]) -> list[FormField]:
    """Which finding to dismiss, and why the room keeps the OKR as it is."""
    options = [(f"{SEVERITY_ICONS[f.severity]} {f.rule}", f.rule) for f in findings]
    return [
        FormField(
            "rule",
            "Finding",
            "choice",
            value=findings[0].rule if len(findings) == 1 else None,
            options=options,
            required=True,
        ),
        FormField(
            "reason",
            "Why it stays",
            required=True,
            placeholder="what the room decided, e.g. the board asked for this wording",
            help="Kept with the cycle and shown in the exports.",
        ),
    ]


def restore_fields(dismissed: Sequence[Dismissal]) -> list[FormField]:
    """Which dismissed finding to bring back."""
    return [
        FormField(
            "dismissal",
            "Dismissed",
            "choice",
            options=[(f"{d.rule}: {d.reason}", d.id) for d in dismissed],
            required=True,
        )
    ]


def clean_key_result(values: dict[str, Any]) -> dict[str, Any]:
    """Weight left blank means 1."""
    if values.get("weight") is None:
        values = {**values, "weight": 1.0}
    return values
