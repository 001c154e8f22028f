"""The help screen: the keys of the screen you came from and how a session flows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

GUIDE = """\
**A session in okrworkshop.** Pick a cycle, start a session (`n`) and walk its agenda in the
sidebar: each stage changes the main area. Every change is saved as you make it; `ctrl+z`
undoes and `ctrl+y` redoes. The coach marks weak objectives and key results as you type.

**Planning**: add objectives (`o`) and key results (`k`), set owners and parents, then wrap up
and export. **Check-in**: `enter` on a key result records its new value and confidence.
**Retro**: score each key result (`enter`), add cards (`a`), vote (`+`/`-`), add actions and
decide what carries over. `e` exports Markdown at any time; `ctrl+p` opens the command palette.
"""


def _key_label(key: str) -> str:
    return ", ".join(part.strip() for part in key.split(","))


class HelpScreen(ModalScreen[None]):
    """Keys of the screen underneath, and the short guide."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.source = screen

    def compose(self) -> ComposeResult:
        rows = []
        seen: set[tuple[str, str]] = set()
        for node in [self.source, *self.source.focus_chain[:1], self.app]:
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                label = _key_label(binding.key_display or binding.key)
                if (label, binding.description) in seen:
                    continue
                seen.add((label, binding.description))
                rows.append(f"| `{label}` | {binding.description} |")
        table = "| Key | Does |\n| --- | --- |\n" + "\n".join(rows)
        with Vertical(classes="dialog wide"):
            yield Static("Help — Escape to close", classes="dialog-title")
            with VerticalScroll():
                yield Markdown(GUIDE)
                yield Markdown(table)
