"""Brainstorm objective candidates, merge duplicates, dot-vote in private, promote the winners."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from facilitation import brainstorm
from facilitation.capture import resolve_person
from facilitation.votes import dots_left, dots_used
from okrworkshop.model import LEVELS, Candidate, Session
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.views.layout import fit_columns
from okrworkshop.tui.widgets.plain_table import PlainTable

_BY = re.compile(r"(?:^|\s)by:(?P<by>\S+)")
LEADERS = 3  # how many candidates are marked as leading once the vote is revealed
MAX_DOTS_DRAWN = 8
COLUMNS = (
    ("rank", "#", 3),
    ("text", "Candidate", 0),
    ("dots", "Dots", 12),
    ("by", "By", 12),
    ("status", "Status", 12),
)
NARROW_COLUMNS = tuple(column for column in COLUMNS if column[0] != "by")
WIDE = 80  # below this many cells the author column gives way to the candidate's words


class CandidateEntry(Input):
    """The quick-entry line: Enter adds a candidate and stays here; Escape goes to the list."""

    BINDINGS = [Binding("escape", "leave", "Back to the list", show=False)]

    def action_leave(self) -> None:
        view = next(a for a in self.ancestors if isinstance(a, BrainstormView))
        view.focus_main()


class BrainstormView(View):
    """Objective candidates of the session, with a private dot vote per attendee."""

    BINDINGS = [
        Binding("a", "enter_candidates", "+Candidate", tooltip="Type candidates, one per line"),
        Binding("plus,equals_sign", "dot(1)", "+Dot", tooltip="Place a dot of the voter's"),
        Binding("minus", "dot(-1)", "-Dot", tooltip="Take one of the voter's dots back"),
        Binding("v", "voter(1)", "Next voter", tooltip="Vote as the next attendee"),
        Binding("V", "voter(-1)", "Prev voter", show=False, tooltip="Vote as the previous one"),
        Binding("r", "reveal", "Reveal", tooltip="Show every candidate's dots, or hide them again"),
        Binding(
            "g",
            "merge",
            "Merge",
            tooltip="Group: merge the selected duplicate into another candidate (g again splits)",
        ),
        Binding("p", "promote", "Promote", tooltip="Make the selected candidate a draft objective"),
        Binding(
            "w",
            "promote_leaders",
            "Winners",
            show=False,
            tooltip="Make the leading candidates draft objectives in one go",
        ),
        Binding(
            "b",
            "budget",
            "Budget",
            show=False,
            tooltip="Dots per person and the most on one candidate",
        ),
        Binding(
            "delete,x",
            "delete_candidate",
            "Delete",
            show=False,
            tooltip="Delete the selected candidate (ctrl+z undoes)",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.voter_index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="brainstorm-status")
        yield CandidateEntry(
            placeholder="a: type a candidate objective and press Enter (by:name says whose)",
            id="candidate-entry",
            compact=True,
        )
        yield PlainTable(id="candidates", cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        if self.display and self.is_mounted and self.table.columns:
            self.refresh_view()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#candidates", DataTable)

    # ------------------------------------------------------------ drawing

    def voter(self, session: Session) -> str | None:
        """Whose dots + and - place now."""
        if not session.attendees:
            return None
        self.voter_index %= len(session.attendees)
        return session.attendees[self.voter_index]

    def refresh_view(self) -> None:
        session = self.session
        table = self.table
        key, row = selected_key(table), table.cursor_row
        width = self.layout_width()
        fit_columns(table, COLUMNS if width >= WIDE else NARROW_COLUMNS, width)
        table.clear()
        status = self.query_one("#brainstorm-status", Static)
        if session is None:
            status.update("Candidates belong to a planning session: start one with n.")
            return
        status.update(self._status(session))
        candidates = self.data.candidates_of(session.id)
        open_ones = [c for c in candidates if c.merged_into is None]
        if session.votes_revealed:
            open_ones.sort(key=lambda c: -c.total_votes)
        leaders = (
            {c.id for c in brainstorm.leading(self.data, session.id, LEADERS)}
            if session.votes_revealed
            else set()
        )
        voter = self.voter(session)
        for rank, candidate in enumerate(open_ones, start=1):
            self._add_row(
                table,
                candidate.id,
                rank=Text(str(rank), style="dim"),
                text=candidate.text,
                dots=self._dots(session, candidate, voter),
                by=candidate.author,
                status=self._status_cell(candidate, candidate.id in leaders),
            )
            for duplicate in candidates:
                if duplicate.merged_into == candidate.id:
                    self._add_row(
                        table,
                        duplicate.id,
                        text=Text.assemble(("  ↳ ", "dim"), (duplicate.text, "dim italic")),
                        by=Text(duplicate.author, style="dim"),
                        status=Text("merged", style="dim"),
                    )
        if not candidates:
            self._add_row(
                table,
                "__empty__",
                text=Text("No candidates yet — press a and type one per line", style="dim"),
            )
        restore_cursor(table, key, row)

    def _add_row(self, table: DataTable[Any], key: str, **cells: Any) -> None:
        table.add_row(*(cells.get(column.value or "", "") for column in table.columns), key=key)

    def _status(self, session: Session) -> Text:
        box = brainstorm.ballots(self.data, session.id)
        rules = brainstorm.rules(session)
        text = Text()
        text.append("Dot vote", style="bold")
        text.append(
            f" · {rules.budget} dots each, at most {rules.per_item} on one (b) · ", style="dim"
        )
        if session.votes_revealed:
            text.append("totals shown", style="bold green")
            text.append(" (r hides · w promotes the winners)", style="dim")
        else:
            text.append("totals hidden", style="bold")
            text.append(" (r reveals)", style="dim")
        voter = self.voter(session)
        text.append("\n")
        if voter is None:
            text.append("Add the attendees with i so each can vote.", style="yellow")
            return text
        left = dots_left(box, voter, rules)
        text.append("Voting: ", style="dim")
        text.append(f" {voter} ", style="bold reverse")
        text.append(f" {left} of {rules.budget} dots left", style="bold" if left else "yellow")
        text.append(" · v next voter · + and - place dots\n", style="dim")
        for name in session.attendees:
            used = min(dots_used(box, name), rules.budget)
            text.append(f"{name.split()[0]} ", style="bold" if name == voter else "dim")
            text.append("●" * used, style="cyan")
            text.append("○" * (rules.budget - used) + "  ", style="dim")
        return text

    def _dots(self, session: Session, candidate: Candidate, voter: str | None) -> Text:
        if session.votes_revealed:
            total = candidate.total_votes
            drawn = "●" * min(total, MAX_DOTS_DRAWN)
            return Text.assemble((drawn, "cyan"), (f" {total}" if total else "—", "bold"))
        mine = candidate.votes.get(voter, 0) if voter else 0
        return Text.assemble(("●" * mine, "cyan"), ("" if mine else "·", "dim"))

    def _status_cell(self, candidate: Candidate, leading: bool) -> Text:
        if candidate.promoted_to is not None:
            if candidate.promoted_to in self.data.objectives:
                return Text("→ objective", style="green")
            return Text("promoted (since deleted)", style="dim")
        if leading:
            return Text("★ leading", style="bold yellow")
        return Text("")

    # ------------------------------------------------------------ selection

    def focus_main(self) -> None:
        self.table.focus()

    def selected(self) -> Candidate | None:
        return self.data.candidates.get(selected_key(self.table) or "")

    def _need_session(self) -> Session | None:
        session = self.session
        if session is None:
            self.app.notify("Pick a session in the sidebar first.", timeout=4)
        return session

    # ------------------------------------------------------------ entering

    def action_enter_candidates(self) -> None:
        if self._need_session() is not None:
            self.query_one(CandidateEntry).focus()

    @on(Input.Submitted, "#candidate-entry")
    def _add(self, event: Input.Submitted) -> None:
        session = self._need_session()
        if session is None:
            return
        text, author = event.value, ""
        match = _BY.search(text)
        if match:
            people = [session.facilitator, *session.attendees]
            author = resolve_person(match.group("by"), people)
            text = text[: match.start()] + text[match.end() :]
        if not text.strip():
            self.app.notify("Type the candidate's words first.", timeout=3)
            return
        candidate_id, change = brainstorm.add_candidate(self.data, session.id, text, author)
        if self.apply(change) is None:
            event.input.value = ""
            self.cycle_screen.select_later(candidate_id)

    @on(DataTable.RowSelected, "#candidates")
    def _edit(self) -> None:
        candidate = self.selected()
        if candidate is None:
            self.action_enter_candidates()
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(brainstorm.edit_candidate(candidate, values["text"]))

        fields = [FormField("text", "Candidate", value=candidate.text, required=True)]
        self.app.push_screen(FormScreen("Reword the candidate", fields, submit))

    def action_delete_candidate(self) -> None:
        candidate = self.selected()
        if (
            candidate is not None
            and self.apply(brainstorm.delete_candidate(self.data, candidate)) is None
        ):
            self.app.notify(f"Deleted “{candidate.text}”. ctrl+z brings it back.", timeout=4)

    # ------------------------------------------------------------ voting

    def action_voter(self, step: int) -> None:
        session = self._need_session()
        if session is None:
            return
        if not session.attendees:
            self.app.notify("Add the attendees with i so each can vote.", timeout=4)
            return
        self.voter_index = (self.voter_index + step) % len(session.attendees)
        self.refresh_view()

    def action_dot(self, step: int) -> None:
        session = self._need_session()
        candidate = self.selected()
        if session is None or candidate is None:
            return
        voter = self.voter(session)
        if voter is None:
            self.app.notify("Add the attendees with i so each can vote.", timeout=4)
            return
        try:
            change = brainstorm.vote(self.data, session, candidate, voter, step)
        except ValueError as refused:
            self.app.notify(str(refused), severity="warning", timeout=4)
            self.app.bell()
            return
        self.apply(change)

    def action_reveal(self) -> None:
        session = self._need_session()
        if session is not None:
            self.apply(brainstorm.reveal(session, not session.votes_revealed))

    def action_budget(self) -> None:
        session = self._need_session()
        if session is None:
            return

        def submit(values: dict[str, Any]) -> str | None:
            budget, per_item = values["budget"], values["per_item"]
            if not 1 <= budget <= 100 or not 1 <= per_item <= 100:
                return "Give whole numbers from 1 to 100."
            if per_item > budget:
                return "At most on one candidate cannot be more than the dots each person has."
            try:
                change = brainstorm.set_rules(self.data, session, budget, per_item)
            except ValueError as error:
                return str(error)
            return self.app.apply(change)

        fields = [
            FormField("budget", "Dots each", "int", value=session.vote_budget, required=True),
            FormField(
                "per_item", "Most on one", "int", value=session.votes_per_item, required=True
            ),
        ]
        self.app.push_screen(FormScreen("Dot-vote budget", fields, submit))

    # ------------------------------------------------------------ merging and promoting

    def action_merge(self) -> None:
        session = self._need_session()
        candidate = self.selected()
        if session is None or candidate is None:
            return
        if candidate.merged_into is not None:
            self.apply(brainstorm.unmerge(candidate))
            return
        others = [
            (c.id, c.text)
            for c in brainstorm.open_candidates(self.data, session.id)
            if c.id != candidate.id
        ]
        if not others:
            self.app.notify("There is no other candidate to merge it into.", timeout=4)
            return
        from okrworkshop.tui.screens.choose import ChooseScreen

        def chosen(target_id: str | None) -> None:
            fresh = self.data.candidates.get(candidate.id)
            target = self.data.candidates.get(target_id or "")
            if fresh is None or target is None:
                return
            self.apply(brainstorm.merge(self.data, session, fresh, target))

        self.app.push_screen(ChooseScreen(f"Merge “{candidate.text}” into…", others), chosen)

    def _objective_defaults(self, session: Session) -> dict[str, Any]:
        if session.team:
            return {"level": "team", "team": session.team}
        return {"level": "company", "team": ""}

    def action_promote(self) -> None:
        session = self._need_session()
        candidate = self.selected()
        if session is None or candidate is None:
            return
        if candidate.merged_into is not None:
            self.app.notify("Promote the candidate it was merged into.", timeout=4)
            return
        if candidate.promoted_to in self.data.objectives:
            self.app.notify("Already a draft objective (see the next stage).", timeout=4)
            return
        ids, change = brainstorm.promote(
            self.data, [candidate], **self._objective_defaults(session)
        )
        if self.apply(change) is None:
            self.cycle_screen.select_when_shown("objectives", ids[0])
            self.app.notify(
                f"“{candidate.text}” is a draft objective now; ctrl+z takes it back.", timeout=4
            )

    def action_promote_leaders(self) -> None:
        session = self._need_session()
        if session is None:
            return
        defaults = self._objective_defaults(session)

        def submit(values: dict[str, Any]) -> str | None:
            count = values["count"]
            if count < 1:
                return "Promote at least one."
            leaders = brainstorm.leading(self.data, session.id, count)
            if not leaders:
                return "No candidate has a dot yet (or all are promoted already)."
            ids, change = brainstorm.promote(
                self.data, leaders, level=values["level"], team=values["team"]
            )
            problem = self.app.apply(change)
            if problem is None:
                # Drafting opens on the first of them (they come last in the table).
                self.cycle_screen.select_when_shown("objectives", ids[0])
                self.app.notify(
                    f"{len(leaders)} draft objective{'s' if len(leaders) != 1 else ''} made; "
                    "] moves on to drafting.",
                    timeout=5,
                )
            return problem

        fields = [
            FormField(
                "count",
                "How many",
                "int",
                value=LEADERS,
                required=True,
                help="the candidates with the most dots; a tie at the cut is kept whole",
            ),
            FormField(
                "level",
                "Level",
                "choice",
                value=defaults["level"],
                options=[(level.capitalize(), level) for level in LEVELS],
                required=True,
            ),
            FormField("team", "Team", value=defaults["team"], placeholder="not for company"),
        ]
        self.app.push_screen(
            FormScreen(
                "Promote the winners to draft objectives",
                fields,
                submit,
                hint="They appear in the objectives table, ready to be worded well.",
                save_label="Promote",
            )
        )
