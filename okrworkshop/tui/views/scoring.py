"""Scoring at the retro: each key result's score starts at its progress; the room confirms it
or overrides it with a note. Bands are coloured; objectives and the cycle show their averages.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.check_in_round import cascade_order
from facilitation.scores import ScoreSummary, cycle_score, note_wanted, objective_score
from okrworkshop.model import KeyResult, Objective, edits
from okrworkshop.model.progress import score_band
from okrworkshop.tui.format import (
    BAND_STYLES,
    SEVERITY_ICONS,
    SEVERITY_STYLES,
    findings_badge,
    progress_bar,
    provisional_score_text,
)
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable
from okrworkshop.tui.widgets.key_result_detail import KeyResultDetail

COLUMNS = (
    Column("title", "Objective / key result", 0, 0),
    Column("progress", "Progress", 13, 2),
    Column("score", "Score", 6, 1),
    Column("note", "Note", 30, 3),
    Column("coach", "Coach", 6, 2),
)
STEP = 0.1


def confirmed_score_text(score: float) -> Text:
    """A confirmed score in its band's colour, to two decimals (0.65 is not 0.7)."""
    return Text(f"{score:.2f}", style=BAND_STYLES[score_band(score)])


def summary_text(summary: ScoreSummary) -> Text:
    if summary.value is None:
        return Text("—", style="dim")
    if summary.provisional:
        return provisional_score_text(summary.value)
    return confirmed_score_text(summary.value)


def score_fields(kr: KeyResult) -> list[FormField]:
    """The score (starting at the progress reached) and the note that explains it."""
    start = kr.score if kr.score is not None else round(kr.progress(), 2)
    return [
        FormField(
            "score",
            "Score 0.0–1.0",
            "number",
            value=start,
            required=True,
            help="starts at the progress reached; change it only with a note saying why",
        ),
        FormField(
            "score_note",
            "Note",
            value=kr.score_note,
            placeholder="why this score; what helped or got in the way",
        ),
    ]


class ScoringView(TableView):
    """Objectives and key results with progress, score and note, in cascade order."""

    BINDINGS = [
        Binding(
            "space",
            "accept",
            "Accept",
            tooltip="Score the selected key result (or the objective's) at the progress reached",
        ),
        Binding(
            "A",
            "accept_all",
            "Accept all",
            tooltip="Score every unscored key result at its progress (ctrl+z undoes)",
        ),
        Binding("plus,equals_sign", "nudge(1)", "+0.1", tooltip="Raise the score by 0.1"),
        Binding("minus", "nudge(-1)", "-0.1", tooltip="Lower the score by 0.1"),
        Binding(
            "backspace",
            "clear",
            "Clear",
            show=False,
            tooltip="Clear the selected key result's score (back to its progress)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="score-summary", classes="view-hint")
        yield FittedTable(
            COLUMNS, id="scores", cursor_type="row", zebra_stripes=True, classes="round-table"
        )
        yield KeyResultDetail(id="score-detail", classes="kr-detail")

    def refresh_view(self) -> None:
        key, row = self.start_redraw()
        table = self.table
        data = self.data
        grouped = self.cycle_screen.findings_by_target
        objectives = cascade_order(data)
        bands = {"green": 0, "yellow": 0, "red": 0}
        for objective in objectives:
            summary = objective_score(data, objective.id)
            own = grouped.get(objective.id, [])
            table.add_cells(
                {
                    "title": Text.assemble(
                        (objective.title, "bold"), (f"  {objective.commitment}", "dim")
                    ),
                    "progress": progress_bar(data.objective_progress(objective.id)),
                    "score": summary_text(summary),
                    "note": Text(f"{summary.scored} of {summary.total} scored", style="dim"),
                    "coach": findings_badge(own),
                },
                key=objective.id,
            )
            for kr in data.key_results_of(objective.id):
                if kr.score is not None:
                    bands[score_band(kr.score)] += 1
                table.add_cells(
                    {
                        "title": Text.assemble("   ", kr.title),
                        "progress": progress_bar(kr.progress()),
                        "score": confirmed_score_text(kr.score)
                        if kr.score is not None
                        else provisional_score_text(kr.progress()),
                        "note": " ".join(kr.score_note.split()),
                        "coach": findings_badge(grouped.get(kr.id, [])),
                    },
                    key=kr.id,
                )
        if not objectives:
            table.add_note(Text("No objectives to score yet.", style="dim"))
        restore_cursor(table, key, row)
        self._update_summary(bands)
        self._show_detail()

    def _update_summary(self, bands: dict[str, int]) -> None:
        total = cycle_score(self.data)
        line = Text.assemble(("Cycle score ", "bold"))
        line.append_text(summary_text(total))
        line.append(f"  {total.scored} of {total.total} confirmed", style="dim")
        for band, count in bands.items():
            line.append("  ■ ", style=BAND_STYLES[band])
            line.append(f"{count} {band}", style="dim")
        line.append(
            "\nEnter scores · Space accepts the progress · A accepts all · + and - move by 0.1 "
            "· a dim 0.57? is the progress, not yet confirmed",
            style="dim",
        )
        self.query_one("#score-summary", Static).update(line)

    @on(DataTable.RowHighlighted, "#scores")
    def _show_detail(self) -> None:
        detail = self.query_one(KeyResultDetail)
        key = selected_key(self.table) or ""
        grouped = self.cycle_screen.findings_by_target
        objective = self.data.objectives.get(key)
        if objective is not None:
            detail.update(self._objective_story(objective, grouped.get(objective.id, [])))
            return
        kr = self.data.key_results.get(key)
        detail.show(self.data, kr, grouped.get(kr.id, []) if kr else [])

    def _objective_story(self, objective: Objective, findings: list[Any]) -> Text:
        summary = objective_score(self.data, objective.id)
        text = Text.assemble((objective.title, "bold"))
        text.append(f" · {objective.commitment} · {objective.owner or 'no owner'}\n", style="dim")
        text.append("Average score ")
        text.append_text(summary_text(summary))
        text.append(
            f" ({summary.scored} of {summary.total} key results confirmed, weighted)", style="dim"
        )
        if objective.commitment == "committed":
            text.append("\nCommitted: anything below 1.0 needs a note.", style="dim")
        else:
            text.append("\nA stretch: about 0.6–0.7 is a good result.", style="dim")
        for finding in findings:
            text.append(
                f"\n{SEVERITY_ICONS[finding.severity]} ", style=SEVERITY_STYLES[finding.severity]
            )
            text.append(finding.message)
        return text

    # ------------------------------------------------------------ editing

    def _selected(self) -> tuple[Objective | None, KeyResult | None]:
        key = selected_key(self.table) or ""
        kr = self.data.key_results.get(key)
        if kr is not None:
            return self.data.objectives.get(kr.objective_id), kr
        return self.data.objectives.get(key), None

    @on(DataTable.RowSelected, "#scores")
    def _row_selected(self) -> None:
        objective, kr = self._selected()
        if kr is None and objective is not None:
            krs = self.data.key_results_of(objective.id)
            kr = next((k for k in krs if k.score is None), krs[0] if krs else None)
            if kr is None:
                return
            restore_cursor(self.table, kr.id)
        if kr is not None:
            self.score(kr)

    def score(self, kr: KeyResult) -> None:
        """The score form; a score that needs a note asks once before it is kept without."""
        objective = self.data.objectives.get(kr.objective_id)
        warned: dict[str, Any] = {}

        def submit(values: dict[str, Any]) -> str | None:
            score, note = values["score"], values["score_note"]
            if not 0.0 <= score <= 1.0:
                return "Score: give a number from 0.0 to 1.0, e.g. 0.7"
            wanted = note_wanted(kr, objective, score, note)
            if wanted and warned.get("for") != (score, note):
                warned["for"] = (score, note)
                return f"{wanted} (Save again to keep it without one.)"
            return self.app.apply(edits.set_score(self.data, kr.id, score, note))

        self.app.push_screen(
            FormScreen(
                f"Score: {kr.title}",
                score_fields(kr),
                submit,
                hint=f"Progress reached: {kr.progress():.2f} · "
                + ("committed" if objective and objective.commitment == "committed" else "stretch")
                + " · 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green",
            )
        )

    def action_accept(self) -> None:
        objective, kr = self._selected()
        if kr is not None:
            ids = [kr.id]
        elif objective is not None:
            ids = [k.id for k in self.data.key_results_of(objective.id)]
        else:
            return
        change = edits.score_at_progress(self.data, ids)
        if not change:
            self.app.notify("Already scored; Enter changes the score.", timeout=3)
            return
        self.apply(change)

    def action_accept_all(self) -> None:
        change = edits.score_at_progress(self.data, list(self.data.key_results))
        if not change:
            self.app.notify("Every key result is scored.", timeout=3)
            return
        if self.apply(change) is None:
            self.app.notify(
                f"Scored {len(change.ops)} key results at their progress. ctrl+z undoes.",
                timeout=5,
            )

    def action_nudge(self, step: int) -> None:
        _, kr = self._selected()
        if kr is None:
            return
        start = kr.score if kr.score is not None else kr.progress()
        score = min(1.0, max(0.0, round(start + step * STEP, 2)))
        if score != kr.score:
            self.apply(edits.set_score(self.data, kr.id, score, kr.score_note))

    def action_clear(self) -> None:
        _, kr = self._selected()
        if kr is not None and kr.score is not None:
            self.apply(edits.set_score(self.data, kr.id, None, kr.score_note))
