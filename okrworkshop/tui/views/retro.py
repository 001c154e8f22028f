"""The retro board: cards in the format's columns, typed fast, grouped, dot-voted per person,
then discussed in vote order. Cards of the format's bright column are marked for celebrating.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from facilitation.people import people_in
from facilitation.retro import (
    RETRO_FORMATS,
    CardError,
    RetroFormat,
    column_hint,
    parse_card,
    retro_format,
)
from facilitation.votes import VoteRefused, VoteRules, cast, dots_left
from okrworkshop.model import Change, RetroCard, Session, Update, edits
from okrworkshop.model.cycle_data import next_position
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.actions import add_action
from okrworkshop.tui.views.base import restore_cursor, selected_key
from okrworkshop.tui.views.table_view import TableView
from okrworkshop.tui.widgets.fitted_table import Column, FittedTable

COLUMNS = (
    Column("column", "Column", 14, 2),
    Column("text", "Card", 0, 0),
    Column("votes", "Votes", 16, 1),
    Column("group", "Group", 14, 3),
    Column("author", "By", 14, 4),
)
RULES = VoteRules()
COLUMN_ROW = "§column:"  # the key of a column's heading row on a narrow board
DISCUSS_STAGES = ("vote",)


class CardEntry(Input):
    """The quick card line; Escape goes back to the cards instead of leaving the cycle."""

    BINDINGS = [Binding("escape", "done", "Back to the cards", show=False)]

    def action_done(self) -> None:
        self.value = ""
        for table in self.screen.query("#cards"):
            table.focus()


class RetroBoardView(TableView):
    """Cards of the current retro session, by column or in the order to discuss them."""

    BINDINGS = [
        Binding("a", "type_cards", "+Cards", tooltip="Type cards: one line each, Enter adds"),
        Binding("plus,equals_sign", "vote(1)", "+Dot", tooltip="Give the selected card a dot"),
        Binding("minus", "vote(-1)", "-Dot", tooltip="Take a dot back"),
        Binding("v", "next_voter", "Voter", tooltip="Vote as the next person of the session"),
        Binding(
            "V",
            "pick_voter",
            "Pick voter",
            show=False,
            tooltip="Choose who is voting (or add someone)",
        ),
        Binding("g", "group", "Group", tooltip="Put the selected card in a group"),
        Binding(
            "o",
            "toggle_order",
            "Order",
            tooltip="Show the cards by column, or in discussion order (most votes first)",
        ),
        Binding(
            "t",
            "to_action",
            "→Action",
            tooltip="Turn the selected card into an action with an owner and a due date",
        ),
        Binding(
            "f",
            "choose_format",
            "Format",
            show=False,
            tooltip="Choose the retro format (before the first card)",
        ),
        Binding(
            "delete,x", "delete_card", "Delete", tooltip="Delete the selected card (ctrl+z undoes)"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.voter = ""
        self.discuss: bool | None = None  # None: follow the stage
        self._place: tuple[str | None, str | None] = (None, None)

    def compose(self) -> ComposeResult:
        yield Static(id="retro-title", classes="view-hint")
        yield FittedTable(
            COLUMNS,
            id="cards",
            min_title=34,
            cursor_type="row",
            zebra_stripes=True,
            classes="round-table",
        )
        yield CardEntry(id="card-entry", compact=True)
        yield Static(id="card-preview", classes="view-hint")

    def focus_main(self) -> None:
        self.table.focus()

    @property
    def format(self) -> RetroFormat:
        session = self.session
        return retro_format(session.retro_format if session else "")

    def _retro(self) -> Session | None:
        session = self.session
        return session if session is not None and session.kind == "retro" else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the card line has the keyboard, its keys are letters, not commands.
        return not isinstance(self.app.focused, CardEntry)

    @property
    def discussing(self) -> bool:
        if self.discuss is not None:
            return self.discuss
        return self.cycle_screen.place.stage_key in DISCUSS_STAGES

    # ------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        screen = self.cycle_screen
        place = (screen.place.session_id, screen.place.stage_key)
        if place != self._place:
            self._place, self.discuss = place, None  # each stage starts in its own order
        key, row = self.start_redraw()
        table = self.table
        session = self._retro()
        entry = self.query_one(CardEntry)
        entry.display = session is not None
        if session is None:
            self.query_one("#retro-title", Static).update(
                Text("Retro cards belong to a retro session: start one with n.", style="dim")
            )
            table.add_note(Text("No retro session here.", style="dim"))
            return
        if self.voter and self.voter not in session.attendees:
            self.voter = ""
        cards = self.data.retro_cards_of(session.id)
        if self.discussing:
            self._draw_discussion(cards)
        else:
            self._draw_board(cards)
        if not cards:
            table.add_note(Text("No cards yet — press a and type one per line", style="dim"))
        restore_cursor(table, key, row)
        if key is None or (key.startswith("§") and not key.startswith(COLUMN_ROW)):
            self._to_first_card()
        self._update_title(session, cards)
        entry.placeholder = f"new card → {self._entry_column_heading()}  ·  " + (
            f"{column_hint(self.format)} · @who · #group"
        )

    def _update_title(self, session: Session, cards: list[RetroCard]) -> None:
        fmt = self.format
        line = Text.assemble((fmt.name, "bold"))
        line.append("  ·  " + ("discussion order" if self.discussing else "by column"), style="dim")
        if self.voter:
            left = dots_left({c.id: c.dots for c in cards}, self.voter, RULES)
            line.append("  ·  voting as ")
            line.append(self.voter, style="bold cyan")
            line.append(f": {left} of {RULES.budget} dots left", style="cyan")
        elif session.attendees:
            line.append("  ·  v picks who votes (anonymous dots meanwhile)", style="dim")
        else:
            line.append("  ·  anonymous dots (V adds who votes)", style="dim")
        line.append(
            "\na types cards · + and - vote · g groups · o orders · t makes an action · "
            "★ is worth celebrating",
            style="dim",
        )
        self.query_one("#retro-title", Static).update(line)

    def _card_cells(self, card: RetroCard, heading: str, first: bool) -> dict[str, Any]:
        fmt = self.format
        star = "★ " if card.column == fmt.positive else ""
        votes = Text.assemble(("●" * min(card.votes, 5), "cyan"))
        if card.votes:
            votes.append(f" {card.votes}")
        mine = card.dots.get(self.voter, 0) if self.voter else 0
        if mine:
            votes.append(f" ({mine} mine)", style="bold cyan")
        return {
            "column": Text(heading if first else "", style="bold"),
            "text": Text.assemble((star, "yellow"), card.text),
            "votes": votes,
            "group": card.group,
            "author": card.author,
        }

    def _draw_board(self, cards: list[RetroCard]) -> None:
        # Too narrow for the Column column: each column gets a heading row of its own instead.
        headings = "column" not in self.table.shown
        for column, heading in self.format.columns:
            in_column = sorted(
                (c for c in cards if c.column == column), key=lambda c: (-c.votes, c.position)
            )
            if headings:
                count = f"  {len(in_column)} card{'s' if len(in_column) != 1 else ''}"
                self.table.add_cells(
                    {"text": Text.assemble((heading, "bold underline"), (count, "dim"))},
                    key=f"{COLUMN_ROW}{column}",
                )
            for index, card in enumerate(in_column):
                self.table.add_cells(self._card_cells(card, heading, index == 0), key=card.id)
        known = dict(self.format.columns)
        for card in cards:  # cards of a column this format does not have: never hidden
            if card.column not in known:
                self.table.add_cells(self._card_cells(card, card.column, True), key=card.id)

    def _draw_discussion(self, cards: list[RetroCard]) -> None:
        topics: dict[str, list[RetroCard]] = {}
        for card in cards:
            topics.setdefault(card.group.casefold() or f"\0{card.id}", []).append(card)
        ranked = sorted(
            topics.values(),
            key=lambda group: (-sum(c.votes for c in group), min(c.position for c in group)),
        )
        for rank, group in enumerate(ranked, start=1):
            group.sort(key=lambda c: (-c.votes, c.position))
            total = sum(c.votes for c in group)
            if group[0].group:
                count = f"{len(group)} card{'s' if len(group) != 1 else ''}"
                # The rank sits in the Column column, or before the group when that is hidden.
                ranked_inline = "column" not in self.table.shown
                self.table.add_cells(
                    {
                        "column": Text(f"{rank}.", style="bold"),
                        "text": Text.assemble(
                            (f"{rank}. " if ranked_inline else "", "bold"),
                            (group[0].group, "bold"),
                            (f"  {total} vote{'s' if total != 1 else ''} · {count}", "dim"),
                        ),
                    },
                    key=f"§{rank}",
                )
            for card in group:
                heading = self.format.heading(card.column)
                cells = self._card_cells(card, heading, True)
                if not group[0].group:
                    cells["text"] = Text.assemble((f"{rank}. ", "bold"), cells["text"])
                self.table.add_cells(cells, key=card.id)

    # ------------------------------------------------------------ cards

    def _selected(self) -> RetroCard | None:
        return self.data.retro_cards.get(selected_key(self.table) or "")

    def _to_first_card(self) -> None:
        for index, row in enumerate(self.table.ordered_rows):
            if row.key.value in self.data.retro_cards:
                self.table.move_cursor(row=index, animate=False)
                return

    def _entry_column(self) -> str:
        card = self._selected()
        if card is not None:
            return card.column
        key = selected_key(self.table) or ""
        if key.startswith(COLUMN_ROW):  # on a column's heading: its cards go there
            return key.removeprefix(COLUMN_ROW)
        return self.format.columns[0][0]

    def _entry_column_heading(self) -> str:
        return self.format.heading(self._entry_column())

    def action_type_cards(self) -> None:
        if self._retro() is None:
            self.app.notify("Start a retro session first (n).", timeout=4)
            return
        self.query_one(CardEntry).focus()

    @on(Input.Changed, "#card-entry")
    def _preview(self, event: Input.Changed) -> None:
        preview = self.query_one("#card-preview", Static)
        if not event.value.strip():
            preview.update("")
            return
        try:
            card = parse_card(event.value, self.format, self._entry_column(), people_in(self.data))
        except CardError as error:
            preview.update(Text(str(error), style="red"))
            return
        line = Text.assemble(("→ ", "dim"), (self.format.heading(card.column), "bold"), ": ")
        line.append(card.text)
        if card.author:
            line.append(f"  by {card.author}", style="dim")
        if card.group:
            line.append(f"  in {card.group}", style="dim")
        preview.update(line)

    @on(Input.Submitted, "#card-entry")
    def _add_typed_card(self, event: Input.Submitted) -> None:
        session = self._retro()
        preview = self.query_one("#card-preview", Static)
        if session is None:
            return
        if not event.value.strip():
            self.table.focus()
            return
        try:
            card = parse_card(event.value, self.format, self._entry_column(), people_in(self.data))
        except CardError as error:
            preview.update(Text(str(error), style="red"))
            return
        groups = {c.group.casefold(): c.group for c in self.data.retro_cards_of(session.id)}
        card_id, change = edits.add_record(
            "retro_cards",
            "card",
            f"add card {card.text!r}",
            column=card.column,
            text=card.text,
            author=card.author,
            # "#planning" joins an existing "Planning" group rather than starting its own.
            group=groups.get(card.group.casefold(), card.group),
            session_id=session.id,
            position=next_position(self.data.retro_cards_of(session.id)),
        )
        problem = self.app.apply(change)
        if problem:
            preview.update(Text(problem, style="red"))
            return
        event.input.value = ""  # the line is saved: clear it for the next card
        preview.update(Text(f"Added to {self.format.heading(card.column)}.", style="green"))
        # The new card is selected once drawn, so the next line without a number follows it.
        self.cycle_screen.select_later(card_id)

    def _fields(self, card: RetroCard) -> list[FormField]:
        fmt = self.format
        return [
            FormField(
                "column",
                "Column",
                "choice",
                value=card.column,
                options=[(heading, key) for key, heading in fmt.columns],
                required=True,
            ),
            FormField("text", "Card", value=card.text, required=True),
            FormField(
                "group",
                "Group",
                value=card.group,
                placeholder="cards with the same group are discussed together",
            ),
            FormField("author", "By", value=card.author, people=people_in(self.data)),
        ]

    @on(DataTable.RowSelected, "#cards")
    def _edit(self) -> None:
        card = self._selected()
        if card is None:
            self.action_type_cards()
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("retro_cards", card.id, f"edit card {values['text']!r}", **values)
            )

        self.app.push_screen(FormScreen("Edit retro card", self._fields(card), submit))

    def action_delete_card(self) -> None:
        card = self._selected()
        if card is None:
            return
        change = edits.delete_record(
            self.data, "retro_cards", card.id, f"delete card {card.text!r}"
        )
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{card.text}”. ctrl+z brings it back.", timeout=5)

    def action_group(self) -> None:
        card = self._selected()
        session = self._retro()
        if card is None or session is None:
            return
        groups = sorted({c.group for c in self.data.retro_cards_of(session.id) if c.group})

        def submit(values: dict[str, Any]) -> str | None:
            group = values["group"]
            # Reuse an existing group's spelling, so "planning" joins "Planning".
            group = next((g for g in groups if g.casefold() == group.casefold()), group)
            return self.app.apply(
                edits.update("retro_cards", card.id, f"group {card.text!r}", group=group)
            )

        self.app.push_screen(
            FormScreen(
                f"Group: {card.text}",
                [
                    FormField(
                        "group",
                        "Group",
                        value=card.group,
                        placeholder="blank: no group",
                        help="groups so far: " + (", ".join(groups) if groups else "none yet"),
                    )
                ],
                submit,
                hint="Groups so far: " + (", ".join(groups) if groups else "none yet"),
            )
        )

    def action_toggle_order(self) -> None:
        self.discuss = not self.discussing
        self.refresh_view()

    # ------------------------------------------------------------ votes

    def action_vote(self, step: int) -> None:
        card = self._selected()
        session = self._retro()
        if session is None:
            return
        if card is None:
            self.app.notify("Dots go on cards: move to a card (↓) and press + again.", timeout=3)
            return
        ballots = {c.id: c.dots for c in self.data.retro_cards_of(session.id)}
        problem = None
        if self.voter:  # anonymous dots (no attendee list) have no budget to keep
            try:
                cast(ballots, card.id, self.voter, step, RULES)
            except VoteRefused as refused:
                problem = f"{refused}."
        if (
            problem is None
            and not self.voter
            and step < 0
            and card.votes <= sum(card.dots.values())
        ):
            problem = "No anonymous dot on this card to take back; pick the voter with v."
        if problem:
            self.app.notify(problem, severity="warning", timeout=4)
            return
        change = edits.give_dot(card, self.voter, step)
        if change:
            self.apply(change)

    def action_next_voter(self) -> None:
        session = self._retro()
        if session is None:
            return
        if not session.attendees:
            self.action_pick_voter()
            return
        voters = ["", *session.attendees]
        index = voters.index(self.voter) + 1 if self.voter in voters else 0
        self.voter = voters[index % len(voters)]
        self.refresh_view()
        self.app.notify(f"Voting as {self.voter or 'anonymous'}.", timeout=2)

    def action_pick_voter(self) -> None:
        session = self._retro()
        if session is None:
            return

        def submit(values: dict[str, Any]) -> str | None:
            name = " ".join((values["new"] or "").split())
            if name and name not in session.attendees:
                problem = self.app.apply(
                    Change(
                        f"add {name!r} to the attendees",
                        (
                            Update(
                                "sessions", session.id, {"attendees": [*session.attendees, name]}
                            ),
                        ),
                    )
                )
                if problem:
                    return problem
            self.voter = name or (values["voter"] or "")
            return None

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.refresh_view()
                self.app.notify(f"Voting as {self.voter or 'anonymous'}.", timeout=2)

        options = [("Anonymous", ""), *((name, name) for name in session.attendees)]
        self.app.push_screen(
            FormScreen(
                "Who is voting?",
                [
                    FormField(
                        "voter", "Voter", "choice", value=self.voter, options=options, required=True
                    ),
                    FormField("new", "Or someone new", placeholder="a name; joins the attendees"),
                ],
                submit,
                hint=f"Each person has {RULES.budget} dots, at most {RULES.per_item} on one card.",
            ),
            done,
        )

    # ------------------------------------------------------------ more

    def action_to_action(self) -> None:
        card = self._selected()
        if card is None:
            self.app.notify("Select a card first.", timeout=3)
            return
        add_action(
            self.app, self.data, self.session, {"text": card.text}, title="Action from a card"
        )

    def action_choose_format(self) -> None:
        session = self._retro()
        if session is None:
            return
        if self.data.retro_cards_of(session.id):
            self.app.notify(
                "The format is chosen at the start; this retro has cards already.", timeout=5
            )
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                Change(
                    f"retro format {values['format']!r}",
                    (Update("sessions", session.id, {"retro_format": values["format"]}),),
                )
            )

        self.app.push_screen(
            FormScreen(
                "Retro format",
                [
                    FormField(
                        "format",
                        "Format",
                        "choice",
                        value=self.format.key,
                        options=[(fmt.name, key) for key, fmt in RETRO_FORMATS.items()],
                        required=True,
                    )
                ],
                submit,
            )
        )
