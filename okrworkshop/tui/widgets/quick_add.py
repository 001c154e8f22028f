"""The quick-add line under the OKR table: type, Enter, type the next one; Escape ends."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static


class QuickAddBar(Vertical):
    """A label saying what Enter will add, the line itself and a preview of how it reads."""

    DEFAULT_CSS = """
    QuickAddBar {
        height: auto;
        display: none;
        border-top: hkey $accent;
    }
    QuickAddBar.-open {
        display: block;
    }
    QuickAddBar #quick-label {
        color: $accent;
        text-style: bold;
    }
    QuickAddBar #quick-preview {
        color: $text-muted;
    }
    QuickAddBar #quick-preview.-problem {
        color: $error;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Done", tooltip="Close the quick-add line (nothing is lost)")
    ]

    @dataclass
    class Closed(Message):
        """The facilitator left the line."""

    def compose(self) -> ComposeResult:
        yield Static(id="quick-label")
        yield Input(id="quick-input", compact=True)
        yield Static(id="quick-preview")

    @property
    def input(self) -> Input:
        return self.query_one("#quick-input", Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, label: str, *, value: str = "", placeholder: str = "") -> None:
        """Show the line ready for typing; ``value`` pre-fills it (editing in place)."""
        self.query_one("#quick-label", Static).update(Text(label))
        line = self.input
        line.placeholder = placeholder
        line.value = value
        line.cursor_position = len(value)
        self.show_preview(Text(""))
        self.add_class("-open")
        line.focus()

    def relabel(self, label: str, placeholder: str = "") -> None:
        self.query_one("#quick-label", Static).update(Text(label))
        self.input.placeholder = placeholder

    def show_preview(self, text: Text, *, problem: bool = False) -> None:
        preview = self.query_one("#quick-preview", Static)
        preview.update(text)
        preview.set_class(problem, "-problem")

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())
