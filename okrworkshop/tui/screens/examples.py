"""The examples library: weak OKRs beside stronger rewrites; Enter starts from the rewrite."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitation.examples import EXAMPLES, DraftOkr, ExamplePair, example, findings_by_line
from okrworkshop.tui.format import SEVERITY_ICONS, SEVERITY_STYLES


def _coached_lines(draft: DraftOkr, heading: str, style: str) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(heading, style=f"bold {style}")]
    for index, (title, findings) in enumerate(findings_by_line(draft)):
        lines.append(Text(title, style="bold") if index == 0 else Text("• " + title))
        if findings:
            # What the coach says about this line, just under it.
            lines.append(
                Text("   ").join(
                    Text(
                        f"{SEVERITY_ICONS[f.severity]} {f.rule}", style=SEVERITY_STYLES[f.severity]
                    )
                    for f in findings
                )
            )
    return lines


def preview(pair: ExamplePair) -> Group:
    """The weak draft with what the coach says about each line, the rewrite, and the lesson."""
    parts: list[RenderableType] = [Text(pair.topic, style="bold underline"), Text("")]
    parts += _coached_lines(pair.weak, "Weak", "red")
    parts.append(Text(""))
    parts += _coached_lines(pair.strong, "Stronger", "green")
    parts.append(Text("✔ the coach has nothing to flag", style="green"))
    parts += [Text(""), Text(pair.lesson, style="italic")]
    return Group(*parts)


class ExamplesScreen(ModalScreen[str | None]):
    """Returns the key of the example to start from, or None."""

    CSS_PATH = "examples.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("enter", "choose", "Start from it", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Examples library: weak → stronger", classes="dialog-title")
            with Horizontal(id="examples-body"):
                yield OptionList(
                    *(Option(Text(pair.topic), id=pair.key) for pair in EXAMPLES),
                    id="example-list",
                )
                with VerticalScroll(id="example-preview-scroll"):
                    yield Static(id="example-preview")
            yield Static(
                "↑↓ browse · Enter adds the stronger version as a new objective to adapt · "
                "Escape closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()
        self._show(EXAMPLES[0].key)

    @on(OptionList.OptionHighlighted, "#example-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show(event.option.id)

    def _show(self, key: str) -> None:
        self.query_one("#example-preview", Static).update(preview(example(key)))

    @on(OptionList.OptionSelected, "#example-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
