"""Every export by name, for the command line and the app: one place that picks the exporter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line imports the names below before it needs the model
    from okrworkshop.model import CycleData

FORMATS = ("markdown", "html", "json", "csv")
EXTENSIONS = {"markdown": ".md", "html": ".html", "json": ".json", "csv": ".csv"}
# The formats that can be one session's minutes rather than the whole cycle.
SESSION_FORMATS = ("markdown", "html")


def export_text(
    data: CycleData, fmt: str, *, session_id: str | None = None, today: date | None = None
) -> str:
    """The cycle (or, for Markdown and HTML, one session's minutes) in one of ``FORMATS``."""
    if fmt == "json":
        from exports.bundle_json import export_json

        return export_json(data)
    if fmt == "csv":
        from exports.csv_export import export_csv

        return export_csv(data)
    if fmt in SESSION_FORMATS:
        from exports.context import build_context

        return render_context(build_context(data, today=today), fmt, session_id=session_id)
    raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")


def render_context(context: dict[str, Any], fmt: str, *, session_id: str | None = None) -> str:
    """Markdown or HTML from a context built beforehand (the app builds it on its own thread
    and renders elsewhere, so a long render never reads the cycle while it changes)."""
    if fmt == "html":
        from exports.html import render_cycle_html, render_session_html

        if session_id is not None:
            return render_session_html(context, session_id)
        return render_cycle_html(context)
    from exports.markdown import render_cycle_markdown, render_session_markdown

    if session_id is not None:
        return render_session_markdown(context, session_id)
    return render_cycle_markdown(context)


def template_context(
    data: CycleData, *, session_id: str | None = None, today: date | None = None
) -> dict[str, Any]:
    """What a person's own template sees: the export context, with ``session`` set or None."""
    from exports.context import build_context

    context = build_context(data, today=today)
    context["session"] = next((s for s in context["sessions"] if s["id"] == session_id), None)
    return context


def export_with_template(
    data: CycleData,
    template: Path,
    *,
    session_id: str | None = None,
    today: date | None = None,
    html: bool | None = None,
    name: str | None = None,
) -> str:
    """Render a person's template file in the sandbox; ``TemplateError`` says what went wrong.

    ``html`` None decides by the file name (``*.html.j2`` is autoescaped); ``name`` is how the
    file is called in messages (default: the path as given).
    """
    from exports.user_template import read_template, render_user_template, wants_html

    source = read_template(template)
    return render_user_template(
        source,
        template_context(data, session_id=session_id, today=today),
        name=name or str(template),
        html=wants_html(template) if html is None else html,
    )
