"""Export from the app: pick the format, what to export and the file; see where it was written.

The export works on a snapshot of the cycle taken on the app's thread; building it — seconds
for a large cycle or a team's own template — and writing the file happen in a worker, so the
room's screen never freezes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.widgets import Button, Input, Select, Static

from okrworkshop.model import CycleData, Session
from okrworkshop.tui.screens.form import FieldError, FormField, FormScreen

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

FORMATS = [
    ("Markdown: the wiki summary", "markdown"),
    ("HTML: a page to print or share", "html"),
    ("JSON: the bundle, re-importable", "json"),
    ("CSV: key results for a spreadsheet", "csv"),
    ("My own template (file below)", "template"),
]
EXTENSIONS = {"markdown": ".md", "html": ".html", "json": ".json", "csv": ".csv"}
WHOLE_CYCLE_ONLY = ("json", "csv")


def slug(text: str) -> str:
    """A file-name-safe version of a title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "export"


def template_extension(template: str) -> str:
    """The output's extension for a template file: ``status.md.j2`` writes ``.md``."""
    name = Path(template.strip()).name.lower()
    for extra in (".j2", ".jinja2", ".jinja"):
        name = name.removesuffix(extra)
    suffix = Path(name).suffix
    return suffix if suffix and suffix != name else ".txt"


def default_path(
    data: CycleData,
    session: Session | None,
    fmt: str,
    *,
    folder: Path | None = None,
    template: str = "",
) -> Path:
    """Where an export goes unless the facilitator says otherwise."""
    name = slug(data.cycle.name)
    if session is not None and fmt not in WHOLE_CYCLE_ONLY:
        name += "-" + slug(session.title)
    extension = template_extension(template) if fmt == "template" else EXTENSIONS[fmt]
    return (folder or Path.cwd()) / f"{name}{extension}"


@dataclass(frozen=True)
class ExportRequest:
    """One export the facilitator asked for."""

    fmt: str
    session_id: str | None
    template: Path | None
    path: Path


class ExportScreen(FormScreen):
    """The export form: format, scope, template file and target file."""

    app: OkrWorkshopApp

    def __init__(self, data: CycleData, session: Session | None) -> None:
        self.data = data
        self.sessions = {s.id: s for s in data.ordered("sessions")}
        scopes = [("The cycle one-pager", "cycle")]
        scopes += [(f"Minutes of {s.title}", s.id) for s in self.sessions.values()]
        start_scope = session.id if session is not None else "cycle"
        self._suggested = ""
        self._choices: tuple[Any, ...] = ()
        fields = [
            FormField(
                "format",
                "Format",
                "choice",
                value="markdown",
                options=FORMATS,
                required=True,
                help="Markdown for the wiki, HTML to print, JSON to re-import, CSV to chart",
            ),
            FormField(
                "scope",
                "What",
                "choice",
                value=start_scope,
                options=scopes,
                required=True,
                help="the whole cycle on one page, or one session's minutes",
            ),
            FormField(
                "template",
                "Template file",
                placeholder="e.g. docs/templates/team-status.md.j2",
                help="a Jinja2 template; *.html.j2 is autoescaped",
            ),
            FormField("path", "Write to", required=True, help="the file to write (replaced)"),
        ]
        super().__init__(
            "Export",
            fields,
            lambda values: None,
            hint="Minutes apply to Markdown, HTML and templates; JSON and CSV hold the whole "
            "cycle.",
            save_label="Export",
        )

    # ------------------------------------------------------------ keeping the form coherent

    def on_mount(self) -> None:
        self._follow_choices()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._follow_choices()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-template":
            self._follow_choices()

    def _follow_choices(self) -> None:
        fmt = self.query_one("#field-format", Select).value
        scope = self.query_one("#field-scope", Select)
        template = self.query_one("#field-template", Input)
        path = self.query_one("#field-path", Input)
        template_row = template.parent
        if template_row is not None:
            template_row.display = fmt == "template"
        scope.disabled = fmt in WHOLE_CYCLE_ONLY
        choices = (fmt, scope.value, template.value)
        # Select.Changed also arrives for the starting values, maybe after typing began.
        if not isinstance(fmt, str) or choices == self._choices:
            return
        self._choices = choices
        session = self.sessions.get(str(scope.value))
        last = self.app.last_export
        suggested = str(
            default_path(
                self.data,
                session,
                fmt,
                folder=last.parent if last is not None else None,
                template=template.value,
            )
        )
        # Follow the choices until the facilitator types a file name of their own.
        if path.value in ("", self._suggested):
            path.value = suggested
            # Show the end of a long path: the file name is the part people check.
            path.cursor_position = len(suggested)
        self._suggested = suggested

    # ------------------------------------------------------------ exporting

    def action_save(self) -> None:
        try:
            values = self.values()
        except FieldError as error:
            self.show_error(str(error))
            self.query_one(f"#field-{error.name}").focus()
            return
        request, problem = self._request(values)
        if request is None:
            self.show_error(problem)
            return
        if request.path.exists() and request.path != self.app.last_export:
            from okrworkshop.tui.screens.confirm import ConfirmScreen

            def answer(replace: bool | None) -> None:
                if replace:
                    self._start(request)
                else:
                    self.query_one("#field-path", Input).focus()

            self.app.push_screen(
                ConfirmScreen(f"{request.path} already exists. Replace it?", yes="Replace"),
                answer,
            )
            return
        self._start(request)

    def _request(self, values: dict[str, Any]) -> tuple[ExportRequest | None, str]:
        fmt = values["format"]
        path = Path(values["path"]).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            return None, f"{path} is a folder; give a file name"
        if not path.parent.is_dir():
            return None, f"the folder {path.parent} does not exist"
        template = None
        if fmt == "template":
            if not values["template"]:
                return None, "Template file: required for your own template"
            template = Path(values["template"]).expanduser()
            if not template.is_absolute():
                template = Path.cwd() / template
        scope = values["scope"]
        session_id = None if fmt in WHOLE_CYCLE_ONLY or scope == "cycle" else scope
        return ExportRequest(fmt, session_id, template, path), ""

    def _start(self, request: ExportRequest) -> None:
        """Take a snapshot of the cycle here; render and write it in a worker."""
        produce = _export_job(self.data.snapshot(), request, self.app.today())
        self.show_error("")
        self.query_one("#save", Button).disabled = True
        self.query_one("#form-help", Static).update(Text(f"Exporting to {request.path} …"))
        self._export(request.path, produce)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, produce: Callable[[], str]) -> None:
        from exports.user_template import TemplateError
        from okrworkshop.store.storage import atomic_write_bytes

        try:
            text = produce()
            atomic_write_bytes(path, text.encode("utf-8"), shared=True)
        except TemplateError as error:
            self.app.call_from_thread(self._failed, str(error), "template")
        except OSError as error:
            self.app.call_from_thread(
                self._failed, f"cannot write {path}: {error.strerror or error}"
            )
        except Exception as error:  # a bug of ours must not end the facilitator's session
            self.app.call_from_thread(self._failed, f"could not export: {error}")
        else:
            self.app.call_from_thread(self._written, path, len(text.encode("utf-8")))

    def _failed(self, message: str, field: str = "path") -> None:
        self.query_one("#save", Button).disabled = False
        self.show_error(message)
        # Back in the field to fix; its focus also puts the usual help line back.
        self.query_one(f"#field-{field}", Input).focus()

    def _written(self, path: Path, size: int) -> None:
        self.app.last_export = path
        self.app.notify(f"Wrote {path} ({_size(size)})", title="Exported", timeout=12)
        self.dismiss({"path": str(path)})


def _export_job(data: CycleData, request: ExportRequest, today: date) -> Callable[[], str]:
    """The export's text, made from a snapshot so the cycle may change meanwhile."""

    def produce() -> str:
        from exports.formats import export_text, template_context

        if request.template is None:
            return export_text(data, request.fmt, session_id=request.session_id, today=today)
        from exports.user_template import read_template, render_user_template, wants_html

        source = read_template(request.template)
        return render_user_template(
            source,
            template_context(data, session_id=request.session_id, today=today),
            name=request.template.name,
            html=wants_html(request.template),
        )

    return produce


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 2**20:.1f} MB"
