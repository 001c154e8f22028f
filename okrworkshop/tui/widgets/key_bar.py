"""The bar of keys at the bottom of a screen: Textual's Footer, drawn as one widget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
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
        self._spans: list[_Span] = []  # where each key is drawn, for clicks and tooltips

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> list[_Key]:
        """The keys shown, in order (one per action): each with whether it can be used now
        and its tooltip."""
        shown: dict[str, _Key] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = _Key(binding, enabled, tooltip or binding.tooltip)
        return list(shown.values())

    def render(self) -> Content:
        app = self.app
        key_style = self.get_visual_style("key-bar--key", partial=True)
        description_style = self.get_visual_style("key-bar--description", partial=True)
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        found = self.screen.active_bindings.get(palette_key) if palette_key else None
        palette = (
            _Key(found[1], found[2], found[3] or found[1].tooltip or found[1].description)
            if found is not None
            else None
        )
        width = self.size.width
        # The palette's key keeps its place on the right; the others fill the line before it
        # and stop at the last one that fits whole.
        room = width - (self._width(palette.binding) + 1 if palette is not None else 0)
        parts: list[tuple[str, Style]] = []
        spans: list[_Span] = []
        position = 0
        for shown in self.keys():
            if palette is not None and shown.binding.key == palette.binding.key:
                continue
            key, description = self._labels(shown.binding)
            end = position + cell_len(key) + cell_len(description)
            if end > room:
                break
            dim = None if shown.enabled else DISABLED
            parts.append((key, key_style + dim))
            parts.append((description, description_style + dim))
            spans.append(_Span(position, end, shown))
            position = end
        if palette is not None and room >= 0:
            key, description = self._labels(palette.binding)
            start = width - self._width(palette.binding)
            dim = None if palette.enabled else DISABLED
            parts.append((" " * (start - 1 - position), Style()))
            parts.append(("▏", self.get_visual_style("key-bar--palette", partial=True)))
            parts.append((key, key_style + dim))
            parts.append((description, description_style + dim))
            spans.append(_Span(start, width, palette))
        self._spans = spans
        return Content.assemble(*parts)

    def _labels(self, binding: Binding) -> tuple[str, str]:
        key = f" {self.app.get_key_display(binding)} "
        return key, f"{binding.description} " if binding.description else ""

    def _width(self, binding: Binding) -> int:
        key, description = self._labels(binding)
        return cell_len(key) + cell_len(description)

    def _at(self, x: int) -> _Key | None:
        return next((span.key for span in self._spans if span.start <= x < span.end), None)

    def on_click(self, event: events.Click) -> None:
        shown = self._at(event.x)
        if shown is None:
            return
        event.stop()
        if shown.enabled:
            self.app.simulate_key(shown.binding.key)
        else:
            self.app.bell()  # a key that cannot be used here now, as Textual's Footer does

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self._at(event.x)
        self.tooltip = shown.tooltip or None if shown is not None else None

    def on_leave(self) -> None:
        self.tooltip = None


@dataclass(frozen=True)
class _Key:
    binding: Binding
    enabled: bool
    tooltip: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    key: _Key
