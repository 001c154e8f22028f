"""SVG snapshots of the main screens at 120×40 (and the projector and small sizes).

Regenerate on purpose with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from okrworkshop.model import Update
from okrworkshop.store import Workspace
from okrworkshop.tui.app import create_app
from okrworkshop.tui.screens.picker import ParentPicker
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY, FakeClock
from tests.tui.helpers import follow, okr_table, show, until

SCORE = Place("score", "ses-retro", "score")


def _app(workspace: Any, cycle_id: str | None = None, theme: str = "textual-dark") -> Any:
    return create_app(
        workspace, cycle_id=cycle_id, today=lambda: TODAY, theme=theme, clock=FakeClock()
    )


def _go(place: Place, *keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, place)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

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

    def test_carry_over(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        place = Place("carry-over", "ses-retro", "carry-over")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_go(place, "k", "m", "d"))

    def test_actions_to_review(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        place = Place("actions", "ses-retro", "open-actions")
        assert snap_compare(app, terminal_size=(120, 40), run_before=_go(place))

    def test_export_form(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("reflect", "ses-retro", "reflect"))(pilot)
            await pilot.press("e")
            await pilot.pause()
            # The suggested file is in the current folder, which differs on every run.
            path = pilot.app.screen.query_one("#field-path", Input)
            path.value = "~/wiki/kestrel-labs-2026-q4-quarterly-review-retro.md"
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)

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


class TestDrafting:
    def test_coach_reacts_as_you_type_a_key_result(
        self, snap_compare: Any, demo_workspace: Any
    ) -> None:
        app = _app(demo_workspace, "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("objectives"))(pilot)
            table = okr_table(pilot.app.screen)
            table.move_cursor(row=table.get_row_index("obj-t3"))
            await pilot.press("a")
            pilot.app.screen.query_one("#quick-input", Input).cursor_blink = False
            await pilot.press(*"Hold 3 workshops @aisha")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)

    def test_examples_library(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("objectives"))(pilot)
            await pilot.press("l", "down")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


class TestSizesAndThemes:
    @pytest.mark.parametrize("size", [(100, 30), (160, 45)], ids=["100x30", "160x45"])
    def test_objectives_light(
        self, snap_compare: Any, demo_workspace: Any, size: tuple[int, int]
    ) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        assert snap_compare(app, terminal_size=size, run_before=_go(Place("objectives")))

    def test_check_in_round_small_light(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        place = Place("check-in", "ses-check-in", "round")
        assert snap_compare(app, terminal_size=(100, 30), run_before=_go(place))

    def test_vote_and_discuss_projector(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        place = Place("reflect", "ses-retro", "vote")
        assert snap_compare(app, terminal_size=(160, 45), run_before=_go(place))

    def test_scoring_projector_light(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        assert snap_compare(app, terminal_size=(160, 45), run_before=_go(SCORE))

    def test_alignment_projector(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")
        assert snap_compare(app, terminal_size=(160, 45), run_before=_go(Place("align")))

    def test_cascade_small_light(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        assert snap_compare(app, terminal_size=(100, 30), run_before=_go(Place("align")))

    def test_parent_picker(self, snap_compare: Any, demo_workspace: Any) -> None:
        app = _app(demo_workspace, "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("align"))(pilot)
            view: Any = pilot.app.screen.current_view  # type: ignore[attr-defined]
            view.reveal("obj-t4")
            await pilot.pause()
            await pilot.press("p")
            # A busy machine may take a few rounds to bring the picker up and fill it.
            await until(pilot, lambda: isinstance(pilot.app.screen, ParentPicker))
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def _live_workspace(workspace: Any, *, revealed: bool = False) -> Any:
    """The demo with a planning session under way: 22 minutes in, brainstorming, dots placed."""
    from datetime import timedelta

    from facilitation import brainstorm, timer
    from facilitation.agendas import new_session
    from okrworkshop.demo import build_demo
    from okrworkshop.model import Change, Put
    from tests.conftest import NOW

    data = build_demo(TODAY)
    session = new_session(
        "planning",
        session_id="ses-live",
        title="Booking team planning",
        facilitator="Sam Whitfield",
        attendees=["Lena Fischer", "Marco Rossi", "Jonas Berg", "Ana Lopez"],
        held_on=TODAY,
        team="Booking",
    )
    data.apply(Change("start", (Put("sessions", session.model_dump(mode="json")),)))
    start = NOW - timedelta(minutes=22)
    data.apply(timer.start(data.sessions["ses-live"], start))
    data.apply(
        timer.move_to_stage(data.sessions["ses-live"], "brainstorm", start + timedelta(minutes=13))
    )
    texts = (
        "Patients finish booking on the first try",
        "Nobody waits on hold to book",
        "Booking works first time",
        "Cancelled slots refill themselves",
        "Clinics trust the waitlist",
    )
    ids = []
    for text in texts:
        candidate_id, change = brainstorm.add_candidate(data, "ses-live", text, "Lena Fischer")
        data.apply(change)
        ids.append(candidate_id)
    live = data.sessions["ses-live"]
    data.apply(brainstorm.merge(data, live, data.candidates[ids[2]], data.candidates[ids[0]]))
    for voter, votes in (
        ("Lena Fischer", {0: 3, 3: 2}),
        ("Marco Rossi", {0: 2, 1: 1, 3: 2}),
        ("Jonas Berg", {1: 2, 4: 1}),
    ):
        for index, count in votes.items():
            for _ in range(count):
                candidate = data.candidates[ids[index]]
                data.apply(brainstorm.vote(data, data.sessions["ses-live"], candidate, voter, 1))
    if revealed:
        data.apply(brainstorm.reveal(data.sessions["ses-live"], True))
    workspace.add_cycle(data)
    return workspace


class TestLiveSession:
    def test_running_brainstorm_on_the_projector(self, snap_compare: Any, workspace: Any) -> None:
        app = _app(_live_workspace(workspace), "demo-kestrel")
        place = Place("brainstorm", "ses-live", "brainstorm")
        assert snap_compare(app, terminal_size=(160, 45), run_before=_go(place))

    def test_revealed_dot_vote_overrun_small_light(self, snap_compare: Any, workspace: Any) -> None:
        app = _app(_live_workspace(workspace, revealed=True), "demo-kestrel", "textual-light")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("brainstorm", "ses-live", "brainstorm"))(pilot)
            pilot.app._clock.advance(minutes=8)  # type: ignore[attr-defined]
            pilot.app.screen.query_one("#stage-timer").tick()  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)

    def test_confidence_round_revealed(self, snap_compare: Any, workspace: Any) -> None:
        app = _app(_live_workspace(workspace), "demo-kestrel")

        async def run_before(pilot: Pilot[Any]) -> None:
            await _go(Place("confidence", "ses-live", "commit"))(pilot)
            view: Any = pilot.app.screen.current_view  # type: ignore[attr-defined]
            view.table.move_cursor(row=view.table.get_row_index("kr-t1-1"))
            await pilot.press("enter", "3", "enter", "8", "enter", "6", "enter", "5", "enter")
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def _elsewhere(place: Place, workspace: Workspace, save: Any) -> Any:
    """Show a page, let another process save, and follow it as the app's timer would."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await show(pilot, place)
        save(Workspace.open(workspace.path))
        await follow(pilot)

    return run_before


class TestTwoAtOnce:
    def test_changes_loaded_from_another_window_projector(
        self, snap_compare: Any, demo_workspace: Any
    ) -> None:
        def retitle(other: Workspace) -> None:
            title = {"title": "Grow revenue without burning out the team"}
            other.apply("demo-kestrel", [Update("objectives", "obj-c2", title)])

        app = _app(demo_workspace, "demo-kestrel")
        place = Place("objectives")
        assert snap_compare(
            app, terminal_size=(160, 45), run_before=_elsewhere(place, demo_workspace, retitle)
        )

    def test_cycle_deleted_elsewhere_small_light(
        self, snap_compare: Any, demo_workspace: Any
    ) -> None:
        app = _app(demo_workspace, "demo-kestrel", theme="textual-light")
        place = Place("objectives")
        assert snap_compare(
            app,
            terminal_size=(100, 30),
            run_before=_elsewhere(
                place, demo_workspace, lambda other: other.delete_cycle("demo-kestrel")
            ),
        )
