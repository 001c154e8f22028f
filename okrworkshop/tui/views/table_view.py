"""A view built around one fitted table: it refits on resize and keeps the cursor on redraw."""

from __future__ import annotations

from okrworkshop.tui.views.base import View, selected_key
from okrworkshop.tui.widgets.fitted_table import FittedTable


class TableView(View):
    """A main-area view whose main widget is one ``FittedTable``."""

    @property
    def table(self) -> FittedTable:
        return self.query_one(FittedTable)

    def on_resize(self) -> None:
        if self.display and self.is_mounted:
            self.refresh_view()

    def start_redraw(self) -> tuple[str | None, int]:
        """Empty the table, laid out for the width it has; returns where the cursor was."""
        table = self.table
        key, row = selected_key(table), table.cursor_row
        table.fit(self.layout_width())
        table.clear()
        return key, row
