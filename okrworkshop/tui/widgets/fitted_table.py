"""A table whose title column takes what the others leave, dropping minor columns when narrow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from okrworkshop.tui.widgets.plain_table import PlainTable


@dataclass(frozen=True)
class Column:
    """A column: its key, heading, width (0 for the one flexible title column) and priority.

    On a narrow screen the columns with the highest priority numbers go first.
    """

    key: str
    label: str
    width: int = 0
    priority: int = 0


class FittedTable(PlainTable):
    """A ``PlainTable`` laid out from column specs for the width it has."""

    def __init__(self, columns: Sequence[Column], *, min_title: int = 24, **options: Any) -> None:
        super().__init__(**options)
        self.specs = list(columns)
        self.min_title = min_title
        self.shown: list[str] = []  # the keys of the columns on screen
        self._layout: tuple[int, tuple[str, ...]] = (0, ())

    def fit(self, available: int) -> bool:
        """Lay the columns out for ``available`` cells; whether they changed (and the rows
        with them: a new layout clears the table)."""
        columns = list(self.specs)
        title_width = self.min_title
        while True:
            fixed = sum(column.width + 2 for column in columns if column.width)
            title_width = available - fixed - 4
            if title_width >= self.min_title or len(columns) <= 2:
                break
            columns.remove(max(columns, key=lambda column: column.priority))
        title_width = max(self.min_title, title_width)
        layout = (title_width, tuple(column.key for column in columns))
        if layout == self._layout and self.columns:
            return False
        self._layout = layout
        self.shown = [column.key for column in columns]
        self.clear(columns=True)
        for column in columns:
            self.add_column(column.label, key=column.key, width=column.width or title_width)
        return True

    def add_cells(self, cells: Mapping[str, Any], key: str, *, height: int | None = 1) -> None:
        """A row from a mapping of column key to cell; columns not on screen are skipped.

        ``height=None`` lets a long cell wrap onto as many lines as it needs.
        """
        self.add_row(*(cells.get(name, "") for name in self.shown), key=key, height=height)

    def add_note(self, text: Any, key: str = "__empty__") -> None:
        """A row with one message in the first column (an empty table says why it is empty)."""
        self.add_row(text, *([""] * (len(self.shown) - 1)), key=key)
