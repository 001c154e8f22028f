"""Quarter over quarter: a team's past cycles, planning confidence beside final score."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from facilitation.check_in_round import team_label
from facilitation.quarters import QuarterRow, all_teams, team_history, verdict
from okrworkshop.model import CycleData
from okrworkshop.store import WorkspaceError
from okrworkshop.tui.format import confidence_text
from okrworkshop.tui.views.scoring import confirmed_score_text
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable

COLUMNS = (
    Column("cycle", "Cycle", 0, 0),
    Column("starts", "Starts", 10, 3),
    Column("krs", "Key results", 11, 2),
    # The two numbers the page is for stay on screen down to 100 columns.
    Column("confidence", "Confidence", 11, 1),
    Column("score", "Final score", 11, 1),
    Column("pattern", "Reads as", 12, 1),
    Column("given", "Confidence on", 16, 4),
)
PATTERN_STYLES = {"too safe": "bold yellow", "over-reach": "bold red", "stretch": "green"}


class QuartersView(TableView):
    """Every cycle in the workspace for one team, oldest first."""

    BINDINGS = [
        Binding("t", "next_team", "Team", tooltip="Show the next team (company level first)"),
        Binding("r", "reload", "Reload", tooltip="Read the other cycles from the workspace again"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.team: str | None = None
        self.others: list[CycleData] | None = None
        self.problem = ""

    def compose(self) -> ComposeResult:
        yield Static(id="quarters-title", classes="view-hint")
        yield FittedTable(
            COLUMNS, id="quarters", min_title=22, cursor_type="row", zebra_stripes=True
        )
        yield Static(id="quarters-verdict", classes="kr-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.action_reload()

    @work(thread=True, exclusive=True, group="quarters")
    def _load(self, current_id: str) -> None:
        """Read the other cycles off the UI thread; a damaged workspace is said, not raised."""
        workspace = self.app.workspace
        try:
            others = [workspace.load(c.id) for c in workspace.cycles() if c.id != current_id]
        except WorkspaceError as error:
            self.app.call_from_thread(self._loaded, [], str(error))
            return
        self.app.call_from_thread(self._loaded, others, "")

    def _loaded(self, others: list[CycleData], problem: str) -> None:
        self.others, self.problem = others, problem
        if self.is_mounted:
            self.refresh_view()

    def action_reload(self) -> None:
        self.others = None
        self._load(self.data.cycle.id)

    def _cycles(self) -> list[CycleData]:
        # This cycle from memory, so edits not yet on disk count too.
        return [*(self.others or []), self.data]

    def refresh_view(self) -> None:
        self.start_redraw()
        table = self.table
        title = self.query_one("#quarters-title", Static)
        cycles = self._cycles()
        teams = all_teams(cycles)
        if self.team is None or self.team not in teams:
            session = self.session
            wanted = session.team if session is not None else ""
            self.team = wanted if wanted in teams else (teams[0] if teams else "")
        name = team_label(self.team)
        line = Text.assemble(("Quarter over quarter: ", "bold"), (name, "bold cyan"))
        line.append(
            "  ·  t next team · planning confidence (0–10) beside the final score (0–1)",
            style="dim",
        )
        if self.others is None:
            line.append("  ·  reading the other cycles…", style="dim")
        title.update(line)
        rows = team_history(cycles, self.team)
        for row in rows:
            table.add_cells(self._cells(row), key=row.cycle_id)
        if not rows:
            table.add_note(Text(f"No key results for {name} in any cycle.", style="dim"))
        message = Text(self.problem, style="red") if self.problem else Text(verdict(rows, name))
        self.query_one("#quarters-verdict", Static).update(message)

    def _cells(self, row: QuarterRow) -> dict[str, object]:
        current = row.cycle_id == self.data.cycle.id
        confidence = Text("—", style="dim")
        if row.planning_confidence is not None:
            confidence = Text.assemble(confidence_text(round(row.planning_confidence)))
            confidence.append(f" ({row.planning_confidence:.1f})", style="dim")
        score = Text("not scored", style="dim")
        if row.final_score is not None:
            score = Text.assemble(confirmed_score_text(row.final_score))
            score.append(f"  {row.scored}/{row.key_results}", style="dim")
        return {
            "cycle": Text.assemble(
                (row.cycle_name, "bold" if current else ""),
                ("  (this one)" if current else "", "dim"),
            ),
            "starts": row.starts.isoformat() if row.starts else "—",
            "krs": str(row.key_results),
            "confidence": confidence,
            "given": Text(f"{row.confidence_given} key results", style="dim"),
            "score": score,
            "pattern": Text(row.pattern, style=PATTERN_STYLES.get(row.pattern, "")),
        }

    def action_next_team(self) -> None:
        teams = all_teams(self._cycles())
        if not teams:
            return
        index = teams.index(self.team) + 1 if self.team in teams else 0
        self.team = teams[index % len(teams)]
        self.refresh_view()
