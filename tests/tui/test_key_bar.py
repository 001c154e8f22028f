"""The bar of keys at the bottom: what it shows, what fits, and clicks on it."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.widgets.agenda import Place
from okrworkshop.tui.widgets.key_bar import KeyBar
from tests.tui.helpers import settle, show


def bar_text(app: Any) -> str:
    bar: KeyBar = app.screen.query_one(KeyBar)
    return bar.render().plain


async def test_home_lists_its_keys_and_the_palette_on_the_right(make_app, demo_workspace) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = bar_text(app)
        assert text.startswith(" n New cycle  r Rename ")
        assert "? Help" in text and "q Quit" in text
        assert len(text) == 120, "the palette's key is drawn at the right edge"
        assert text.endswith("▏ ^p palette ")


async def test_keys_that_do_not_fit_are_left_out_whole(make_app, demo_workspace) -> None:
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        text = bar_text(app)
        assert text.endswith("▏ ^p palette "), "the palette keeps its place however narrow"
        keys = text.split("▏")[0]
        assert keys.startswith(" n New cycle ")
        assert "Quit" not in keys
        # No key is cut: each shown key is followed by the whole of what it does.
        shown = re.findall(r" (\S+) ([A-Z][a-z]+(?: [a-z]+)?) ", keys)
        assert [key for key, _ in shown][:3] == ["n", "r", "del"]
        assert not keys.rstrip().endswith(("Dem", "Exp", "He"))


async def test_clicking_a_key_presses_it(make_app, demo_workspace) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.click(KeyBar, offset=(3, 0))  # on "n New cycle"
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New cycle"


async def test_the_keys_follow_the_page(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, Place("objectives"))
        assert " o Objective " in bar_text(app)
        await show(pilot, Place("align"))
        text = bar_text(app)
        assert " o Objective " not in text
        assert text.startswith(" p Align  u Unlink ")


async def test_hovering_a_key_explains_it(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, Place("align"))
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(2, 0))  # on "p Align"
        assert bar.tooltip == "Align the selected objective under one a level up"
        await pilot.hover(KeyBar, offset=(159, 0))  # on the palette's key
        assert bar.tooltip and "command" in str(bar.tooltip).lower()


class _Room(App[None]):
    """A screen with a key that cannot be used now, and one with a wide-character name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "record('x')", "Close"),
        Binding("y", "record('y')", "投票する"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("x",) else True

    def action_record(self, what: str) -> None:
        self.done.append(what)

    def bell(self) -> None:
        self.bells += 1


async def test_a_key_that_cannot_be_used_now_is_dim_and_clicking_it_rings() -> None:
    app = _Room()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        content = bar.render()
        assert content.plain.startswith(" x Close  y 投票する ")
        dim = [span for span in content.spans if getattr(span.style, "dim", None)]
        assert dim and dim[0].start == 0, "the unusable key is drawn dim"
        await pilot.click(KeyBar, offset=(2, 0))
        await pilot.pause()
        assert app.done == [] and app.bells == 1
        # Wide characters take two cells: the next key's place is counted in cells.
        await pilot.click(KeyBar, offset=(19, 0))  # " x Close " 9 cells, " y " 3, then 投票する
        await pilot.pause()
        assert app.done == ["y"]
        assert cell_len(content.plain) <= 60
