"""What every main-area view shares: access to the open cycle and a keyed table helper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget
from textual.widgets import DataTable

from okrworkshop.model import Change, CycleData, Session

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp
    from okrworkshop.tui.screens.cycle import CycleScreen


# The cycle screen's sidebar (cycle.tcss: ``#agenda`` is 32 wide, at most 30% of the screen)
# and the main area's padding: the width a view gets, known before the screen's first layout.
SIDEBAR_WIDTH = 32
SIDEBAR_SHARE = 0.3
MAIN_PADDING = 2
# Views with a coach panel (cycle.tcss ``.coach-panel``, 38 wide) put it beside their table or
# tree from this many columns, below it under that.
NARROW_BELOW = 110
COACH_PANEL_WIDTH = 38


def expected_view_width(screen_width: int) -> int:
    """The width of the cycle screen's main area on a screen this wide."""
    sidebar = min(SIDEBAR_WIDTH, int(screen_width * SIDEBAR_SHARE))
    return max(1, screen_width - sidebar - MAIN_PADDING)


class View(Widget):
    """A main-area view of the cycle screen; ``refresh_view`` redraws it from the cycle."""

    app: OkrWorkshopApp
    can_focus = False

    @property
    def cycle_screen(self) -> CycleScreen:
        from okrworkshop.tui.screens.cycle import CycleScreen

        screen = self.screen
        assert isinstance(screen, CycleScreen)
        return screen

    @property
    def data(self) -> CycleData:
        return self.cycle_screen.editor.data

    def layout_width(self) -> int:
        """The view's width; before its first layout (it draws before the screen's first
        paint), the width it is about to get, so its tables fit once, not twice."""
        if self.size.width:
            return self.size.width
        parent = self.parent
        if isinstance(parent, Widget) and parent.content_region.width:
            return parent.content_region.width  # shown later: the main area is laid out
        return expected_view_width(self.app.size.width)

    @property
    def session(self) -> Session | None:
        return self.cycle_screen.current_session

    def apply(self, change: Change, *, undoable: bool = True) -> str | None:
        """Apply a change; on failure tell the user and return the message."""
        problem = self.app.apply(change, undoable=undoable)
        if problem:
            self.app.notify(problem, severity="error", timeout=8)
        return problem

    def on_mount(self) -> None:
        # Subclasses set up their tables in their own on_mount, which runs first. The view
        # draws the cycle before the screen's first paint (its tables fit their columns again
        # once their size is known), so the first frame already shows it: waiting for a
        # refresh first painted the whole screen twice, a quarter of a second on a large cycle.
        self.call_later(self.cycle_screen.view_ready, self)

    def refresh_view(self) -> None:
        """Redraw from the cycle in memory."""

    def focus_main(self) -> None:
        """Put the keyboard focus on the view's main widget."""
        for table in self.query(DataTable):
            table.focus()
            return


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return None if key is None else str(key)


def restore_cursor(table: DataTable[Any], key: str | None, fallback_row: int = 0) -> None:
    """Put the cursor back on ``key`` after a rebuild (or near where it was)."""
    if table.row_count == 0:
        return
    if key is not None:
        try:
            table.move_cursor(row=table.get_row_index(key), animate=False)
            return
        except Exception:  # the row is gone (deleted); stay near it
            pass
    table.move_cursor(row=min(fallback_row, table.row_count - 1), animate=False)
