"""Small renderers shared by the views: numbers, progress bars, bands and findings."""

from __future__ import annotations

from rich.text import Text

from facilitation.coach import Finding
from okrworkshop.model import KeyResult
from okrworkshop.model.progress import confidence_band, score_band

BAND_STYLES = {"red": "bold red", "yellow": "bold yellow", "green": "bold green"}
CONFIDENCE_STYLES = {"low": "red", "medium": "yellow", "high": "green"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_ICONS = {"error": "✖", "warning": "▲", "info": "●"}


def number(value: float | None, unit: str = "") -> str:
    """A value as people write it: 1,200 · 4.25 · 12 %."""
    if value is None:
        return "—"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if unit:
        return f"{text}{unit}" if unit in ("%",) else f"{text} {unit}"
    return text


def progress_bar(progress: float | None, width: int = 8) -> Text:
    """``███████░░░ 70%`` coloured by how far along it is."""
    if progress is None:
        return Text("—", style="dim")
    filled = round(progress * width)
    style = BAND_STYLES[score_band(progress)]
    return Text.assemble(
        ("█" * filled, style), ("░" * (width - filled), "dim"), f" {round(progress * 100):>3d}%"
    )


def score_text(score: float | None) -> Text:
    if score is None:
        return Text("—", style="dim")
    return Text(f"{score:.1f}", style=BAND_STYLES[score_band(score)])


def confidence_text(confidence: int | None) -> Text:
    if confidence is None:
        return Text("—", style="dim")
    return Text(f"{confidence}/10", style=CONFIDENCE_STYLES[confidence_band(confidence)])


def target_text(kr: KeyResult) -> str:
    """What the key result aims at, by kind."""
    if kr.kind == "milestone":
        return "done" if kr.done else "not yet"
    if kr.kind == "maintain":
        sign = "≥" if kr.direction == "at-least" else "≤"
        return f"{sign} {number(kr.target, kr.unit)}"
    return f"{number(kr.baseline)} → {number(kr.target, kr.unit)}"


def findings_badge(findings: list[Finding]) -> Text:
    """``✖1 ▲2`` for the findings on one row; empty when there are none."""
    if not findings:
        return Text("")
    parts: list[tuple[str, str]] = []
    for severity in ("error", "warning", "info"):
        count = sum(1 for f in findings if f.severity == severity)
        if count:
            parts.append((f"{SEVERITY_ICONS[severity]}{count} ", SEVERITY_STYLES[severity]))
    return Text.assemble(*parts)


SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 8, style: str = "cyan") -> Text:
    """The last ``width`` values as ``▁▃▅█``, scaled between their lowest and highest."""
    shown = values[-width:]
    if not shown:
        return Text("—", style="dim")
    # Halved first, so that values near the float limits subtract without overflowing.
    low, high = min(shown) / 2, max(shown) / 2
    span = high - low
    top = len(SPARK_BLOCKS) - 1
    if not span:
        return Text(SPARK_BLOCKS[top // 2] * len(shown), style=style)
    blocks = "".join(SPARK_BLOCKS[round((value / 2 - low) / span * top)] for value in shown)
    return Text(blocks, style=style)


def provisional_score_text(progress: float) -> Text:
    """A score not confirmed yet: the progress it defaults to, dim and marked."""
    return Text(f"{progress:.2f}?", style="dim italic")
