"""The HTML export: one self-contained, printable, offline page per cycle or session.

Same content as the Markdown summary, from the same context. Autoescape is on, so people's text
is always text: nothing they type becomes markup. The page loads nothing from anywhere (inline
CSS, no scripts, no fonts or images), and its Content-Security-Policy says so to the browser.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from exports.filters import FILTERS


@cache
def html_environment() -> Environment:
    """The HTML Jinja environment: autoescape on, strict about missing data."""
    env = Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(FILTERS)
    env.filters["bar_width"] = bar_width
    return env


def bar_width(value: float | None) -> str:
    """The filled share of a progress bar, as a CSS percentage clamped to 0–100."""
    return f"{min(max(value or 0.0, 0.0), 1.0) * 100:.1f}"


def render_cycle_html(context: dict[str, Any]) -> str:
    """The cycle one-pager as a page."""
    return html_environment().get_template("cycle.html.j2").render(context)


def render_session_html(context: dict[str, Any], session_id: str) -> str:
    """One session's minutes as a page."""
    session = next(s for s in context["sessions"] if s["id"] == session_id)
    template = html_environment().get_template("session.html.j2")
    return template.render({**context, "session": session})
