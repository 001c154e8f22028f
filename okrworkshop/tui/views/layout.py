"""Tables that fit the screen: one flexible text column takes what the fixed ones leave."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

Column = tuple[str, str, int]  # key, heading, width (0: the flexible column)
MIN_FLEXIBLE = 20


def fit_columns(table: DataTable[Any], columns: Sequence[Column], available: int) -> bool:
    """Lay the columns out for ``available`` cells; True when they were rebuilt (rows gone)."""
    fixed = sum(width + 2 for _, _, width in columns if width)
    flexible = max(MIN_FLEXIBLE, available - fixed - 2)
    if table.columns and [c.width for c in table.columns.values()] == [
        width or flexible for _, _, width in columns
    ]:
        return False
    table.clear(columns=True)
    for key, label, width in columns:
        table.add_column(label, key=key, width=width or flexible)
    return True
