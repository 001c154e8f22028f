"""Overview: the cycle, its strategic themes, open actions and what carried over."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from okrworkshop.model import CycleData, Theme, edits
from okrworkshop.model.progress import weighted_mean
from okrworkshop.tui.format import progress_bar
from okrworkshop.tui.forms import theme_fields
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.widgets.plain_table import PlainTable


class OverviewView(View):
    """The cycle at a glance, with its themes editable."""

    BINDINGS = [
        Binding("t", "add_theme", "+Theme", tooltip="Add a strategic theme"),
        Binding(
            "delete,x",
            "delete_theme",
            "Delete theme",
            tooltip="Delete the selected theme (ctrl+z undoes)",
        ),
        # The page runs past a small screen (open actions, what carried over); the short
        # themes table has no use for these keys, so they scroll the page.
        Binding(
            "pagedown", "page(1)", "Page down", show=False, priority=True, tooltip="Scroll down"
        ),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, tooltip="Scroll up"),
    ]

    def action_page(self, step: int) -> None:
        page = self.query_one(VerticalScroll)
        if step > 0:
            page.scroll_page_down(animate=False)
        else:
            page.scroll_page_up(animate=False)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="overview-summary")
            yield Static("Strategic themes  [dim](t adds, Enter edits)[/]", classes="section-title")
            yield PlainTable(id="themes", cursor_type="row")
            yield Static("Open actions", classes="section-title")
            yield Static(id="overview-actions")
            yield Static(id="overview-carried")

    def on_mount(self) -> None:
        table = self.query_one("#themes", DataTable)
        table.add_column("Theme", key="title")
        table.add_column("Objectives", key="count")
        table.add_column("Why", key="description")

    def refresh_view(self) -> None:
        data = self.data
        cycle = data.cycle
        progress = weighted_mean(
            (p, 1.0)
            for p in (data.objective_progress(o.id) for o in data.objectives.values())
            if p is not None
        )
        span = f"{cycle.starts or '—'} → {cycle.ends or '—'}"
        krs = len(data.key_results)
        summary = Text.assemble(
            (cycle.name, "bold"),
            f"\n{span} · {len(data.objectives)} objectives · {krs} key "
            f"results · {len(data.sessions)} sessions\nOverall progress ",
            progress_bar(progress, 20),
        )
        if cycle.description:
            summary.append(f"\n{cycle.description}", style="italic")
        self.query_one("#overview-summary", Static).update(summary)
        table = self.query_one("#themes", DataTable)
        key, row = selected_key(table), table.cursor_row
        table.clear()
        for theme in data.ordered("themes"):
            count = sum(1 for o in data.objectives.values() if o.theme_id == theme.id)
            table.add_row(
                theme.title,
                str(count) if count else Text("none — a gap", "yellow"),
                theme.description,
                key=theme.id,
            )
        restore_cursor(table, key, row)
        open_actions = [a for a in data.ordered("actions") if a.is_open]
        lines = Text()
        for action in open_actions:
            due = f" · due {action.due.isoformat()}" if action.due else ""
            late = action.due is not None and action.due < self.app.today()
            lines.append("• ", style="dim")
            lines.append(action.text)
            lines.append(f" — {action.owner or 'no owner'}{due}", style="red" if late else "dim")
            lines.append("\n")
        self.query_one("#overview-actions", Static).update(
            lines if open_actions else Text("None open.", style="dim")
        )
        self.query_one("#overview-carried", Static).update(carried_over(data))

    def _theme_form(self, title: str, theme: Theme | None, submit: Any) -> None:
        self.app.push_screen(FormScreen(title, theme_fields(theme), submit))

    def action_add_theme(self) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            _, change = edits.add_record(
                "themes", "thm", f"add theme {values['title']!r}", **values
            )
            return self.app.apply(change)

        self._theme_form("New strategic theme", None, submit)

    @on(DataTable.RowSelected, "#themes")
    def _edit_theme(self) -> None:
        theme = self.data.themes.get(selected_key(self.query_one("#themes", DataTable)) or "")
        if theme is None:
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("themes", theme.id, f"edit theme {values['title']!r}", **values)
            )

        self._theme_form("Edit theme", theme, submit)

    def action_delete_theme(self) -> None:
        theme = self.data.themes.get(selected_key(self.query_one("#themes", DataTable)) or "")
        if theme is None:
            return
        change = edits.delete_theme(self.data, theme.id)
        if self.apply(change) is None:
            self.app.notify(f"Deleted theme “{theme.title}”. ctrl+z brings it back.", timeout=5)


def carried_over(data: CycleData) -> Text:
    """What the last retro carried into this cycle, with the reasons it gave."""
    carried = [o for o in data.objectives_in_order() if o.carried_from is not None]
    if not carried:
        return Text()
    source = carried[0].carried_from
    assert source is not None
    text = Text.assemble(
        ("\nCarried over", "bold"), (f" from {source.cycle_name or source.cycle_id}\n", "dim")
    )
    for objective in carried:
        past = objective.carried_from
        assert past is not None
        text.append("• ", style="dim")
        text.append(objective.title)
        text.append(f" — {past.decision or 'carried'}", style="bold" if past.decision else "dim")
        if past.note:
            text.append(f": {past.note}", style="dim")
        text.append("\n")
    return text
