"""A DataTable that shows people's text as typed: ``[red]`` in a title is not markup."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class PlainTable(DataTable[Any]):
    """Plain strings become ``Text``; pass ``Text`` yourself for styled cells."""

    def add_row(
        self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None
    ) -> RowKey:
        return super().add_row(
            *(Text(cell) if isinstance(cell, str) else cell for cell in cells),
            height=height,
            key=key,
            label=label,
        )

    # In a table of rows, Home and End go to the first and last row (DataTable scrolls
    # sideways instead, which our fitted tables never need).
    def action_scroll_home(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            super().action_scroll_end()
