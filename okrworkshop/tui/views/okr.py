"""The OKR table: objectives with their key results, in the columns the stage needs.

One view serves drafting, alignment, commitment, the check-in round, scoring and carry-over;
``mode`` picks the columns and what Enter does.
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
from okrworkshop.model.changes import Change, Update
from okrworkshop.tui.format import (
    confidence_text,
    findings_badge,
    number,
    progress_bar,
    score_text,
    target_text,
)
from okrworkshop.tui.forms import (
    carry_over_fields,
    check_in_fields,
    score_fields,
)
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.drafting import DraftingView
from okrworkshop.tui.widgets.coach_panel import CoachPanel
from okrworkshop.tui.widgets.plain_table import PlainTable
from okrworkshop.tui.widgets.quick_add import QuickAddBar

# Each mode's columns: (key, heading, width, priority). Width 0 is the title, which takes
# what is left; on a narrow screen the highest priority numbers are dropped first.
MODES: dict[str, tuple[tuple[str, str, int, int], ...]] = {
    "objectives": (
        ("title", "Objective / key result", 0, 0),
        ("owner", "Owner", 14, 2),
        ("target", "Target", 16, 3),
        ("progress", "Progress", 13, 1),
        ("confidence", "Conf.", 5, 4),
        ("coach", "Coach", 7, 1),
    ),
    "align": (
        ("title", "Objective / key result", 0, 0),
        ("level", "Level · team", 18, 2),
        ("parent", "Aligns to", 28, 1),
        ("progress", "Progress", 13, 3),
        ("coach", "Coach", 7, 4),
    ),
    "commit": (
        ("title", "Objective / key result", 0, 0),
        ("owner", "Owner", 16, 1),
        ("due", "Due", 10, 3),
        ("confidence", "Confidence", 10, 1),
        ("coach", "Coach", 7, 2),
    ),
    "check-in": (
        ("title", "Key result", 0, 0),
        ("owner", "Owner", 14, 3),
        ("previous", "Previous", 10, 2),
        ("current", "Current", 12, 1),
        ("progress", "Progress", 13, 1),
        ("confidence", "Conf.", 5, 2),
        ("last", "Last", 10, 4),
    ),
    "score": (
        ("title", "Key result", 0, 0),
        ("progress", "Progress", 13, 1),
        ("score", "Score", 5, 1),
        ("note", "Note", 24, 2),
    ),
    "carry-over": (
        ("title", "Objective", 0, 0),
        ("progress", "Progress", 13, 1),
        ("score", "Avg score", 9, 2),
        ("decision", "Next cycle", 18, 1),
    ),
}
MIN_TITLE = 28
HINTS = {
    "objectives": "o objective · k key result · a quick add · r retitle · Enter edit · "
    "Delete (ctrl+z undoes) · shift+↑↓ move · l examples",
    "align": "p aligns the selected objective under an objective or key result one level up",
    "commit": "Enter sets the owner, due date and confidence · d dismisses a coaching finding",
    "check-in": "Enter checks in the selected key result: new value, confidence, note, blocker",
    "score": "Enter scores the selected key result (defaults to its progress)",
    "carry-over": "Enter decides what happens to the objective next cycle",
}
AUTHORING_MODES = ("objectives", "align", "commit")
CARRY_OVER_LABELS = {
    "keep": "keep",
    "modify": "modify",
    "drop": "drop",
    "business-as-usual": "business as usual",
}
LEVEL_RANK = {"company": 0, "department": 1, "team": 2}


class OkrTable(PlainTable):
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
        Binding(
            "p", "set_parent", "Parent", tooltip="Align the selected objective under one a level up"
        ),
        Binding("shift+up", "move(-1)", "Move up", show=False, tooltip="Move the selected row up"),
        Binding(
            "shift+down", "move(1)", "Move down", show=False, tooltip="Move the selected row down"
        ),
    ]

    def __init__(self, mode: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = mode
        self._layout: tuple[int, tuple[str, ...]] = (0, ())
        self.columns: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(HINTS[self.mode], classes="view-hint")
        with Horizontal(classes="okr-body"):
            with Vertical(classes="okr-main"):
                yield OkrTable(cursor_type="row", zebra_stripes=True, classes="okr-table")
                if self.mode in AUTHORING_MODES:
                    yield QuickAddBar()
            if self.mode in AUTHORING_MODES:
                yield CoachPanel(classes="coach-panel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.DRAFTING_ACTIONS or action in ("delete", "move"):
            return self.mode in AUTHORING_MODES
        if action == "set_parent":
            return self.mode == "align"
        return True

    def _layout_columns(self) -> None:
        """Give the title what the fixed columns leave, so every column stays on screen."""
        table = self.table
        available = self.size.width or 100
        narrow = available < 110
        self.set_class(narrow, "-narrow")
        if self.mode in AUTHORING_MODES and not narrow:
            available -= 39  # the coach panel beside the table
        columns = list(MODES[self.mode])
        while True:
            fixed = sum(width + 2 for _, _, width, _ in columns if width)
            title_width = available - fixed - 4
            if title_width >= MIN_TITLE or len(columns) <= 2:
                break
            columns.remove(max(columns, key=lambda column: column[3]))
        title_width = max(MIN_TITLE, title_width)
        layout = (title_width, tuple(key for key, *_ in columns))
        if self._layout == layout and table.columns:
            return
        self._layout = layout
        self.columns = [key for key, *_ in columns]
        table.clear(columns=True)
        for key, label, width, _ in columns:
            table.add_column(label, key=key, width=width or title_width)

    def on_resize(self) -> None:
        if self.display and self.is_mounted:
            self.refresh_view()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    # ------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        table = self.table
        key = selected_key(table)
        row = table.cursor_row
        self._layout_columns()
        table.clear()
        data = self.data
        grouped = self.cycle_screen.findings_by_target
        only_objectives = self.mode == "carry-over"
        for index, objective in enumerate(data.objectives_in_order(), start=1):
            table.add_row(*self._objective_cells(index, objective, grouped), key=objective.id)
            if only_objectives:
                continue
            for kr_index, kr in enumerate(data.key_results_of(objective.id), start=1):
                table.add_row(*self._kr_cells(index, kr_index, kr, grouped), key=kr.id)
        if table.row_count == 0:
            table.add_row(
                *[
                    Text(
                        "No objectives yet — A types them one per line, o opens the form",
                        style="dim",
                    )
                ]
                + [""] * (len(self.columns) - 1),
                key="__empty__",
            )
        restore_cursor(table, key, row)
        self.update_coach()

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
            "level": f"{objective.level}" + (f" · {objective.team}" if objective.team else ""),
            "parent": self._parent_label(objective),
            "due": "",
            "previous": "",
            "current": "",
            "last": "",
            "score": score_text(self._average_score(objective)),
            "note": "",
            "decision": CARRY_OVER_LABELS.get(objective.carry_over or "", "—"),
        }
        return [cells[key] for key in self.columns]

    def _kr_cells(
        self, index: int, kr_index: int, kr: KeyResult, grouped: dict[str, Any]
    ) -> list[Any]:
        data = self.data
        check_ins = data.check_ins_of(kr.id)
        latest = check_ins[-1] if check_ins else None
        previous = check_ins[-2] if len(check_ins) > 1 else None
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
            "level": "",
            "parent": "",
            "due": due.isoformat() if due else "—",
            "previous": number(previous.value, kr.unit) if previous else "—",
            "current": (
                ("done" if kr.done else "not yet")
                if kr.kind == "milestone"
                else number(kr.current, kr.unit)
            ),
            "last": latest.at.isoformat() if latest else "never",
            "score": score_text(kr.score),
            "note": kr.score_note or "",
            "decision": "",
        }
        return [cells[key] for key in self.columns]

    def _parent_label(self, objective: Objective) -> Any:
        if objective.parent_id is None:
            return Text("—" if objective.level == "company" else "not aligned", style="dim")
        found = self.data.find(objective.parent_id)
        if found is None:
            return Text(f"missing {objective.parent_id}", style="red")
        table, record = found
        prefix = "KR " if table == "key_results" else ""
        return f"{prefix}{record.title}"

    def _average_score(self, objective: Objective) -> float | None:
        scores = [kr.score for kr in self.data.key_results_of(objective.id) if kr.score is not None]
        return sum(scores) / len(scores) if scores else None

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
            if self.mode == "carry-over":
                self._edit_carry_over(record)
            elif self.mode == "commit":
                self.edit_commitment(record)
            else:
                self.edit_objective(record)
        elif self.mode == "check-in":
            self.check_in(record)
        elif self.mode == "score":
            self.score(record)
        elif self.mode == "commit":
            self.edit_commitment(record)
        else:
            self.edit_key_result(record)

    def _form(self, title: str, fields: Any, submit: Any, hint: str = "", then: Any = None) -> None:
        self.app.push_screen(FormScreen(title, fields, submit, hint=hint), then)

    def check_in(self, kr: KeyResult) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            value = (1.0 if values.pop("done") else 0.0) if "done" in values else values["value"]
            _, change = edits.record_check_in(
                self.data,
                kr.id,
                at=values["at"],
                value=value,
                confidence=values["confidence"],
                note=values["note"],
                blocker=values["blocker"],
            )
            return self.app.apply(change)

        self._form(
            f"Check in: {kr.title}",
            check_in_fields(kr, self.app.today()),
            submit,
            hint=f"Now {target_text(kr)} · progress {round(kr.progress() * 100)}%",
        )

    def score(self, kr: KeyResult) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            if not 0.0 <= values["score"] <= 1.0:
                return "Score: give a number from 0.0 to 1.0"
            return self.app.apply(
                edits.set_score(self.data, kr.id, values["score"], values["score_note"])
            )

        self._form(
            f"Score: {kr.title}",
            score_fields(kr),
            submit,
            hint=f"Progress reached: {round(kr.progress() * 100)}%",
        )

    def _edit_carry_over(self, objective: Objective) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update(
                    "objectives",
                    objective.id,
                    f"carry-over of {objective.title!r}",
                    carry_over=values["carry_over"],
                )
            )

        self._form(f"Next cycle: {objective.title}", carry_over_fields(objective), submit)

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

    def action_set_parent(self) -> None:
        objective = self.selected_objective()
        found = self.selected()
        if objective is None or found is None or found[0] != "objectives":
            self.app.notify("Select an objective to align it.", timeout=4)
            return
        from okrworkshop.tui.screens.picker import ParentPicker

        def chosen(parent_id: str | None) -> None:
            if parent_id is None:
                return
            new_parent = None if parent_id == "" else parent_id
            problem = parent_problem(self.data, objective, new_parent)
            if problem:
                self.app.notify(problem, severity="error", timeout=8)
                return
            label = "unlink" if new_parent is None else "align"
            self.apply(
                Change(
                    f"{label} {objective.title!r}",
                    (Update("objectives", objective.id, {"parent_id": new_parent}),),
                )
            )

        self.app.push_screen(ParentPicker(self.data, objective), chosen)


def parent_problem(data: Any, objective: Objective, parent_id: str | None) -> str | None:
    """Why ``parent_id`` cannot be the objective's parent, or None when it can."""
    from okrworkshop.model.bundle import find_parent_loop

    if parent_id is None:
        return None
    if parent_id == objective.id:
        return "An objective cannot align to itself."
    kr_owner = {kr.id: kr.objective_id for kr in data.key_results.values()}
    if kr_owner.get(parent_id) == objective.id:
        return "An objective cannot align to one of its own key results."
    parents = {o.id: o.parent_id for o in data.objectives.values()}
    parents[objective.id] = parent_id
    loop = find_parent_loop(parents, kr_owner)
    if loop:
        names = " → ".join(data.objectives[i].title for i in loop)
        return f"That link would make a loop: {names} → back again. Not linked."
    return None
