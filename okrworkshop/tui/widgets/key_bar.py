"""The bar of keys at the bottom of a screen: Textual's Footer, drawn as one widget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

DISABLED = Style(dim=True)


class KeyBar(Widget, can_focus=False):
    """The keys of where you are: each key, then what it does; the palette's key on the right.

    It looks and behaves like Textual's ``Footer`` (a click on a key presses it), but it is one
    widget, where the Footer mounts and styles a widget per key each time the keys change: with
    the twenty-odd keys of a cycle page that was a tenth of a second of every launch, and again
    at each change of focus.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # where each key is drawn, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> list[tuple[Binding, bool]]:
        """The keys shown, in order (one per action), each with whether it can be used now."""
        shown: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled)
        return list(shown.values())

    def render(self) -> Content:
        app = self.app
        key_style = self.get_visual_style("key-bar--key", partial=True)
        description_style = self.get_visual_style("key-bar--description", partial=True)
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        keys = self.keys()
        found = self.screen.active_bindings.get(palette_key) if palette_key else None
        palette = found[1] if found is not None else None
        # The palette's key keeps its place on the right; the others fill the line before it
        # and stop at the last one that fits whole.
        room = self.size.width - (self._width(palette) + 1 if palette is not None else 0)
        parts: list[tuple[str, Style]] = []
        spans: list[tuple[int, int, str]] = []
        position = 0
        for binding, enabled in keys:
            if palette is not None and binding.key == palette.key:
                continue
            key, description = self._labels(binding)
            end = position + len(key) + len(description)
            if end > room:
                break
            dim = None if enabled else DISABLED
            parts.append((key, key_style + dim))
            parts.append((description, description_style + dim))
            spans.append((position, end, binding.key))
            position = end
        if palette is not None and room >= 0:
            key, description = self._labels(palette)
            start = self.size.width - self._width(palette)
            parts.append((" " * (start - 1 - position), Style()))
            parts.append(("▏", self.get_visual_style("key-bar--palette", partial=True)))
            parts.append((key, key_style))
            parts.append((description, description_style))
            spans.append((start, self.size.width, palette.key))
        self._spans = spans
        return Content.assemble(*parts)

    def _labels(self, binding: Binding) -> tuple[str, str]:
        key = f" {self.app.get_key_display(binding)} "
        return key, f"{binding.description} " if binding.description else ""

    def _width(self, binding: Binding) -> int:
        key, description = self._labels(binding)
        return len(key) + len(description)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
