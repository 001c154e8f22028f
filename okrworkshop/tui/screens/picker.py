"""Pick an objective's parent: an objective or key result a level up, found by typing.

The levels directly above come first, then those further up (marked, as the coach will note
the skipped level). Typing filters by title, team and owner; a key result shows with its
objective. A choice that would make a loop of parent links is refused here, with the loop
named, and the dialog stays open for another choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitation.cascade import LEVEL_RANK, levels_apart, link_problem
from okrworkshop.model import CycleData, Objective

UNLINK = "__unlink__"
NOTHING = "__none__"


@dataclass(frozen=True)
class Candidate:
    """One objective a level (or more) up, with the key results one may align to."""

    objective: Objective
    key_results: tuple[tuple[str, str], ...]  # (id, title)
    skips: bool  # more than one level up

    def words(self) -> str:
        o = self.objective
        return f"{o.title} {o.team} {o.owner}".casefold()


def parent_candidates(data: CycleData, objective: Objective) -> list[Candidate]:
    """Everything above the objective's level: one level up first, then further up."""
    rank = LEVEL_RANK[objective.level]
    candidates = [
        Candidate(
            other,
            tuple((kr.id, kr.title) for kr in data.key_results_of(other.id)),
            levels_apart(other, objective) > 1,
        )
        for other in data.objectives_in_order()
        if other.id != objective.id and LEVEL_RANK[other.level] < rank
    ]
    candidates.sort(key=lambda c: c.skips)  # stable: display order within each group
    return candidates


class ParentPicker(ModalScreen[str | None]):
    """Returns the chosen parent id, "" to unlink, or None when cancelled."""

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the link"),
        Binding("down", "move(1)", "Next", show=False, tooltip="Next choice"),
        Binding("up", "move(-1)", "Previous", show=False, tooltip="Previous choice"),
        Binding("pagedown", "move(10)", "Page down", show=False, tooltip="Ten choices down"),
        Binding("pageup", "move(-10)", "Page up", show=False, tooltip="Ten choices up"),
    ]

    def __init__(
        self,
        data: CycleData,
        objective: Objective,
        check: Callable[[str | None], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        self.objective = objective
        self.candidates = parent_candidates(data, objective)
        self.check = check or (lambda parent: link_problem(data, objective.id, parent))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="picker"):
            yield Static(Text(f"Align “{self.objective.title}” to…"), classes="dialog-title")
            yield Input(
                placeholder="type to search titles, teams and owners", id="search", compact=True
            )
            yield Static(id="picker-problem")
            yield OptionList(id="choices")
            yield Static(
                "Enter aligns to the highlighted objective or key result · Escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#search", Input).focus()

    def _fill(self, text: str) -> None:
        wanted = text.casefold().strip()
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        current = self.objective.parent_id
        found: list[Option] = []
        first_match: int | None = None  # what Enter picks: the first row that matches itself
        if current is not None and not wanted:
            found.append(Option(Text("— align to nothing (unlink)", style="italic"), id=UNLINK))
        for candidate in self.candidates:
            whole = not wanted or wanted in candidate.words()
            krs = [
                (kid, title)
                for kid, title in candidate.key_results
                if whole or wanted in title.casefold()
            ]
            if not whole and not krs:
                continue
            if whole and first_match is None:
                first_match = len(found)
            found.append(Option(self._objective_label(candidate), id=candidate.objective.id))
            if not whole and first_match is None:
                first_match = len(found)
            for kid, title in krs:
                mark = "  ● current" if kid == current else ""
                found.append(Option(Text.assemble("     KR ", title, (mark, "bold")), id=kid))
        if not found:
            hint = (
                "company objectives align to nothing"
                if self.objective.level == "company"
                else "nothing above this level matches"
                if wanted
                else "there is nothing above this level yet"
            )
            found.append(Option(Text(hint, style="dim"), id=NOTHING, disabled=True))
        options.add_options(found)
        if wanted:
            options.highlighted = first_match or 0
        else:
            ids = [option.id for option in found]
            # Start on the current link, else on the first objective (not on "unlink").
            start = 1 if ids[0] == UNLINK and len(ids) > 1 else 0
            options.highlighted = ids.index(current) if current in ids else start

    def _objective_label(self, candidate: Candidate) -> Text:
        o = candidate.objective
        where = o.level + (f" · {o.team}" if o.team else "")
        return Text.assemble(
            (o.title, "bold"),
            (f"  {where}", "dim"),
            (f" · {o.owner}" if o.owner else "", "dim"),
            ("  skips a level", "yellow") if candidate.skips else "",
            ("  ● current", "bold") if o.id == self.objective.parent_id else "",
        )

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.query_one("#picker-problem", Static).update("")
        self._fill(event.value)

    @on(Input.Submitted, "#search")
    def _submit_search(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id in (None, NOTHING):
            return
        parent = None if option_id == UNLINK else option_id
        problem = self.check(parent)
        if problem:
            self.query_one("#picker-problem", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss("" if parent is None else parent)

    def action_move(self, step: int) -> None:
        options = self.query_one("#choices", OptionList)
        if not options.option_count:
            return
        index = (options.highlighted or 0) + step
        options.highlighted = max(0, min(options.option_count - 1, index))

    def action_cancel(self) -> None:
        self.dismiss(None)
