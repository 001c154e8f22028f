"""Pick one item from a list by typing part of it (Enter picks, Escape cancels)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class ChooseScreen(ModalScreen[str | None]):
    """Returns the chosen item's id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: Sequence[tuple[str, str]], *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)
        self.hint = hint or "type to search · Enter picks · Escape cancels"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder="type to search", id="search")
            yield OptionList(id="choices")
            yield Static(Text(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        wanted = text.casefold().strip()
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        for item_id, label in self.items:
            if wanted in label.casefold():
                options.add_option(Option(Text(label), id=item_id))
        if not options.option_count:
            options.add_option(Option("nothing matches", id="__none__", disabled=True))
        options.highlighted = 0

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#search")
    def _submit(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, item_id: str | None) -> None:
        if item_id not in (None, "__none__"):
            self.dismiss(item_id)

    def key_down(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
