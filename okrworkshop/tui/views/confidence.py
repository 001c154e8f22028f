"""Commit: an owner for every key result, then a blind confidence round on each."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.confidence import latest_rounds, summary_of
from facilitation.people import people_in
from okrworkshop.model import ConfidenceRound, KeyResult, Objective, edits
from okrworkshop.tui.format import confidence_text
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.views.layout import fit_columns
from okrworkshop.tui.widgets.plain_table import PlainTable

HINT = "Enter: a blind confidence round on the key result · w: its owner · spread ≥ 4 is flagged"
COLUMNS = (
    ("title", "Objective / key result", 0),
    ("owner", "Owner", 16),
    ("agreed", "Agreed", 6),
    ("round", "Last round", 28),
)


class ConfidenceView(View):
    """Key results with their owners, agreed confidence and the latest round's spread."""

    BINDINGS = [
        Binding("w", "owner", "Owner", tooltip="Set who owns the selected row"),
        Binding(
            "r",
            "round",
            "Round",
            show=False,
            tooltip="Run a blind confidence round on the selected key result",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(HINT, classes="view-hint")
        yield Static(id="confidence-summary")
        yield PlainTable(id="confidence", cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        if self.display and self.is_mounted and self.table.columns:
            self.refresh_view()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#confidence", DataTable)

    def refresh_view(self) -> None:
        table = self.table
        key, row = selected_key(table), table.cursor_row
        fit_columns(table, COLUMNS, self.layout_width())
        table.clear()
        session = self.session
        rounds = latest_rounds(self.data, session.id) if session is not None else {}
        total = agreed = wide = 0
        for index, objective in enumerate(self._objectives(), start=1):
            table.add_row(
                Text.assemble((f"{index}. ", "bold"), (objective.title, "bold")),
                objective.owner or Text("no owner", style="dim italic"),
                "",
                "",
                key=objective.id,
            )
            for kr_index, kr in enumerate(self.data.key_results_of(objective.id), start=1):
                round_ = rounds.get(kr.id)
                total += 1
                agreed += round_ is not None and round_.agreed is not None
                summary = summary_of(round_) if round_ is not None else None
                wide += summary is not None and summary.wide
                table.add_row(
                    Text.assemble(("   ", ""), (f"{index}.{kr_index} ", "dim"), kr.title),
                    kr.owner or Text("no owner", style="yellow italic"),
                    confidence_text(kr.confidence),
                    _round_cell(round_),
                    key=kr.id,
                )
        if table.row_count == 0:
            table.add_row(
                Text("No key results yet — write them in the earlier stages", style="dim"),
                "",
                "",
                "",
                key="__empty__",
            )
        restore_cursor(table, key, row)
        if key is None:  # first drawn: on the first key result, where Enter starts a round
            self._to_key_result(next(iter(self._key_result_ids()), None))
        summary_line = Text()
        if session is not None and total:
            summary_line.append(f"{agreed} of {total} key results agreed in this session", "bold")
            if wide:
                summary_line.append(f" · {wide} with a wide spread to discuss", "yellow")
        self.query_one("#confidence-summary", Static).update(summary_line)

    def _objectives(self) -> list[Objective]:
        """The session's team's objectives when it has a team, else all of them."""
        objectives = self.data.objectives_in_order()
        session = self.session
        if session is not None and session.team:
            mine = [o for o in objectives if o.team == session.team]
            return mine or objectives
        return objectives

    def focus_main(self) -> None:
        self.table.focus()

    def selected(self) -> Objective | KeyResult | None:
        key = selected_key(self.table) or ""
        return self.data.key_results.get(key) or self.data.objectives.get(key)

    @on(DataTable.RowSelected, "#confidence")
    def _enter(self) -> None:
        record = self.selected()
        if isinstance(record, KeyResult):
            self.action_round()
        elif record is not None:
            self.action_owner()

    def action_round(self) -> None:
        from okrworkshop.tui.screens.confidence_round import ConfidenceRoundScreen

        session = self.session
        kr = self.selected()
        if session is None:
            self.app.notify("Confidence rounds belong to a session: pick one.", timeout=4)
            return
        if not isinstance(kr, KeyResult):
            self.app.notify("Select a key result for the round.", timeout=4)
            return
        # A round revealed but not agreed yet reopens where it stopped.
        latest = latest_rounds(self.data, session.id).get(kr.id)
        pending = latest if latest is not None and latest.agreed is None else None

        def then(_: bool | None) -> None:
            # Agreed: on to the next key result, as the room goes round them in order.
            done = latest_rounds(self.data, session.id).get(kr.id)
            if done is not None and done.agreed is not None and done is not latest:
                ids = self._key_result_ids()
                after = ids[ids.index(kr.id) + 1] if kr.id in ids[:-1] else None
                self._to_key_result(after)
                if after is not None:
                    self.cycle_screen.select_later(after)

        self.app.push_screen(ConfidenceRoundScreen(session, kr, pending), then)

    def _key_result_ids(self) -> list[str]:
        return [kr.id for o in self._objectives() for kr in self.data.key_results_of(o.id)]

    def _to_key_result(self, kr_id: str | None) -> None:
        if kr_id is not None:
            restore_cursor(self.table, kr_id)

    def action_owner(self) -> None:
        record = self.selected()
        if record is None:
            return
        table = "key_results" if isinstance(record, KeyResult) else "objectives"
        session = self.session
        people = ", ".join(session.attendees) if session is not None else ""

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update(
                    table,
                    record.id,
                    f"owner of {record.title!r}: {values['owner'] or 'nobody'}",
                    owner=values["owner"],
                )
            )

        fields = [
            FormField(
                "owner",
                "Owner",
                value=record.owner,
                placeholder="one person's name",
                help=f"in the room: {people}" if people else "one person, by name",
                people=people_in(self.data),
            )
        ]
        self.app.push_screen(FormScreen(f"Who owns “{record.title}”?", fields, submit))


def _round_cell(round_: ConfidenceRound | None) -> Text:
    summary = summary_of(round_) if round_ is not None else None
    if round_ is None or summary is None:
        return Text("not yet", style="dim")
    text = Text(f"{summary.count} votes · {summary.lowest}–{summary.highest}")
    if summary.wide:
        text.append(f" ⚠ spread {summary.spread}", style="bold yellow")
    if round_.agreed is None:
        text.append(" · to agree", style="italic")
    return text
