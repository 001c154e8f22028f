"""Pick an objective's parent: an objective or key result one level up, found by typing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from okrworkshop.model import CycleData, Objective

LEVEL_RANK = {"company": 0, "department": 1, "team": 2}


def parent_candidates(data: CycleData, objective: Objective) -> list[tuple[str, str]]:
    """(id, label) of everything above the objective's level, objectives with their KRs."""
    rank = LEVEL_RANK[objective.level]
    own_krs = {kr.id for kr in data.key_results_of(objective.id)}
    candidates: list[tuple[str, str]] = []
    for other in data.objectives_in_order():
        if other.id == objective.id or LEVEL_RANK[other.level] >= rank:
            continue
        where = other.level + (f" · {other.team}" if other.team else "")
        candidates.append((other.id, f"{other.title}  ({where})"))
        for kr in data.key_results_of(other.id):
            if kr.id not in own_krs:
                candidates.append((kr.id, f"    KR {kr.title}"))
    return candidates


class ParentPicker(ModalScreen[str | None]):
    """Returns the chosen parent id, "" to unlink, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, data: CycleData, objective: Objective) -> None:
        super().__init__()
        self.objective = objective
        self.candidates = parent_candidates(data, objective)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(f"Align “{self.objective.title}” to…"), classes="dialog-title")
            yield Input(placeholder="type to search objectives and key results", id="search")
            yield OptionList(id="choices")
            yield Static("Enter picks · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        wanted = text.casefold().strip()
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        if self.objective.parent_id is not None and not wanted:
            options.add_option(Option("— no parent (unlink)", id="__unlink__"))
        matches = [(i, label) for i, label in self.candidates if wanted in label.casefold()]
        for record_id, label in matches:
            options.add_option(Option(Text(label), id=record_id))
        if not matches and not options.option_count:
            level = self.objective.level
            hint = (
                "company objectives align to nothing"
                if level == "company"
                else "nothing above this level matches"
            )
            options.add_option(Option(hint, id="__none__", disabled=True))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#search")
    def _submit_search(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self._choose(option.id)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id in (None, "__none__"):
            return
        self.dismiss("" if option_id == "__unlink__" else option_id)

    def key_down(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
