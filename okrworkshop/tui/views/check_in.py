"""The check-in round: every key result once, in cascade order (or one team's).

Each row shows the value before, the value now, a sparkline of the history, progress and the
latest confidence; Enter records a check-in and moves on to the next key result, so the room
goes round without anyone touching the mouse.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.check_in_round import (
    RoundItem,
    checked_in_on_or_after,
    history,
    latest,
    latest_confidence,
    previous_value,
    round_items,
    team_label,
    teams,
)
from okrworkshop.model import KeyResult, Objective, edits
from okrworkshop.tui.format import (
    confidence_text,
    findings_badge,
    number,
    progress_bar,
    sparkline,
    target_text,
)
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.actions import add_action
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable
from okrworkshop.tui.widgets.key_result_detail import KeyResultDetail

COLUMNS = (
    Column("title", "Key result", 0, 0),
    Column("owner", "Owner", 14, 5),
    Column("previous", "Before", 8, 3),
    Column("current", "Now", 9, 1),
    Column("history", "History", 8, 2),
    Column("progress", "Progress", 10, 1),
    Column("confidence", "Conf.", 5, 2),
    Column("last", "Last", 10, 4),
    Column("coach", "Coach", 6, 4),
)
BAR = 5  # a short progress bar leaves the key result's title room
STALE_DAYS = 14


def check_in_fields(kr: KeyResult, confidence: int | None, day: date) -> list[FormField]:
    """The check-in form: the new value (or done), confidence, note, blocker and date."""
    if kr.kind == "milestone":
        value = FormField("done", "Done?", "bool", value=kr.done)
    else:
        goal = f"target {target_text(kr)}" if kr.kind == "metric" else target_text(kr)
        value = FormField(
            "value",
            "New value",
            "number",
            value=kr.current,
            placeholder=goal,
            help=f"the value today ({goal}); left as it is, the value is unchanged",
        )
    return [
        value,
        FormField(
            "confidence",
            "Confidence 0–10",
            "int",
            value=confidence,
            placeholder="how likely we hit it: 0 no chance, 10 certain",
            help="how likely we hit it: 0 no chance, 10 certain; 3 or less needs a plan",
        ),
        FormField("note", "Note", placeholder="one line of context: what moved, what is next"),
        FormField("blocker", "Blocker", placeholder="what stands in the way, if anything"),
        FormField("at", "Date", "date", value=day, required=True),
    ]


class CheckInView(TableView):
    """The round over key results, with the selected one's history below."""

    BINDINGS = [
        Binding(
            "t",
            "next_team",
            "Team",
            tooltip="Go round one team's key results (press again for the next; then everyone)",
        ),
        Binding(
            "b",
            "blocker_action",
            "Blocker→action",
            tooltip="Turn the selected key result's blocker into an action with an owner",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.team: str | None = None
        self._session_id: str | None = "?"
        self.items: list[RoundItem] = []

    def compose(self) -> ComposeResult:
        yield Static(id="round-status", classes="view-hint")
        yield FittedTable(
            COLUMNS,
            id="round",
            min_title=30,
            cursor_type="row",
            zebra_stripes=True,
            classes="round-table",
        )
        yield KeyResultDetail(id="round-detail", classes="kr-detail")

    def round_day(self) -> date:
        """The day this round's check-ins are dated: the session's, else today."""
        session = self.session
        if session is not None and session.held_on is not None:
            return session.held_on
        return self.app.today()

    # ------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        session = self.session
        if (session.id if session else None) != self._session_id:
            # A team's session goes round that team; another session starts with everyone.
            self._session_id = session.id if session else None
            self.team = session.team if session is not None and session.team else None
        key, row = self.start_redraw()
        table = self.table
        data = self.data
        self.items = round_items(data, self.team)
        day, today = self.round_day(), self.app.today()
        grouped = self.cycle_screen.findings_by_target
        done = 0
        shown: Objective | None = None
        for item in self.items:
            objective, kr = item.objective, item.key_result
            if shown is None or shown.id != objective.id:
                shown = objective
                table.add_cells(self._objective_cells(objective), key=objective.id)
            check_ins = history(data, kr.id)
            this_round = checked_in_on_or_after(check_ins, day)
            done += this_round
            table.add_cells(self._kr_cells(kr, this_round, today, grouped), key=kr.id)
        if not self.items:
            who = team_label(self.team)
            table.add_note(
                Text(f"No key results for {who} — add them on the objectives page", style="dim")
            )
        restore_cursor(table, key, row)
        if key is None:
            self._move_to_next(None)
        status = Text.assemble(
            ("Round over ", "dim"),
            (team_label(self.team), "bold"),
            (f" · {done} of {len(self.items)} checked in since {day.isoformat()}", "dim"),
            (" · Enter checks in · t team · b blocker→action", "dim"),
        )
        self.query_one("#round-status", Static).update(status)
        self._show_detail()

    def _objective_cells(self, objective: Objective) -> dict[str, Any]:
        team = f"  {objective.team}" if objective.level != "company" else "  company"
        return {
            "title": Text.assemble((objective.title, "bold"), (team, "dim")),
            "owner": objective.owner,
            "progress": progress_bar(self.data.objective_progress(objective.id), BAR),
        }

    def _kr_cells(
        self, kr: KeyResult, this_round: bool, today: date, grouped: dict[str, Any]
    ) -> dict[str, Any]:
        check_ins = history(self.data, kr.id)
        last = latest(check_ins)
        confidence = latest_confidence(check_ins)
        stale = (today - (last.at if last else self.data.cycle.starts or today)).days
        values = [c.value for c in check_ins if c.value is not None]
        mark = ("✓ ", "green") if this_round else ("  ", "")
        now = (
            ("done" if kr.done else "not yet")
            if kr.kind == "milestone"
            else number(kr.current, kr.unit)
        )
        return {
            "title": Text.assemble("  ", mark, kr.title),
            "owner": kr.owner or Text("no owner", style="dim italic"),
            "previous": number(previous_value(check_ins), kr.unit),
            "current": Text(now, style="bold"),
            "history": sparkline(values),
            "progress": progress_bar(kr.progress(), BAR),
            "confidence": confidence_text(
                confidence.confidence if confidence is not None else kr.confidence
            ),
            "last": Text(
                last.at.isoformat() if last else "never",
                style="bold red" if stale >= STALE_DAYS else "",
            ),
            "coach": findings_badge(grouped.get(kr.id, [])),
        }

    @on(DataTable.RowHighlighted, "#round")
    def _show_detail(self) -> None:
        kr = self.selected_key_result()
        findings = self.cycle_screen.findings_by_target.get(kr.id, []) if kr else []
        self.query_one(KeyResultDetail).show(self.data, kr, findings)

    # ------------------------------------------------------------ selection

    def selected_key_result(self) -> KeyResult | None:
        return self.data.key_results.get(selected_key(self.table) or "")

    def _move_to_next(self, after: str | None) -> KeyResult | None:
        """Put the cursor on the key result after ``after`` (the first when None)."""
        ids = [item.key_result.id for item in self.items]
        index = ids.index(after) + 1 if after in ids else 0
        if index >= len(ids):
            return None
        restore_cursor(self.table, ids[index])
        return self.data.key_results[ids[index]]

    # ------------------------------------------------------------ actions

    @on(DataTable.RowSelected, "#round")
    def _row_selected(self) -> None:
        key = selected_key(self.table)
        if key in self.data.objectives:
            first = next((i.key_result for i in self.items if i.objective.id == key), None)
            if first is not None:
                restore_cursor(self.table, first.id)
                self.check_in(first)
            return
        kr = self.selected_key_result()
        if kr is not None:
            self.check_in(kr)

    def check_in(self, kr: KeyResult) -> None:
        """The check-in form for ``kr``; saving moves the round to the next key result."""
        data = self.data
        check_ins = history(data, kr.id)
        confidence = latest_confidence(check_ins)
        values = [c for c in check_ins if c.value is not None]

        def submit(values: dict[str, Any]) -> str | None:
            confidence = values["confidence"]
            if confidence is not None and not 0 <= confidence <= 10:
                return "Confidence: give a whole number from 0 to 10"
            value = (1.0 if values["done"] else 0.0) if "done" in values else values["value"]
            _, change = edits.record_check_in(
                data,
                kr.id,
                at=values["at"],
                value=value,
                confidence=confidence,
                note=values["note"],
                blocker=values["blocker"],
                author=kr.owner,
            )
            return self.app.apply(change)

        def then(saved: dict[str, Any] | None) -> None:
            if saved is None:
                return
            following = self._move_to_next(kr.id)
            if following is None:
                self.app.notify("That was the last key result of the round.", timeout=4)
            else:
                self.app.notify(f"Saved. Next: {following.title} — Enter.", timeout=3)

        line = sparkline([c.value for c in values if c.value is not None], 16).plain
        before = number(kr.current, kr.unit) if kr.kind != "milestone" else target_text(kr)
        self.app.push_screen(
            FormScreen(
                f"Check in: {kr.title}",
                check_in_fields(
                    kr,
                    confidence.confidence if confidence is not None else kr.confidence,
                    self.round_day(),
                ),
                submit,
                hint=f"Now {before} · {target_text(kr)} · progress "
                f"{round(kr.progress() * 100)}%" + (f" · {line}" if values else ""),
            ),
            then,
        )

    def action_next_team(self) -> None:
        options: list[str | None] = [None, *teams(self.data)]
        index = options.index(self.team) + 1 if self.team in options else 0
        self.team = options[index % len(options)]
        self.refresh_view()
        self._move_to_next(None)
        self.app.notify(f"Round over {team_label(self.team)}.", timeout=2)

    def action_blocker_action(self) -> None:
        kr = self.selected_key_result()
        if kr is None:
            self.app.notify("Select a key result first.", timeout=3)
            return
        check_in = latest(c for c in history(self.data, kr.id) if c.blocker.strip())
        text = f"Unblock “{kr.title}”"
        if check_in is not None:
            text = f"Unblock: {' '.join(check_in.blocker.split())}"
        add_action(
            self.app,
            self.data,
            self.session,
            {"text": text[:2000], "owner": kr.owner},
            title="Action from a blocker",
        )
