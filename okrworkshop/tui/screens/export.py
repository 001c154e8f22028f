"""Export from the app: pick the format and the file, see where it was written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrworkshop.model import CycleData, Session
from okrworkshop.tui.screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

FORMATS = [
    ("Markdown (wiki summary)", "markdown"),
    ("JSON bundle (re-importable)", "json"),
    ("CSV of key results", "csv"),
]
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv"}


def slug(text: str) -> str:
    """A file-name-safe version of a title."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "export"


def default_path(data: CycleData, session: Session | None, fmt: str) -> Path:
    name = slug(data.cycle.name)
    if session is not None and fmt == "markdown":
        name += "-" + slug(session.title)
    return Path.cwd() / f"{name}{EXTENSIONS[fmt]}"


def render(data: CycleData, fmt: str, session_id: str | None, today: Any) -> str:
    """The export's text."""
    if fmt == "json":
        from exports.bundle_json import export_json

        return export_json(data)
    if fmt == "csv":
        from exports.csv_export import export_csv

        return export_csv(data)
    from exports.markdown import export_markdown

    return export_markdown(data, session_id=session_id, today=today)


class ExportScreen(FormScreen):
    """The export form."""

    app: OkrWorkshopApp

    def __init__(self, data: CycleData, session: Session | None) -> None:
        self.data = data
        self.session = session
        scopes = [("The cycle one-pager", "cycle")]
        if session is not None:
            scopes.insert(0, (f"Minutes of {session.title}", "session"))
        fields = [
            FormField(
                "format", "Format", "choice", value="markdown", options=FORMATS, required=True
            ),
            FormField("scope", "What", "choice", value=scopes[0][1], options=scopes, required=True),
            FormField(
                "path", "File", value=str(default_path(data, session, "markdown")), required=True
            ),
        ]
        super().__init__(
            "Export",
            fields,
            self._write,
            hint="Minutes apply to Markdown; JSON and CSV cover the whole cycle.",
            save_label="Export",
        )

    def on_select_changed(self) -> None:
        values = self.values()
        path_input = self.query_one("#field-path")
        current = Path(path_input.value)  # type: ignore[attr-defined]
        session = self.session if values["scope"] == "session" else None
        suggested = default_path(self.data, session, values["format"])
        if current.parent == suggested.parent:
            path_input.value = str(suggested)  # type: ignore[attr-defined]

    def _write(self, values: dict[str, Any]) -> str | None:
        from okrworkshop.store.storage import atomic_write_bytes

        path = Path(values["path"]).expanduser()
        if path.is_dir():
            return f"{path} is a folder; give a file name"
        if not path.parent.exists():
            return f"the folder {path.parent} does not exist"
        session_id = self.session.id if self.session and values["scope"] == "session" else None
        text = render(self.data, values["format"], session_id, self.app.today())
        try:
            atomic_write_bytes(path, text.encode("utf-8"))
        except OSError as error:
            return f"cannot write {path}: {error.strerror or error}"
        self.app.notify(f"Wrote {path.resolve()}", timeout=10)
        return None
