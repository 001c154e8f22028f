"""The help screen: the keys that work where you were, and how a session flows."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GUIDE = (
    "Pick a cycle, start a session (n) and walk its agenda with ] and [ or the sidebar: each "
    "stage changes the main area. s starts and pauses the stage timer, m and M add a minute or "
    "five; it never moves on by itself. Every change is saved as you make it; ctrl+z undoes "
    "and ctrl+y redoes, even after a restart. The coach flags weak objectives and key results "
    "as you go.\n\n"
    "Planning: brainstorm candidates (a), merge duplicates (g), dot-vote as each attendee "
    "(v, + and -), reveal (r) and promote the winners (w); add objectives (o) and key results "
    "(k), align them (p), run a blind confidence round per key result (Enter at the commit "
    "stage), then wrap up and export (e). Check-in: the round goes over every key result in "
    "cascade order (t for one team); Enter records the new value, confidence, note and "
    "blocker and moves on. "
    "Retro: Space accepts the progress as the score, Enter overrides it with a note; a opens "
    "the card line ('2: Setup started late @ana #planning'); v picks who votes, + and - place "
    "dots (5 each, 3 at most on a card); t turns a card into an action; then k, m, d or b per "
    "objective and g creates the next cycle's draft.\n\n"
    "c captures a decision, action or parking-lot item from anywhere (i edits who is in the "
    "room); ctrl+p opens the "
    "command palette; ctrl+t switches between the dark and light theme; h hides the "
    "facilitator prompts before you share the screen."
)


def _pretty_key(key: str) -> str:
    names = {
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "question_mark": "?",
        "delete": "Delete",
        "escape": "Escape",
        "enter": "Enter",
        "space": "Space",
        "plus": "+",
        "minus": "-",
        "equals_sign": "=",
    }
    return names.get(key, key)


def _ours(node: object, binding: Binding) -> bool:
    """Bindings our own classes declare (not a DataTable's cursor keys)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("okrworkshop"):
            declared = cls.__dict__.get("BINDINGS", [])
            if any(isinstance(b, Binding) and b.action == binding.action for b in declared):
                return True
    return False


class HelpScreen(ModalScreen[None]):
    """Keys active on the screen underneath, and the short guide."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            description = binding.tooltip or binding.description
            if not _ours(active.node, binding) or not description or description in seen:
                continue
            seen.add(description)
            self.rows.append((binding.key_display or _pretty_key(key), description))

    def compose(self) -> ComposeResult:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("Key", style="bold cyan", no_wrap=True)
        table.add_column("Does")
        for key, description in self.rows:
            table.add_row(key, description)
        with Vertical(classes="dialog wide"):
            yield Static("Help — Escape closes", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Text(GUIDE))
                yield Static("")
                yield Static(table)
