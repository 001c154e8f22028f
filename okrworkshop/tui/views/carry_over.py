"""Carry-over: per objective keep, modify, drop or move to business as usual; then the next
cycle's draft is created from the kept and modified ones (with their history as reference).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.carry_over import DECISION_LABELS, next_dates, next_name, plan_carry_over
from facilitation.check_in_round import cascade_order
from facilitation.scores import objective_score
from okrworkshop.model import Objective, edits
from okrworkshop.model.errors import one_line
from okrworkshop.store import WorkspaceError
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.scoring import summary_text
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable

COLUMNS = (
    Column("title", "Objective", 0, 0),
    Column("team", "Level · team", 20, 4),
    Column("score", "Score", 6, 2),
    Column("decision", "Next cycle", 18, 1),
    Column("note", "Why / what changes", 24, 3),
)
DECISION_STYLES = {
    "keep": "bold green",
    "modify": "bold yellow",
    "drop": "red",
    "business-as-usual": "cyan",
}
DECISION_OPTIONS = [
    ("Keep as it is", "keep"),
    ("Modify for next cycle", "modify"),
    ("Drop", "drop"),
    ("Move to business as usual", "business-as-usual"),
]


class CarryOverView(TableView):
    """One decision per objective, and the button that makes the next cycle's draft."""

    BINDINGS = [
        Binding("k", "decide('keep')", "Keep", tooltip="Keep the objective for next cycle"),
        Binding("m", "decide('modify')", "Modify", tooltip="Carry the objective over to rework it"),
        Binding("d", "decide('drop')", "Drop", tooltip="Drop the objective"),
        Binding(
            "b",
            "decide('business-as-usual')",
            "BAU",
            tooltip="Move the objective to business as usual (no longer an OKR)",
        ),
        Binding(
            "g",
            "create_next",
            "Create next cycle",
            tooltip="Create the next cycle's draft from the kept and modified objectives",
        ),
        Binding("o", "open_next", "Open next", tooltip="Open the next cycle once it is created"),
    ]

    _cycle_names: dict[str, str] | None = None  # the workspace's cycles, read once

    def _cycle_name(self, cycle_id: str) -> str:
        """A cycle's name as people know it (its id only if the workspace cannot say)."""
        if self._cycle_names is None or cycle_id not in self._cycle_names:
            try:
                self._cycle_names = {c.id: c.name for c in self.app.workspace.cycles()}
            except WorkspaceError:
                self._cycle_names = {}
        return self._cycle_names.get(cycle_id, cycle_id)

    def compose(self) -> ComposeResult:
        yield Static(id="carry-summary", classes="view-hint")
        yield FittedTable(
            COLUMNS, id="carry-over", cursor_type="row", zebra_stripes=True, classes="round-table"
        )

    def refresh_view(self) -> None:
        key, row = self.start_redraw()
        table = self.table
        data = self.data
        counts: dict[str, int] = {}
        for objective in cascade_order(data):
            decision = objective.carry_over
            counts[decision or "undecided"] = counts.get(decision or "undecided", 0) + 1
            level = objective.level + (f" · {objective.team}" if objective.team else "")
            table.add_cells(
                {
                    "title": Text(objective.title, style="bold"),
                    "team": level,
                    "score": summary_text(objective_score(data, objective.id)),
                    "decision": Text(DECISION_LABELS[decision], style=DECISION_STYLES[decision])
                    if decision
                    else Text("undecided", style="dim italic"),
                    "note": objective.carry_over_note,
                },
                key=objective.id,
            )
        if not data.objectives:
            table.add_note(Text("No objectives to carry over.", style="dim"))
        restore_cursor(table, key, row)
        self._update_summary(counts)

    def _update_summary(self, counts: dict[str, int]) -> None:
        data = self.data
        line = Text()
        for decision in (*DECISION_LABELS, "undecided"):
            if counts.get(decision):
                label = DECISION_LABELS.get(decision, decision)
                line.append(
                    f"{label} {counts[decision]}  ", style=DECISION_STYLES.get(decision, "dim")
                )
        carried = counts.get("keep", 0) + counts.get("modify", 0)
        next_id = data.cycle.next_cycle_id
        if next_id is not None:
            name = self._cycle_name(next_id)
            line.append(f"·  next cycle created: {name}; o opens it", style="bold")
        else:
            plural = "s" if carried != 1 else ""
            text = f"·  g creates the next cycle with {carried} objective{plural}"
            line.append(text, style="dim")
        line.append(
            "\nk keep · m modify · d drop · b business as usual · Enter adds why · "
            "baselines start at the last values; history comes along",
            style="dim",
        )
        self.query_one("#carry-summary", Static).update(line)

    def _selected(self) -> Objective | None:
        return self.data.objectives.get(selected_key(self.table) or "")

    def action_decide(self, decision: str) -> None:
        objective = self._selected()
        if objective is None:
            return
        new = None if objective.carry_over == decision else decision
        label = DECISION_LABELS[decision] if new else "undecided"
        if (
            self.apply(
                edits.update(
                    "objectives",
                    objective.id,
                    f"carry-over of {objective.title!r}: {label}",
                    carry_over=new,
                )
            )
            is None
        ):
            self._next_row(objective.id)

    def _next_row(self, after: str) -> None:
        table = self.table
        keys = [row.key.value for row in table.ordered_rows]
        if after in keys and keys.index(after) + 1 < len(keys):
            table.move_cursor(row=keys.index(after) + 1, animate=False)

    @on(DataTable.RowSelected, "#carry-over")
    def _edit(self) -> None:
        objective = self._selected()
        if objective is None:
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update(
                    "objectives",
                    objective.id,
                    f"carry-over of {objective.title!r}",
                    carry_over=values["carry_over"],
                    carry_over_note=values["carry_over_note"],
                )
            )

        self.app.push_screen(
            FormScreen(
                f"Next cycle: {objective.title}",
                [
                    FormField(
                        "carry_over",
                        "Decision",
                        "choice",
                        value=objective.carry_over,
                        options=DECISION_OPTIONS,
                    ),
                    FormField(
                        "carry_over_note",
                        "Why",
                        value=objective.carry_over_note,
                        placeholder="why, or what changes (shown in the minutes)",
                    ),
                ],
                submit,
                # Enter is "add why": the keyboard starts in the note; the decision is above.
                focus="carry_over_note",
            ),
        )

    def action_create_next(self) -> None:
        data = self.data
        existing = data.cycle.next_cycle_id
        if existing is not None and any(c.id == existing for c in self.app.workspace.cycles()):
            self.app.notify(
                f"The next cycle ({existing}) is already created: press o to open it, or delete "
                "it from the cycle list to create it again.",
                severity="warning",
                timeout=8,
            )
            return
        if not any(o.carry_over in ("keep", "modify") for o in data.objectives.values()):
            self.app.notify(
                "Nothing to carry over yet: mark objectives keep (k) or modify (m) first.",
                timeout=5,
            )
            return
        starts, ends = next_dates(data.cycle, self.app.today())
        undecided = sum(1 for o in data.objectives.values() if o.carry_over is None)
        created: dict[str, str] = {}

        def submit(values: dict[str, Any]) -> str | None:
            try:
                plan = plan_carry_over(
                    self.data, name=values["name"], starts=values["starts"], ends=values["ends"]
                )
                self.app.workspace.add_cycle(plan.next_cycle)
            except ValidationError as error:
                return one_line(error)
            except (WorkspaceError, ValueError) as error:
                return str(error)
            problem = self.app.apply(plan.source_change)
            if problem is None:
                created["summary"] = plan.summary()
                if plan.unlinked:
                    created["unlinked"] = ", ".join(o.title for o in plan.unlinked)
            return problem

        def done(values: dict[str, Any] | None) -> None:
            if values is None or "summary" not in created:
                return
            message = f"Created {created['summary']}. Press o to open it."
            if "unlinked" in created:
                message += f" Align again (their parents stayed behind): {created['unlinked']}."
            self.app.notify(message, timeout=12)

        hint = "Kept and modified objectives are copied with their key results; baselines start "
        hint += "at the last values and every check-in comes along as reference."
        if undecided:
            hint += f" {undecided} objective{'s have' if undecided != 1 else ' has'} no decision"
            hint += " and will not carry over."
        self.app.push_screen(
            FormScreen(
                "Create the next cycle",
                [
                    FormField(
                        "name",
                        "Name",
                        value=next_name(data.cycle.name, starts),
                        required=True,
                    ),
                    FormField("starts", "Starts", "date", value=starts, required=True),
                    FormField("ends", "Ends", "date", value=ends, required=True),
                ],
                submit,
                hint=hint,
                save_label="Create",
            ),
            done,
        )

    def action_open_next(self) -> None:
        next_id = self.data.cycle.next_cycle_id
        if next_id is None:
            self.app.notify("No next cycle yet: g creates it.", timeout=4)
            return
        self.app.close_cycle()
        self.app.open_cycle(next_id)
