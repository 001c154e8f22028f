"""A blind confidence round on one key result: numbers typed hidden, revealed all at once.

Nothing is stored until the reveal (one undo step); the agreed value is a second step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from facilitation.confidence import (
    WIDE_SPREAD,
    agree,
    discussion_prompt,
    record_round,
    summary_of,
)
from okrworkshop.model import ConfidenceRound, KeyResult, Session

if TYPE_CHECKING:
    from okrworkshop.tui.app import OkrWorkshopApp


def voters(session: Session) -> list[str]:
    """Who takes part: the attendees, or the facilitator alone when none are listed."""
    if session.attendees:
        return list(session.attendees)
    return [session.facilitator] if session.facilitator else []


class ConfidenceRoundScreen(ModalScreen[bool]):
    """Enter everyone's number hidden, reveal together, agree a value."""

    app: OkrWorkshopApp
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+r", "reveal", "Reveal", tooltip="Show every number at once"),
    ]

    def __init__(
        self, session: Session, kr: KeyResult, revealed: ConfidenceRound | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.kr = kr
        self.people = voters(session)
        self.round_id = revealed.id if revealed is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(id="confidence-round", classes="dialog wide"):
            yield Static(
                Text.assemble(("Blind confidence round: ", "bold"), self.kr.title),
                classes="dialog-title",
            )
            yield Static(
                "Each person says or types a number from 0 (no chance) to 10 (certain); it is "
                "hidden as it is typed. Enter moves on; ctrl+r reveals them all at once.",
                id="round-hint",
                classes="dialog-hint",
            )
            with VerticalScroll(id="round-votes"):
                for index, name in enumerate(self.people):
                    with Horizontal(classes="form-row"):
                        yield Label(Text(name), classes="form-label")
                        yield Input(
                            password=True,
                            restrict=r"\d{0,2}",
                            max_length=2,
                            placeholder="0–10",
                            id=f"vote-{index}",
                            classes="form-input round-vote",
                            compact=True,
                        )
            yield Static("", id="round-result")
            with Horizontal(id="round-agree", classes="form-row"):
                yield Label("Agreed", classes="form-label")
                yield Input(
                    restrict=r"\d{0,2}",
                    max_length=2,
                    id="agreed",
                    classes="form-input",
                    compact=True,
                )
            yield Static("", id="round-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reveal (ctrl+r)", variant="primary", id="reveal")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one("#round-agree").display = False
        if not self.people:
            self._problem("Add the attendees first (i on the session), then run the round.")
            self.query_one("#reveal", Button).disabled = True
            return
        if self.round_id is not None:
            self._show_revealed()
            return
        self.query_one("#vote-0", Input).focus()

    # ------------------------------------------------------------ entering

    def _vote_inputs(self) -> list[Input]:
        return list(self.query(".round-vote").results(Input))

    def entered(self) -> dict[str, int]:
        """The numbers typed so far (blank means that person passes)."""
        votes: dict[str, int] = {}
        for name, field in zip(self.people, self._vote_inputs(), strict=True):
            if field.value.strip():
                votes[name] = int(field.value)
        return votes

    def _problem(self, message: str) -> None:
        error = self.query_one("#round-error", Static)
        error.update(Text(message))
        error.display = bool(message)

    @on(Input.Changed, ".round-vote")
    def _count(self) -> None:
        filled = sum(1 for field in self._vote_inputs() if field.value.strip())
        self.query_one("#round-result", Static).update(
            Text(f"{filled} of {len(self.people)} in", style="bold")
        )

    @on(Input.Submitted, ".round-vote")
    def _next(self, event: Input.Submitted) -> None:
        fields = self._vote_inputs()
        index = fields.index(event.input)
        blank = [f for f in fields if not f.value.strip()]
        if index + 1 < len(fields):
            fields[index + 1].focus()
        elif blank:
            blank[0].focus()
        else:
            self.action_reveal()

    # ------------------------------------------------------------ revealing

    @on(Button.Pressed, "#reveal")
    def action_reveal(self) -> None:
        if self.round_id is not None:
            self._agree()
            return
        try:
            votes = self.entered()
        except ValueError:
            votes = {}
        out_of_range = [name for name, value in votes.items() if value > 10]
        if out_of_range:
            self._problem(f"{', '.join(out_of_range)}: give a number from 0 to 10.")
            return
        if not votes:
            self._problem("Nobody has a number in yet.")
            return
        round_id, change = record_round(self.session.id, self.kr, votes, self.app.now())
        problem = self.app.apply(change)
        if problem:
            self._problem(problem)
            return
        self.round_id = round_id
        self._show_revealed()

    def _round(self) -> ConfidenceRound | None:
        editor = self.app.editor
        if editor is None or self.round_id is None:
            return None
        return editor.data.confidence_rounds.get(self.round_id)

    def _show_revealed(self) -> None:
        round_ = self._round()
        summary = summary_of(round_) if round_ is not None else None
        if round_ is None or summary is None:
            self.dismiss(False)
            return
        self.query_one("#round-votes").display = False
        self.query_one("#round-hint", Static).update(
            "Revealed together. Talk about it, then type the value the room agrees on and "
            "press Enter (it becomes the key result's confidence)."
        )
        text = Text()
        width = max(len(name) for name in round_.votes)
        for name, value in sorted(round_.votes.items(), key=lambda vote: (vote[1], vote[0])):
            text.append(f"{name:<{width}}  ")
            text.append("█" * value, style="cyan")
            text.append("░" * (10 - value), style="dim")
            text.append(f" {value}\n", style="bold")
        text.append(
            f"\nLowest {summary.lowest} · highest {summary.highest} · spread {summary.spread}"
            f" · median {summary.middle}",
            style="bold",
        )
        if summary.wide:
            text.append(f"\n⚠ {discussion_prompt(summary, round_)}", style="bold yellow")
        else:
            text.append(
                f"\nClose enough (a spread under {WIDE_SPREAD}): agree and move on.",
                style="green",
            )
        self.query_one("#round-result", Static).update(text)
        self.query_one("#round-agree").display = True
        agreed = self.query_one("#agreed", Input)
        agreed.value = str(round_.agreed if round_.agreed is not None else summary.middle)
        reveal = self.query_one("#reveal", Button)
        reveal.label = "Agree (Enter)"
        agreed.focus()

    @on(Input.Submitted, "#agreed")
    def _agree(self) -> None:
        round_ = self._round()
        editor = self.app.editor
        if round_ is None or editor is None:
            return
        raw = self.query_one("#agreed", Input).value.strip()
        if not raw or not 0 <= int(raw) <= 10:
            self._problem("Agreed: give a number from 0 to 10.")
            return
        kr = editor.data.key_results.get(self.kr.id)
        if kr is None:
            self._problem("This key result was deleted meanwhile.")
            return
        problem = self.app.apply(agree(round_, kr, int(raw)))
        if problem:
            self._problem(problem)
            return
        self.app.notify(f"Confidence {raw} agreed for “{kr.title}”.", timeout=3)
        self.dismiss(True)

    # ------------------------------------------------------------ leaving

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.round_id is None and self.people and self.entered():
            from okrworkshop.tui.screens.confirm import ConfirmScreen

            def answer(discard: bool | None) -> None:
                if discard:
                    self.dismiss(False)

            count = len(self.entered())
            self.app.push_screen(
                ConfirmScreen(
                    f"Discard the {count} hidden number{'s' if count != 1 else ''} entered?",
                    yes="Discard",
                ),
                answer,
            )
            return
        self.dismiss(self.round_id is not None)
