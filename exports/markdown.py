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

from exports.filters import FILTERS, cell, inline, iso, number, percent, score
from okrworkshop.model import CycleData

__all__ = [
    "cell",
    "export_markdown",
    "inline",
    "iso",
    "markdown_environment",
    "number",
    "percent",
    "score",
]


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
    data: CycleData, *, session_id: str | None = None, today: date | None = None
) -> str:
    """The Markdown export of a cycle, or of one session's minutes."""
    from exports.formats import export_text

    return export_text(data, "markdown", session_id=session_id, today=today)


def _tidy(text: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
