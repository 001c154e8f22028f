"""Action items: owner, due date, status; open ones are reviewed at the next session."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from okrworkshop.model import ActionItem, edits
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.widgets.plain_table import PlainTable

STATUS_STYLES = {"open": "yellow", "done": "green", "dropped": "dim"}


class ActionsView(View):
    """Every action of the cycle, open ones first."""

    BINDINGS = [
        Binding("a", "add_action", "+Action", tooltip="Add an action with owner and due date"),
        Binding(
            "space",
            "toggle_done",
            "Done/open",
            tooltip="Mark the selected action done, or open again",
        ),
        Binding(
            "delete,x",
            "delete_action",
            "Delete",
            tooltip="Delete the selected action (ctrl+z undoes)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "Actions  [dim](a adds, Space marks done, Enter edits)[/]", classes="section-title"
        )
        yield PlainTable(id="actions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#actions", DataTable)
        for key, label in (
            ("text", "Action"),
            ("owner", "Owner"),
            ("due", "Due"),
            ("status", "Status"),
            ("from", "From session"),
        ):
            table.add_column(label, key=key)

    def refresh_view(self) -> None:
        data = self.data
        table = self.query_one("#actions", DataTable)
        key, row = selected_key(table), table.cursor_row
        table.clear()
        actions = sorted(data.ordered("actions"), key=lambda a: a.status != "open")
        today = self.app.today()
        for action in actions:
            session = data.sessions.get(action.session_id or "")
            late = action.status == "open" and action.due is not None and action.due < today
            table.add_row(
                action.text,
                action.owner or Text("no owner", style="dim italic"),
                Text(
                    action.due.isoformat() if action.due else "—", style="bold red" if late else ""
                ),
                Text(action.status, style=STATUS_STYLES[action.status]),
                session.title if session else "—",
                key=action.id,
            )
        if not actions:
            table.add_row(
                Text("No actions yet — press a to add one", style="dim"),
                "",
                "",
                "",
                "",
                key="__empty__",
            )
        restore_cursor(table, key, row)

    def _selected(self) -> ActionItem | None:
        return self.data.actions.get(selected_key(self.query_one("#actions", DataTable)) or "")

    def _fields(self, action: ActionItem | None) -> list[FormField]:
        return [
            FormField(
                "text",
                "Action",
                value=action.text if action else None,
                required=True,
                placeholder="what will be done",
            ),
            FormField(
                "owner", "Owner", value=action.owner if action else "", placeholder="who does it"
            ),
            FormField("due", "Due", "date", value=action.due if action else None),
        ]

    def action_add_action(self) -> None:
        session = self.session

        def submit(values: dict[str, Any]) -> str | None:
            if not values["owner"] or values["due"] is None:
                self.app.notify(
                    "Tip: an action without an owner and a due date is a wish.", timeout=4
                )
            _, change = edits.add_record(
                "actions",
                "act",
                f"add action {values['text']!r}",
                **values,
                status="open",
                session_id=session.id if session else None,
                created_on=self.app.today(),
            )
            return self.app.apply(change)

        self.app.push_screen(FormScreen("New action", self._fields(None), submit))

    @on(DataTable.RowSelected, "#actions")
    def _edit(self) -> None:
        action = self._selected()
        if action is None:
            self.action_add_action()
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("actions", action.id, f"edit action {values['text']!r}", **values)
            )

        self.app.push_screen(FormScreen("Edit action", self._fields(action), submit))

    def action_toggle_done(self) -> None:
        action = self._selected()
        if action is None:
            return
        done = action.status != "done"
        self.apply(
            edits.update(
                "actions",
                action.id,
                f"mark {action.text!r} {'done' if done else 'open'}",
                status="done" if done else "open",
                done_on=self.app.today() if done else None,
            )
        )

    def action_delete_action(self) -> None:
        action = self._selected()
        if action is None:
            return
        change = edits.delete_record(
            self.data, "actions", action.id, f"delete action {action.text!r}"
        )
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{action.text}”. ctrl+z brings it back.", timeout=5)
