"""Jinja filters shared by our templates and people's own: escaping and number formatting.

Pure functions of plain values, with no import beyond the standard library, so the sandbox
process that renders a user's template can load them without the model or pydantic.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# Line breaks of any kind (CommonMark's and the ones Python, wikis and browsers also honour).
_LINE_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
# At the start of a line these make a list or a rule ("1. ", "- ", "---", "==="), swallowing text.
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-=])(?=[\s=-]|$)")
# Units written straight after the number: 17%, 8.9/10, 21°.
_TIGHT_UNIT = re.compile(r"^[%‰°/′″]")
# Text none of the rules above would change: nothing to escape, no line break or entity.
_WORD = r"[^\\`*_{}\[\]<>()#+!|~&\s]+"  # \s: every space and line break Python knows
_PLAIN = re.compile(f"{_WORD}(?: {_WORD})*")


def inline(value: object) -> str:
    """User text made safe for one line of Markdown: no markup, no HTML, no line breaks."""
    text = "" if value is None else str(value)
    if _PLAIN.fullmatch(text) and not (text[0].isdigit() or text[0] in "-="):
        return text  # most titles and names: words, digits, spaces, common punctuation
    return _escape_inline(text)


def _escape_inline(text: str) -> str:
    text = _LINE_BREAKS.sub(" ", text).strip()
    text = _ENTITY.sub(r"&amp;\1", text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return text.replace("\\<", "&lt;").replace("\\>", "&gt;")


def cell(value: object) -> str:
    """User text for a table cell: like ``inline`` (which escapes ``|``); empty shows a dash."""
    text = inline(value)
    return text if text else "—"


def percent(value: float | None) -> str:
    """Whole percent; "100%" only when the target is really reached (99.6% shows 99%)."""
    if value is None:
        return "—"
    shown = round(value * 100)
    return f"{99 if shown == 100 and value < 1 else shown:d}%"


def number(value: float | None) -> str:
    """A measured value as people read it: 1,234.5 · 0.0005 · 1.5e+308, never "0." or "3."."""
    if value is None:
        return "—"
    size = abs(value)
    if size >= 1e15 or (0 < size < 1e-4):
        return f"{value:.6g}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if size < 1:
        return f"{value:.3g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def measure(value: float | None, unit: str = "") -> str:
    """A value with its unit, as plain text: "17%", "8.92/10", "489 clinics", "—"."""
    if value is None:
        return "—"
    shown = number(value)
    unit = (unit or "").strip()
    if not unit:
        return shown
    return f"{shown}{unit}" if _TIGHT_UNIT.match(unit) else f"{shown} {unit}"


def score(value: float | None) -> str:
    """0.0 to 1.0 with up to two decimals, so 0.65 is not shown as 0.7 (another band)."""
    if value is None:
        return "—"
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def iso(value: date | None) -> str:
    """A date as 2027-03-31, or a dash."""
    return value.isoformat() if value else "—"


def minutes(value: float | None) -> str:
    """Minutes as people say them: "11 min", "6.5 min"; a dash for none."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    return f"{rounded:g} min"


def minutes_delta(actual: float | None, planned: float | None) -> str:
    """Actual against planned: "+2 min" over, "−3 min" under, "on time" within half a minute."""
    if actual is None or planned is None:
        return "—"
    delta = round(actual - planned, 1)
    if abs(delta) < 0.5:
        return "on time"
    return f"{'+' if delta > 0 else '−'}{abs(delta):g} min"


def bar(value: float | None, width: int = 10) -> str:
    """A text progress bar: ``███░░░░░░░`` for 0.3."""
    filled = round(min(max(value or 0.0, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)


FILTERS: dict[str, Any] = {
    "inline": inline,
    "cell": cell,
    "percent": percent,
    "number": number,
    "measure": measure,
    "score": score,
    "iso": iso,
    "minutes": minutes,
    "minutes_delta": minutes_delta,
    "bar": bar,
}
