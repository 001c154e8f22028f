"""The Markdown summary (DESIGN §8): valid GitHub-flavoured Markdown whatever people typed.

User text goes through ``inline`` (escapes Markdown and HTML, folds newlines) or ``cell``
(the same, and keeps tables in shape by escaping ``|``). Missing data is an error
(``StrictUndefined``), never a silent blank.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from facilitation.coach import Finding
from okrworkshop.model import CycleData

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
# At the start of a line these make a list or a rule ("1. ", "- ", "---", "==="), swallowing text.
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-=])")


def inline(value: object) -> str:
    """User text made safe for one line of Markdown: no markup, no HTML, no line breaks."""
    text = "" if value is None else str(value)
    text = _LINE_BREAKS.sub(" ", text).strip()
    text = _ENTITY.sub(r"&amp;\1", text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return text.replace("\\<", "&lt;").replace("\\>", "&gt;")


def cell(value: object) -> str:
    """User text for a table cell: like ``inline``; an empty cell shows a dash."""
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


def score(value: float | None) -> str:
    """0.0 to 1.0 with up to two decimals, so 0.65 is not shown as 0.7 (another band)."""
    if value is None:
        return "—"
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text


def iso(value: date | None) -> str:
    return value.isoformat() if value else "—"


def bar(value: float | None, width: int = 10) -> str:
    filled = round((value or 0.0) * width)
    return "█" * filled + "░" * (width - filled)


FILTERS = {
    "inline": inline,
    "cell": cell,
    "percent": percent,
    "number": number,
    "score": score,
    "iso": iso,
    "bar": bar,
}


@cache
def markdown_environment() -> Environment:
    """The Markdown Jinja environment: no autoescape (we escape with filters), strict."""
    env = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(FILTERS)
    return env


def render_cycle_markdown(context: dict[str, Any]) -> str:
    """The cycle one-pager."""
    return _tidy(markdown_environment().get_template("cycle.md.j2").render(context))


def render_session_markdown(context: dict[str, Any], session_id: str) -> str:
    """One session's minutes."""
    session = next(s for s in context["sessions"] if s["id"] == session_id)
    template = markdown_environment().get_template("session.md.j2")
    return _tidy(template.render({**context, "session": session}))


def export_markdown(
    data: CycleData,
    *,
    session_id: str | None = None,
    findings: list[Finding] | None = None,
    today: date | None = None,
) -> str:
    """The Markdown export of a cycle, or of one session's minutes."""
    from exports.context import build_context

    context = build_context(data, findings=findings, today=today)
    if session_id is not None:
        return render_session_markdown(context, session_id)
    return render_cycle_markdown(context)


def _tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
