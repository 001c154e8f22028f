"""Action items: owner, due date, status; the open ones are reviewed at the next session.

In a session the list opens with what is still open from before it (the review), then what
this session added; done and dropped ones follow, or hide with ``f``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.people import people_in
from okrworkshop.model import ActionItem, CycleData, Session, edits
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp

STATUS_STYLES = {"open": "yellow", "done": "green", "dropped": "dim"}
STATUS_OPTIONS = [("Open", "open"), ("Done", "done"), ("Dropped", "dropped")]
COLUMNS = (
    Column("text", "Action", 0, 0),
    # Who does what by when: owner, due and status stay on screen down to 100 columns.
    Column("owner", "Owner", 14, 1),
    Column("due", "Due", 10, 1),
    Column("status", "Status", 11, 1),
    Column("from", "From", 26, 3),
)


def action_fields(
    action: ActionItem | None, defaults: dict[str, Any], people: Sequence[str] = ()
) -> list[FormField]:
    """The action form, filled from ``action`` or ``defaults``; ``people`` are the names an
    owner typed in part may mean."""

    def value(name: str, fallback: Any = None) -> Any:
        return getattr(action, name) if action is not None else defaults.get(name, fallback)

    fields = [
        FormField(
            "text", "Action", value=value("text"), required=True, placeholder="what will be done"
        ),
        FormField(
            "owner",
            "Owner",
            value=value("owner", ""),
            placeholder="one person's name",
            people=people,
        ),
        FormField("due", "Due", "date", value=value("due"), placeholder="YYYY-MM-DD"),
    ]
    if action is not None:
        fields.append(
            FormField(
                "status",
                "Status",
                "choice",
                value=action.status,
                options=STATUS_OPTIONS,
                required=True,
            )
        )
    return fields


def add_action(
    app: OkrWorkshopApp,
    data: CycleData,
    session: Session | None,
    defaults: dict[str, Any] | None = None,
    *,
    title: str = "New action",
    then: Callable[[str], None] | None = None,
) -> None:
    """Ask for an action (owner and due date encouraged) and add it to the cycle."""
    created: dict[str, str] = {}

    def submit(values: dict[str, Any]) -> str | None:
        action_id, change = edits.add_record(
            "actions",
            "act",
            f"add action {values['text']!r}",
            **values,
            status="open",
            session_id=session.id if session else None,
            created_on=app.today(),
        )
        problem = app.apply(change)
        if problem is None:
            created["id"] = action_id
        return problem

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        if not values["owner"] or values["due"] is None:
            app.notify("Added. Tip: an action without an owner and a due date is a wish.")
        else:
            app.notify(f"Action for {values['owner']}, due {values['due']}.", timeout=3)
        if then is not None and "id" in created:
            then(created["id"])

    app.push_screen(
        FormScreen(
            title,
            action_fields(None, defaults or {}, people_in(data)),
            submit,
            hint="Who does what by when; it comes back at the next session until it is done.",
        ),
        done,
    )


def from_label(data: CycleData, action: ActionItem) -> str:
    """Where an action came from: its session, or the cycle before."""
    if action.carried_from is not None:
        past = action.carried_from
        where = past.cycle_name or past.cycle_id
        return f"{where} · {past.note}" if past.note else where
    session = data.sessions.get(action.session_id or "")
    return session.title if session else "—"


def status_text(action: ActionItem, today: date) -> Text:
    if action.carried_to is not None:
        return Text("→ next cycle", style="dim")
    late = action.status == "open" and action.due is not None and action.due < today
    return Text(action.status + (" · late" if late else ""), style=STATUS_STYLES[action.status])


class ActionsView(TableView):
    """Every action of the cycle: the ones to review first, then new ones, then closed ones."""

    BINDINGS = [
        Binding("a", "add_action", "+Action", tooltip="Add an action with owner and due date"),
        Binding(
            "space",
            "set_status('done')",
            "Done",
            tooltip="Mark the selected action done (again: open)",
        ),
        Binding(
            "d",
            "set_status('dropped')",
            "Drop",
            tooltip="Drop the selected action: we decided not to do it (again: open)",
        ),
        Binding("f", "toggle_closed", "Closed", tooltip="Show or hide done and dropped actions"),
        Binding(
            "delete,x",
            "delete_action",
            "Delete",
            tooltip="Delete the selected action (ctrl+z undoes)",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_closed = True

    def compose(self) -> ComposeResult:
        yield Static(id="actions-title", classes="section-title")
        yield FittedTable(
            COLUMNS, id="actions", min_title=22, cursor_type="row", zebra_stripes=True
        )

    def _sections(self) -> list[tuple[str, list[ActionItem]]]:
        data, session = self.data, self.session
        actions = data.ordered("actions")
        open_ = [a for a in actions if a.is_open]
        closed = [a for a in actions if not a.is_open] if self.show_closed else []
        if session is None:
            return [("Open", open_), ("Closed", closed)]
        here = [a for a in open_ if a.session_id == session.id]
        before = [a for a in open_ if a.session_id != session.id]
        return [("To review", before), ("New this session", here), ("Closed", closed)]

    def refresh_view(self) -> None:
        key, row = self.start_redraw()
        table = self.table
        today = self.app.today()
        data = self.data
        sections = self._sections()
        review = len(sections[0][1]) if self.session is not None else 0
        title = Text.assemble(("Actions", "bold"))
        if self.session is not None:
            title.append(
                f"  {review} still open from before this session" if review else "  none to review",
                style="yellow" if review else "green",
            )
        title.append(
            "  (a adds · Space done · d drop · Enter edits"
            + (" · f hides closed)" if self.show_closed else " · f shows closed)"),
            style="dim",
        )
        self.query_one("#actions-title", Static).update(title)
        for heading, actions in sections:
            if not actions:
                continue
            table.add_note(Text(f"{heading} ({len(actions)})", style="bold"), key=f"§{heading}")
            for action in actions:
                table.add_cells(
                    {
                        "text": action.text,
                        "owner": action.owner or Text("no owner", style="dim italic"),
                        "due": action.due.isoformat() if action.due else "—",
                        "status": status_text(action, today),
                        "from": from_label(data, action),
                    },
                    key=action.id,
                )
        if table.row_count == 0:
            table.add_note(Text("No actions yet — press a to add one", style="dim"))
        restore_cursor(table, key, row)
        if key is None or key.startswith("§"):
            self._skip_headings()

    def _skip_headings(self) -> None:
        table = self.table
        for index, row in enumerate(table.ordered_rows):
            if row.key.value in self.data.actions:
                table.move_cursor(row=index, animate=False)
                return

    def _selected(self) -> ActionItem | None:
        return self.data.actions.get(selected_key(self.table) or "")

    def action_add_action(self) -> None:
        add_action(self.app, self.data, self.session, then=self.cycle_screen.select_later)

    @on(DataTable.RowSelected, "#actions")
    def _edit(self) -> None:
        action = self._selected()
        if action is None:
            self.action_add_action()
            return

        def submit(values: dict[str, Any]) -> str | None:
            if values["status"] != action.status:
                values["done_on"] = self.app.today() if values["status"] == "done" else None
            return self.app.apply(
                edits.update("actions", action.id, f"edit action {values['text']!r}", **values)
            )

        self.app.push_screen(
            FormScreen("Edit action", action_fields(action, {}, people_in(self.data)), submit)
        )

    def action_set_status(self, status: str) -> None:
        action = self._selected()
        if action is None:
            return
        if action.carried_to is not None:
            self.app.notify("This action moved on to the next cycle; close it there.", timeout=5)
            return
        new = "open" if action.status == status else status
        self.apply(
            edits.update(
                "actions",
                action.id,
                f"mark {action.text!r} {new}",
                status=new,
                done_on=self.app.today() if new == "done" else None,
            )
        )

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.refresh_view()

    def action_delete_action(self) -> None:
        action = self._selected()
        if action is None:
            return
        change = edits.delete_record(
            self.data, "actions", action.id, f"delete action {action.text!r}"
        )
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{action.text}”. ctrl+z brings it back.", timeout=5)
