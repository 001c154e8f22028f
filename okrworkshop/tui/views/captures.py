"""Everything captured in one session: decisions, parking lot, not-doing, notes and actions."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.people import people_in
from okrworkshop.model import ActionItem, Capture, edits
from okrworkshop.tui.screens.capture import KIND_LABELS
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.views.layout import fit_columns
from okrworkshop.tui.widgets.plain_table import PlainTable

KIND_STYLES = {
    "decision": "bold green",
    "parking-lot": "yellow",
    "not-doing": "red",
    "note": "dim",
    "action": "bold cyan",
}
COLUMNS = (
    ("kind", "Kind", 11),
    ("text", "What", 0),
    ("by", "Raised by", 14),
    ("stage", "Stage", 16),
    ("at", "At", 5),
)
CAPTURE_KIND_OPTIONS = [(label, kind) for kind, label in KIND_LABELS.items() if kind != "action"]


class CapturesView(View):
    """The session's captures and actions in the order they were taken, editable."""

    BINDINGS = [
        Binding(
            "delete,x",
            "delete_capture",
            "Delete",
            tooltip="Delete the selected capture or action (ctrl+z undoes)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="captures-title", classes="section-title")
        yield PlainTable(id="captured", cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        table = self.query_one("#captured", DataTable)
        if self.display and self.is_mounted and table.columns:
            self.refresh_view()

    def refresh_view(self) -> None:
        session = self.session
        table = self.query_one("#captured", DataTable)
        key, row = selected_key(table), table.cursor_row
        fit_columns(table, COLUMNS, self.layout_width())
        table.clear()
        title = self.query_one("#captures-title", Static)
        if session is None:
            title.update("Captures belong to a session: pick one in the sidebar.")
            return
        captures = self.data.captures_of(session.id)
        actions = [a for a in self.data.ordered("actions") if a.session_id == session.id]
        counts = ", ".join(
            f"{sum(1 for c in captures if c.kind == kind)} {label.lower()}"
            for kind, label in KIND_LABELS.items()
            if kind != "action" and any(c.kind == kind for c in captures)
        )
        summary = f"{counts}, {len(actions)} actions" if counts else f"{len(actions)} actions"
        title.update(
            Text.assemble(
                ("Captured in this session", "bold"),
                (f"  {summary} · c captures · Enter edits · Delete removes", "dim"),
            )
        )
        stages = {s.key: s.title for s in session.stages}
        for capture in captures:
            table.add_row(
                Text(KIND_LABELS[capture.kind], style=KIND_STYLES[capture.kind]),
                capture.text,
                capture.author or "—",
                stages.get(capture.stage or "", "—"),
                f"{capture.at:%H:%M}" if capture.at else "—",
                key=capture.id,
            )
        for action in actions:
            what = Text(action.text)
            what.append(
                f"  → {action.owner or 'no owner'}, due "
                f"{action.due.isoformat() if action.due else 'not set'}",
                style="dim",
            )
            table.add_row(
                Text("Action", style=KIND_STYLES["action"]),
                what,
                action.author or "—",
                "—",
                "—",
                key=action.id,
            )
        if not captures and not actions:
            table.add_row(
                Text("Nothing captured yet — press c", style="dim"), "", "", "", "", key="__empty__"
            )
        restore_cursor(table, key, row)

    def _selected(self) -> Capture | ActionItem | None:
        key = selected_key(self.query_one("#captured", DataTable)) or ""
        return self.data.captures.get(key) or self.data.actions.get(key)

    @on(DataTable.RowSelected, "#captured")
    def _edit(self) -> None:
        record = self._selected()
        if isinstance(record, Capture):
            self._edit_capture(record)
        elif isinstance(record, ActionItem):
            self._edit_action(record)

    def _edit_capture(self, capture: Capture) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("captures", capture.id, f"edit capture {values['text']!r}", **values)
            )

        fields = [
            FormField(
                "kind",
                "Kind",
                "choice",
                value=capture.kind,
                options=CAPTURE_KIND_OPTIONS,
                required=True,
            ),
            FormField("text", "What", value=capture.text, required=True),
            FormField("author", "Raised by", value=capture.author, people=people_in(self.data)),
        ]
        self.app.push_screen(FormScreen("Edit capture", fields, submit))

    def _edit_action(self, action: ActionItem) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("actions", action.id, f"edit action {values['text']!r}", **values)
            )

        fields = [
            FormField("text", "Action", value=action.text, required=True),
            FormField(
                "owner",
                "Owner",
                value=action.owner,
                placeholder="one person's name",
                people=people_in(self.data),
            ),
            FormField("due", "Due", "date", value=action.due),
            FormField("author", "Raised by", value=action.author, people=people_in(self.data)),
        ]
        self.app.push_screen(FormScreen("Edit action", fields, submit))

    def action_delete_capture(self) -> None:
        record = self._selected()
        if record is None:
            return
        table = "captures" if isinstance(record, Capture) else "actions"
        change = edits.delete_record(self.data, table, record.id, f"delete {record.text!r}")
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{record.text}”. ctrl+z brings it back.", timeout=5)
