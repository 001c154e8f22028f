"""The retro board: cards in the format's columns, grouped and dot-voted."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitation.retro import retro_format
from okrworkshop.model import RetroCard, edits
from okrworkshop.model.cycle_data import next_position
from okrworkshop.tui.screens.form import FormField, FormScreen
from okrworkshop.tui.views.base import View, restore_cursor, selected_key
from okrworkshop.tui.widgets.plain_table import PlainTable


class RetroBoardView(View):
    """Cards of the current retro session, column by column, most votes first."""

    BINDINGS = [
        Binding("a", "add_card", "+Card", tooltip="Add a retro card"),
        Binding("plus,equals_sign", "vote(1)", "+Vote", tooltip="Give the selected card a vote"),
        Binding("minus", "vote(-1)", "-Vote", tooltip="Take a vote back"),
        Binding(
            "delete,x", "delete_card", "Delete", tooltip="Delete the selected card (ctrl+z undoes)"
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="retro-title", classes="section-title")
        yield PlainTable(id="cards", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#cards", DataTable)
        for key, label in (
            ("column", "Column"),
            ("text", "Card"),
            ("votes", "Votes"),
            ("group", "Group"),
            ("author", "By"),
        ):
            table.add_column(label, key=key)

    def refresh_view(self) -> None:
        session = self.session
        table = self.query_one("#cards", DataTable)
        key, row = selected_key(table), table.cursor_row
        table.clear()
        title = self.query_one("#retro-title", Static)
        if session is None or session.kind != "retro":
            title.update("Retro cards belong to a retro session: start one with n.")
            return
        fmt = retro_format(session.retro_format)
        title.update(f"{fmt.name}  [dim](a adds a card, + and - vote, Enter edits)[/]")
        cards = self.data.retro_cards_of(session.id)
        for column, heading in fmt.columns:
            in_column = sorted(
                (c for c in cards if c.column == column), key=lambda c: (-c.votes, c.position)
            )
            for card in in_column:
                table.add_row(
                    Text(heading, style="bold"),
                    card.text,
                    Text(
                        "●" * min(card.votes, 10) + (f" {card.votes}" if card.votes else ""),
                        style="cyan",
                    ),
                    card.group or "",
                    card.author or "",
                    key=card.id,
                )
        if not cards:
            table.add_row(
                Text("No cards yet — press a to add one", style="dim"),
                "",
                "",
                "",
                "",
                key="__empty__",
            )
        restore_cursor(table, key, row)

    def _selected(self) -> RetroCard | None:
        key = selected_key(self.query_one("#cards", DataTable)) or ""
        return self.data.retro_cards.get(key)

    def _fields(self, card: RetroCard | None, column: str | None) -> list[FormField]:
        session = self.session
        assert session is not None
        fmt = retro_format(session.retro_format)
        return [
            FormField(
                "column",
                "Column",
                "choice",
                value=card.column if card else (column or fmt.columns[0][0]),
                options=[(heading, key) for key, heading in fmt.columns],
                required=True,
            ),
            FormField(
                "text",
                "Card",
                value=card.text if card else None,
                required=True,
                placeholder="one idea per card",
            ),
            FormField(
                "group",
                "Group",
                value=card.group if card else "",
                placeholder="cards with the same group are discussed together",
            ),
            FormField("author", "By", value=card.author if card else ""),
        ]

    def action_add_card(self) -> None:
        session = self.session
        if session is None or session.kind != "retro":
            self.app.notify("Start a retro session first (n).", timeout=4)
            return
        current = self._selected()

        def submit(values: dict[str, Any]) -> str | None:
            position = next_position(self.data.retro_cards_of(session.id))
            _, change = edits.add_record(
                "retro_cards",
                "card",
                f"add card {values['text']!r}",
                **values,
                session_id=session.id,
                position=position,
            )
            return self.app.apply(change)

        def then(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.app.notify("Card added — a for another.", timeout=2)

        self.app.push_screen(
            FormScreen(
                "New retro card", self._fields(None, current.column if current else None), submit
            ),
            then,
        )

    @on(DataTable.RowSelected, "#cards")
    def _edit(self) -> None:
        card = self._selected()
        if card is None:
            self.action_add_card()
            return

        def submit(values: dict[str, Any]) -> str | None:
            return self.app.apply(
                edits.update("retro_cards", card.id, f"edit card {values['text']!r}", **values)
            )

        self.app.push_screen(FormScreen("Edit retro card", self._fields(card, None), submit))

    def action_vote(self, step: int) -> None:
        card = self._selected()
        if card is None:
            return
        votes = max(0, card.votes + step)
        if votes != card.votes:
            self.apply(
                edits.update(
                    "retro_cards",
                    card.id,
                    f"{'vote for' if step > 0 else 'unvote'} {card.text!r}",
                    votes=votes,
                )
            )

    def action_delete_card(self) -> None:
        card = self._selected()
        if card is None:
            return
        change = edits.delete_record(
            self.data, "retro_cards", card.id, f"delete card {card.text!r}"
        )
        if self.apply(change) is None:
            self.app.notify(f"Deleted “{card.text}”. ctrl+z brings it back.", timeout=5)
