"""Helpers for driving the app with Pilot: fill forms directly, then save with the keyboard."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, Switch

from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.form import FormScreen


async def fill_form(pilot: Pilot[Any], save: bool = True, **values: Any) -> FormScreen:
    """Set form fields by name (fast, per STYLE) and press ctrl+s to save."""
    screen = pilot.app.screen
    assert isinstance(screen, FormScreen), f"expected a form, found {screen!r}"
    for name, value in values.items():
        widget = screen.query_one(f"#field-{name}")
        if isinstance(widget, Input):
            widget.value = "" if value is None else str(value)
        elif isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, Switch):
            widget.value = bool(value)
        else:  # pragma: no cover - a new field kind
            raise TypeError(widget)
    await pilot.pause()
    if save:
        await pilot.press("ctrl+s")
        await pilot.pause()
    return screen


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers (loading, saving) and a refresh."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def record_notes(app: Any) -> list[str]:
    """Every notification the app shows from now on, in order."""
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(message)
        original(message, **options)

    app.notify = notify
    return notes


async def until(pilot: Pilot[Any], done: Any, rounds: int = 50) -> None:
    """Let the app work (its threads too) until ``done()`` holds; a busy machine may need a few
    rounds. The caller asserts afterwards: this only waits."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if done():
            return


async def follow(pilot: Pilot[Any]) -> None:
    """What the app's once-a-second look at the workspace file does, now: load, redraw."""
    await settle(pilot)
    pilot.app.sync.check()  # type: ignore[attr-defined]
    await settle(pilot)


def okr_table(screen: Any) -> Any:
    """The OKR table of the cycle screen's current view."""
    from okrworkshop.tui.views.okr import OkrView

    view = screen.current_view
    assert isinstance(view, OkrView), f"expected the OKR table, found {view!r}"
    return view.table


async def show(pilot: Pilot[Any], place: Any, *, focus: bool = True) -> CycleScreen:
    """Go to a page or stage of the open cycle and wait until its view has drawn."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CycleScreen), f"expected the cycle screen, found {screen!r}"
    screen.go(place, focus=focus)
    for _ in range(100):
        await pilot.pause()
        if screen.current_view_ready:
            break
    assert screen.current_view_ready, "the view never finished drawing"
    await pilot.pause()
    return screen


def view_table(screen: Any) -> Any:
    """The main table of the cycle screen's current view (every table view has ``table``)."""
    table = getattr(screen.current_view, "table", None)
    assert table is not None, f"{screen.current_view!r} has no main table"
    return table


def on_session(screen: CycleScreen) -> Any:
    """The session of the stage on show (a test that needs one fails clearly without it)."""
    session = screen.current_session
    assert session is not None, f"no session on show at {screen.place}"
    return session
