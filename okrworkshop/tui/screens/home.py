"""Home: the workspace's cycles — create, open, rename, delete with confirmation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from okrworkshop.model import Cycle, CycleData, new_id
from okrworkshop.model.errors import one_line
from okrworkshop.store import CycleNotFoundError, CycleSummary, WorkspaceError
from okrworkshop.tui.screens.confirm import ConfirmScreen
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.widgets.key_bar import KeyBar
from okrworkshop.tui.widgets.plain_table import PlainTable

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp


class HomeScreen(Screen[None]):
    """The list of cycles."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "open_cycle", "Open", show=True),
        Binding("n", "new_cycle", "New cycle"),
        Binding("r", "rename_cycle", "Rename"),
        Binding("delete,x", "delete_cycle", "Delete"),
        Binding("D", "add_demo", "Demo cycle"),
        Binding("e", "export_cycle", "Export", tooltip="Export the selected cycle to a file"),
        Binding("question_mark,f1", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: OkrWorkshopApp

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[CycleSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Cycles", classes="section-title")
            yield PlainTable(id="cycles", cursor_type="row", zebra_stripes=True)
            yield Static("", id="home-empty")
            yield Static("", id="workspace-path", classes="muted")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "okrworkshop"
        self.sub_title = "cycles"
        table = self.query_one("#cycles", DataTable)
        table.add_column("Cycle", key="name")
        table.add_column("Dates", key="dates")
        table.add_column("Objectives", key="objectives")
        table.add_column("Key results", key="krs")
        table.add_column("Sessions", key="sessions")
        self.query_one("#workspace-path", Static).update(
            Text(f"Workspace: {self.app.workspace.path}")
        )
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the cycles again from the workspace file."""
        try:
            self.summaries = self.app.workspace.summaries()
        except WorkspaceError as error:
            self.app.notify(str(error), severity="error", timeout=15)
            self.summaries = []
        table = self.query_one("#cycles", DataTable)
        current = select or self._selected_id()
        table.clear()
        for summary in self.summaries:
            cycle = summary.cycle
            dates = f"{_d(cycle.starts)} → {_d(cycle.ends)}"
            kinds = ", ".join(s.kind for s in summary.sessions) or "—"
            table.add_row(
                cycle.name,
                dates,
                str(summary.objectives),
                str(summary.key_results),
                kinds,
                key=cycle.id,
            )
        empty = self.query_one("#home-empty", Static)
        empty.update(
            ""
            if self.summaries
            else "No cycles yet. Press [b]n[/b] to create one, or [b]D[/b] for the demo cycle."
        )
        if current is not None and current in {s.cycle.id for s in self.summaries}:
            table.move_cursor(row=table.get_row_index(current))
        table.focus()

    def _selected_id(self) -> str | None:
        table = self.query_one("#cycles", DataTable)
        if not self.summaries or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def _selected(self) -> Cycle | None:
        selected = self._selected_id()
        return next((s.cycle for s in self.summaries if s.cycle.id == selected), None)

    @on(DataTable.RowSelected, "#cycles")
    def _row_selected(self) -> None:
        self.action_open_cycle()

    def action_open_cycle(self) -> None:
        cycle = self._selected()
        if cycle is not None:
            self.app.open_cycle(cycle.id)

    def action_new_cycle(self) -> None:
        from facilitation.calendar import quarter_of

        starts, ends = quarter_of(self.app.today())
        created: dict[str, str] = {}

        def submit(values: dict[str, Any]) -> str | None:
            try:
                cycle = Cycle(
                    id=new_id("cyc"),
                    name=values["name"],
                    starts=values["starts"],
                    ends=values["ends"],
                )
                self.app.workspace.add_cycle(CycleData(cycle))
            except ValidationError as error:
                return one_line(error)
            except (WorkspaceError, ValueError) as error:
                return str(error)
            created["id"] = cycle.id
            return None

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.reload(select=created.get("id"))
                self.app.notify(f"Created {values['name']}")

        self.app.push_screen(
            FormScreen(
                "New cycle",
                [
                    FormField("name", "Name", placeholder="e.g. Acme 2027-Q1", required=True),
                    FormField("starts", "Starts", "date", value=starts),
                    FormField("ends", "Ends", "date", value=ends),
                ],
                submit,
                hint="A cycle is one OKR period, usually a quarter.",
                save_label="Create",
            ),
            done,
        )

    def action_rename_cycle(self) -> None:
        cycle = self._selected()
        if cycle is None:
            return
        from okrworkshop.model import Update

        def submit(values: dict[str, Any]) -> str | None:
            try:
                Cycle.model_validate({**cycle.model_dump(), "name": values["name"]})
                self.app.workspace.apply(
                    cycle.id, [Update("cycles", cycle.id, {"name": values["name"]})]
                )
            except ValidationError as error:
                return one_line(error)
            except WorkspaceError as error:
                return str(error)
            return None

        self.app.push_screen(
            FormScreen(
                "Rename cycle",
                [FormField("name", "Name", value=cycle.name, required=True)],
                submit,
            ),
            lambda values: self.reload() if values else None,
        )

    @work
    async def action_delete_cycle(self) -> None:
        cycle = self._selected()
        if cycle is None:
            return
        summary = next(s for s in self.summaries if s.cycle.id == cycle.id)
        question = (
            f"Delete {cycle.name!r} with its {summary.objectives} objectives, "
            f"{summary.key_results} key results and {len(summary.sessions)} sessions?\n"
            "This cannot be undone (export it first if in doubt)."
        )
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes="Delete")):
            return
        try:
            self.app.workspace.delete_cycle(cycle.id)
        except WorkspaceError as error:
            self.app.notify(str(error), severity="error", timeout=15)
            return
        self.app.notify(f"Deleted {cycle.name}")
        self.reload()

    def action_add_demo(self) -> None:
        from okrworkshop.demo import DEMO_CYCLE_ID, build_demo

        if DEMO_CYCLE_ID not in {s.cycle.id for s in self.summaries}:
            try:
                self.app.workspace.add_cycle(build_demo(self.app.today()))
            except WorkspaceError as error:
                self.app.notify(str(error), severity="error", timeout=15)
                return
        self.reload(select=DEMO_CYCLE_ID)

    def action_export_cycle(self) -> None:
        """Export the selected cycle without opening it."""
        cycle = self._selected()
        if cycle is None:
            self.app.notify("No cycle to export yet.", timeout=4)
            return
        try:
            data = self.app.workspace.load(cycle.id)
        except (WorkspaceError, CycleNotFoundError) as error:
            message = error.args[0] if isinstance(error, CycleNotFoundError) else str(error)
            self.app.notify(message, severity="error", timeout=15)
            self.reload()
            return
        from okrworkshop.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(data, None))

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Main actions of this screen for the command palette."""
        yield SystemCommand(
            "Export",
            "Write the selected cycle as Markdown, HTML, JSON, CSV or your own template",
            self.action_export_cycle,
        )


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"
