"""Two at once: the app follows what another window or command saves to its workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrworkshop.model import Put, Update
from okrworkshop.store import Workspace
from okrworkshop.tui.widgets.agenda import Place
from tests.tui.helpers import okr_table, settle, show

CYCLE = "demo-kestrel"


def record_notes(app: Any) -> list[str]:
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        notes.append(message)
        original(message, **options)

    app.notify = notify
    return notes


async def follow(pilot: Any) -> None:
    """What the once-a-second timer does, now: notice, load, redraw."""
    await settle(pilot)
    pilot.app.sync.check()
    await settle(pilot)


async def test_a_save_from_elsewhere_shows_up_with_a_notice(
    make_app, demo_workspace, db_path: Path
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        table = okr_table(screen)
        table.move_cursor(row=table.get_row_index("obj-t2"))
        other = Workspace.open(db_path)
        other.apply(
            CYCLE,
            [
                Update("objectives", "obj-c2", {"title": "Grow revenue without burning out"}),
                Put("objectives", {"id": "obj-new", "title": "Added in the other window", "level": "company"}),
            ],
        )
        await follow(pilot)
        assert app.editor.data.objectives["obj-c2"].title == "Grow revenue without burning out"
        table = okr_table(screen)
        assert table.get_row_index("obj-new") >= 0
        assert notes and "1 objective added, 1 objective changed" in notes[-1], notes
        print(notes)


async def test_two_pilots(make_app, demo_workspace, db_path: Path, clock) -> None:
    from okrworkshop.tui.app import create_app
    from tests.conftest import TODAY
    from okrworkshop.model import edits

    first = make_app(CYCLE)
    second = create_app(Workspace.open(db_path), cycle_id=CYCLE, today=lambda: TODAY, clock=clock)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await show(one, Place("objectives"))
        await show(two, Place("objectives"))
        assert first.apply(edits.update("objectives", "obj-c1", "x", owner="Ana")) is None
        assert first.saver.flush()
        await follow(two)
        assert second.editor.data.objectives["obj-c1"].owner == "Ana"
        assert second.apply(edits.update("objectives", "obj-c1", "x", team="Bo")) is None
        assert second.saver.flush()
        await follow(one)
        assert first.editor.data.objectives["obj-c1"].team == "Bo"
