"""The OKR table: objectives with their key results, in the columns the stage needs.

One view serves drafting and commitment; ``mode`` picks the columns and what Enter does. The
cascade (alignment), the check-in round, scoring and carry-over have views of their own.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from okrworkshop.model import KeyResult, Objective, edits
from okrworkshop.tui.format import (
    confidence_text,
    findings_badge,
    progress_bar,
    target_text,
)
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.views.base import (
    COACH_PANEL_WIDTH,
    NARROW_BELOW,
    restore_cursor,
    selected_key,
)
from okrworkshop.tui.views.drafting import DraftingView
from okrworkshop.tui.widgets.coach_panel import CoachPanel
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable
from okrworkshop.tui.widgets.quick_add import QuickAddBar

# Each mode's columns; on a narrow screen the highest priority numbers are dropped first.
MODES: dict[str, tuple[Column, ...]] = {
    "objectives": (
        Column("title", "Objective / key result", 0, 0),
        Column("owner", "Owner", 14, 2),
        Column("target", "Target", 16, 3),
        Column("progress", "Progress", 13, 1),
        Column("confidence", "Conf.", 5, 4),
        Column("coach", "Coach", 7, 1),
    ),
    "commit": (
        Column("title", "Objective / key result", 0, 0),
        Column("owner", "Owner", 16, 1),
        Column("due", "Due", 10, 3),
        Column("confidence", "Confidence", 10, 1),
        Column("coach", "Coach", 7, 2),
    ),
}
MIN_TITLE = 28
HINTS = {
    "objectives": "o objective · k key result · a quick add · r retitle · Enter edit · "
    "Delete (ctrl+z undoes) · shift+↑↓ move · l examples",
    "commit": "Enter sets the owner, due date and confidence · d dismisses a coaching finding",
}
AUTHORING_MODES = ("objectives", "commit")


class OkrTable(FittedTable):
    """The OKR table; when it gets shorter (the quick-add line opened) the cursor stays in view."""

    def on_resize(self) -> None:
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=self.cursor_row)


class OkrView(DraftingView):
    """Objectives and key results as a table, editable from the keyboard."""

    BINDINGS = [
        Binding(
            "delete,x",
            "delete",
            "Delete",
            tooltip="Delete the selected objective or key result (ctrl+z undoes)",
        ),
        Binding("shift+up", "move(-1)", "Move up", show=False, tooltip="Move the selected row up"),
        Binding(
            "shift+down", "move(1)", "Move down", show=False, tooltip="Move the selected row down"
        ),
    ]

    def __init__(self, mode: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = mode
        # What each row was drawn from and its cells: an edit redraws only the rows whose
        # records (replaced, never changed in place), numbering or findings moved on.
        self._drawn: dict[str, tuple[tuple[Any, ...], list[Any]]] = {}
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(HINTS[self.mode], classes="view-hint")
        with Horizontal(classes="okr-body"):
            with Vertical(classes="okr-main"):
                yield OkrTable(
                    MODES[self.mode],
                    min_title=MIN_TITLE,
                    cursor_type="row",
                    zebra_stripes=True,
                    classes="okr-table",
                )
                if self.mode in AUTHORING_MODES:
                    yield QuickAddBar()
            if self.mode in AUTHORING_MODES:
                yield CoachPanel(classes="coach-panel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.DRAFTING_ACTIONS or action in ("delete", "move"):
            return self.mode in AUTHORING_MODES
        return True

    def _layout_columns(self) -> bool:
        """Fit the columns to the view's width; whether they changed (the rows went too)."""
        available = self.layout_width()
        narrow = available < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        if self.mode in AUTHORING_MODES and not narrow:
            available -= COACH_PANEL_WIDTH + 1  # the coach panel beside the table
        if not self.table.fit(available):
            return False
        self._drawn = {}  # other columns: every row is drawn anew
        return True

    @property
    def columns(self) -> list[str]:
        """The keys of the columns on screen."""
        return self.table.shown

    def on_resize(self) -> None:
        # Only a new set of columns needs the rows again; a large cycle has thousands.
        if not (self.display and self.is_mounted and self.cycle_screen.is_ready(self)):
            return  # the first drawing waits for the view's final size (view_ready)
        table = self.table
        key, row = selected_key(table), table.cursor_row
        if self._layout_columns():  # new columns: the rows are drawn again
            self.refresh_view()
            restore_cursor(table, key, row)

    @property
    def table(self) -> OkrTable:
        return self.query_one(OkrTable)

    # ------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        table = self.table
        key = selected_key(table)
        row = table.cursor_row
        relaid = self._layout_columns()
        rows = self._rows()
        if not rows:
            placeholder = Text(
                "No objectives yet — A types them one per line, o opens the form", style="dim"
            )
            rows = [("__empty__", [placeholder] + [""] * (len(self.columns) - 1), True)]
        keys = [row_key for row_key, _, _ in rows]
        if not relaid and table.row_count == len(self._shown):
            self._update_rows(table, rows, keys)
        else:
            table.clear()
            for row_key, cells, _ in rows:
                table.add_row(*cells, key=row_key)
        self._shown = keys
        restore_cursor(table, key, row)
        self.update_coach()

    def _update_rows(self, table: DataTable[Any], rows: list[Any], keys: list[str]) -> None:
        """Change only what changed: cells in place, rows removed, rows added at the end."""
        kept = set(keys)
        survivors = [k for k in self._shown if k in kept]
        if survivors != keys[: len(survivors)]:  # something moved or arrived in between
            table.clear()
            for row_key, cells, _ in rows:
                table.add_row(*cells, key=row_key)
            return
        for gone in self._shown:
            if gone not in kept:
                table.remove_row(gone)
        shown = set(survivors)
        for row_key, cells, fresh in rows:
            if row_key not in shown:
                table.add_row(*cells, key=row_key)
            elif fresh:
                current = table.get_row(row_key)
                for column, (new, old) in enumerate(zip(cells, current, strict=False)):
                    if new != old:
                        table.update_cell(row_key, self.columns[column], new)

    def _rows(self) -> list[tuple[str, list[Any], bool]]:
        """Every row as (key, cells, drawn anew); unchanged rows reuse their cells."""
        data = self.data
        grouped = self.cycle_screen.findings_by_target
        before, self._drawn = self._drawn, {}
        rows: list[tuple[str, list[Any], bool]] = []
        for index, objective in enumerate(data.objectives_in_order(), start=1):
            key_results = data.key_results_of(objective.id)
            findings = [*grouped.get(objective.id, ())]
            for kr in key_results:
                findings.extend(grouped.get(kr.id, ()))
            inputs: tuple[Any, ...] = (
                index,
                objective,
                *key_results,
                findings,
            )
            cells = self._reused(before, objective.id, inputs)
            if cells is None:
                cells = self._objective_cells(index, objective, grouped)
            rows.append(self._keep(objective.id, inputs, cells, before))
            for kr_index, kr in enumerate(key_results, start=1):
                check_ins = data.check_ins_of(kr.id)
                latest = check_ins[-1] if check_ins else None
                kr_findings = grouped.get(kr.id, [])
                inputs = (index, kr_index, kr, latest, data.cycle, kr_findings)
                cells = self._reused(before, kr.id, inputs)
                if cells is None:
                    cells = self._kr_cells(index, kr_index, kr, grouped)
                rows.append(self._keep(kr.id, inputs, cells, before))
        return rows

    @staticmethod
    def _reused(
        before: dict[str, tuple[tuple[Any, ...], list[Any]]], key: str, inputs: tuple[Any, ...]
    ) -> list[Any] | None:
        """The row's cells as last drawn, if it was drawn from these very records and findings."""
        drawn = before.get(key)
        if drawn is None or len(drawn[0]) != len(inputs):
            return None
        *records, findings = inputs
        *drawn_records, drawn_findings = drawn[0]
        if all(a is b for a, b in zip(records, drawn_records, strict=True)) and (
            findings == drawn_findings
        ):
            return drawn[1]
        return None

    def _keep(
        self,
        key: str,
        inputs: tuple[Any, ...],
        cells: list[Any],
        before: dict[str, tuple[tuple[Any, ...], list[Any]]],
    ) -> tuple[str, list[Any], bool]:
        drawn = before.get(key)
        self._drawn[key] = (inputs, cells)
        return key, cells, drawn is None or drawn[1] is not cells

    def _objective_cells(
        self, index: int, objective: Objective, grouped: dict[str, Any]
    ) -> list[Any]:
        data = self.data
        progress = data.objective_progress(objective.id)
        title = Text.assemble((f"{index}. ", "bold"), (objective.title, "bold"))
        own = grouped.get(objective.id, [])
        all_findings = own + [
            f for kr in data.key_results_of(objective.id) for f in grouped.get(kr.id, [])
        ]
        cells: dict[str, Any] = {
            "title": title,
            "owner": objective.owner or Text("no owner", style="dim italic"),
            "target": Text(objective.commitment, style="dim"),
            "progress": progress_bar(progress),
            "confidence": "",
            "coach": findings_badge(all_findings),
            "due": "",
        }
        return [cells[key] for key in self.columns]

    def _kr_cells(
        self, index: int, kr_index: int, kr: KeyResult, grouped: dict[str, Any]
    ) -> list[Any]:
        data = self.data
        check_ins = data.check_ins_of(kr.id)
        latest = check_ins[-1] if check_ins else None
        confidence = (
            latest.confidence if latest and latest.confidence is not None else kr.confidence
        )
        due = kr.due_in(data.cycle)
        cells: dict[str, Any] = {
            "title": Text.assemble(("   ", ""), (f"{index}.{kr_index} ", "dim"), kr.title),
            "owner": kr.owner or Text("no owner", style="dim italic"),
            "target": target_text(kr),
            "progress": progress_bar(kr.progress()),
            "confidence": confidence_text(confidence),
            "coach": findings_badge(grouped.get(kr.id, [])),
            "due": due.isoformat() if due else "—",
        }
        return [cells[key] for key in self.columns]

    # ------------------------------------------------------------ selection

    def selected(self) -> tuple[str, Any] | None:
        """The selected objective or key result as (table, record)."""
        key = selected_key(self.table)
        if key is None or key == "__empty__":
            return None
        return self.data.find(key)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.update_coach()

    # ------------------------------------------------------------ editing

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        found = self.selected()
        if found is None:
            self.action_add_objective()
            return
        table, record = found
        if table == "objectives":
            if self.mode == "commit":
                self.edit_commitment(record)
            else:
                self.edit_objective(record)
        elif self.mode == "commit":
            self.edit_commitment(record)
        else:
            self.edit_key_result(record)

    def _form(self, title: str, fields: Any, submit: Any, hint: str = "", then: Any = None) -> None:
        self.app.push_screen(FormScreen(title, fields, submit, hint=hint), then)

    def action_delete(self) -> None:
        found = self.selected()
        if found is None:
            return
        table, record = found
        if table == "objectives":
            change = edits.delete_objective(self.data, record.id)
            count = len(self.data.key_results_of(record.id))
            extra = f" and its {count} key result{'s' if count != 1 else ''}" if count else ""
        elif table == "key_results":
            change = edits.delete_key_result(self.data, record.id)
            extra = ""
        else:
            return
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{record.title}”{extra}. ctrl+z brings it back.", timeout=5)

    def action_move(self, step: int) -> None:
        found = self.selected()
        if found is None:
            return
        table: str = found[0]
        record: Any = found[1]
        siblings: list[Any]
        if table == "objectives":
            siblings = self.data.objectives_in_order()
        elif table == "key_results":
            siblings = self.data.key_results_of(record.objective_id)
        else:
            return
        index = next(i for i, sibling in enumerate(siblings) if sibling is record)
        other = index + step
        if not 0 <= other < len(siblings):
            return
        self.apply(edits.swap_positions(table, record, siblings[other], f"move {record.title!r}"))
