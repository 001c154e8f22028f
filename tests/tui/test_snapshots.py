"""SVG snapshots of the main screens at 120×40 (and the projector and small sizes).

Regenerate on purpose with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from okrworkshop.tui.app import create_app
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY, FakeClock
from tests.tui.helpers import show


def _app(workspace: Any, cycle_id: str | None = None, theme: str = "textual-dark") -> Any:
    return create_app(
        workspace, cycle_id=cycle_id, today=lambda: TODAY, theme=theme, clock=FakeClock()
    )


def _go(place: Place) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, place)

    return run_before


async def _loaded(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _home(pilot: Pilot[Any]) -> None:
    await _loaded(pilot)
    # The temporary folder differs on every run; show a fixed path like a fixed clock.
    pilot.app.screen.query_one("#workspace-path", Static).update(
        "Workspace: ~/.local/share/okrworkshop/workspace.json"
    )
    await pilot.pause()


class TestScreens:
    def test_home(self, snap_compare: Any, demo_workspace: Any) -> None:
        assert snap_compare(_app(demo_workspace), terminal_size=(120, 40), run_before=_home)

    def test_objectives_with_coach(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_go(Place("objectives")))

    def test_retro_scoring(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded)

    def test_check_in_round(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        place = Place("check-in", "ses-check-in", "round")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_go(place))

    def test_retro_board(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        place = Place("reflect", "ses-retro", "reflect")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_go(place))

    def test_key_result_form(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("objectives"))(pilot)
            await pilot.press("k")
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


class TestSizesAndThemes:
    @pytest.mark.parametrize("size", [(100, 30), (160, 45)], ids=["100x30", "160x45"])
    def test_objectives_light(
        self, snap_compare: Any, demo_workspace: Any, size: tuple[int, int]
    ) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        assert snap_compare(app, terminal_size=size, run_before=_go(Place("objectives")))

    def test_alignment_projector(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        assert snap_compare(app, terminal_size=(160, 45), run_before=_go(Place("align")))
