"""The forms for objectives and key results (check-ins, scores and carry-over have theirs)."""

from __future__ import annotations

from typing import Any

from okrworkshop.model import LEVELS, CycleData, KeyResult, Objective
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
        FormField("owner", "Owner", value=value("owner", ""), placeholder="one person's name"),
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
        FormField("owner", "Owner", value=value("owner", ""), placeholder="one person's name"),
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


def clean_key_result(values: dict[str, Any]) -> dict[str, Any]:
    """Weight left blank means 1."""
    if values.get("weight") is None:
        values = {**values, "weight": 1.0}
    return values
