"""Two windows take turns writing one cycle, 100 writes and more: nothing is lost.

Each round, each window makes one edit (one change, one write) from its own copy of the
cycle, which is often stale: it loads the file again only every few rounds. Each adds a
check-in to its own key result (a new record and an update of the key result) and sets its
own field of one shared objective; every tenth round both also set the same field of
another objective, where the later write wins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrworkshop.model import Change, CycleData, edits
from okrworkshop.model.compare import compare
from okrworkshop.store import Workspace
from okrworkshop.tui.app import OkrWorkshopApp, create_app
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY, FakeClock
from tests.store.conftest import Worker
from tests.tui.helpers import follow, show

CYCLE = "demo-kestrel"
ROUNDS = 50  # per window: 100 interleaved writes in the default suite
ON = date(2026, 11, 24)
# window -> (its key result, its field of obj-c1)
WINDOWS = {"A": ("kr-c1-1", "description"), "B": ("kr-c1-2", "owner")}


def round_change(data: CycleData, name: str, i: int) -> Change:
    """One window's edit in round ``i``: a check-in and its own field of the shared objective."""
    kr_id, field = WINDOWS[name]
    _, check_in = edits.record_check_in(data, kr_id, at=ON, value=i)
    mine = edits.update("objectives", "obj-c1", "field", **{field: f"{name} {i}"})
    return Change(f"round {i}", check_in.ops + mine.ops)


def same_field(name: str, i: int) -> Change:
    title = f"Run a profitable business ({name} {i})"
    return edits.update("objectives", "obj-c2", "title", title=title)


def saved(app: OkrWorkshopApp, change: Change) -> None:
    assert app.apply(change) is None
    assert app.saver.flush()


def nothing_lost(disk: CycleData, rounds: int, before: CycleData) -> int:
    """Check every write of both windows is in the file; returns how many writes that is."""
    for name, (kr_id, field) in WINDOWS.items():
        added = [c for c in disk.check_ins_of(kr_id) if c.id not in before.check_ins]
        values = sorted(c.value or 0 for c in added)
        assert values == list(range(rounds)), f"{name}'s check-ins"
        assert len(added) == rounds
        assert getattr(disk.objectives["obj-c1"], field) == f"{name} {rounds - 1}"
        assert disk.key_results[kr_id].current == rounds - 1
    last = (rounds - 1) // 10 * 10
    assert disk.objectives["obj-c2"].title == f"Run a profitable business (B {last})"
    same = len(range(0, rounds, 10))
    return 2 * rounds + 2 * same


@pytest.fixture
def window_b(db_path: Path, clock: FakeClock) -> OkrWorkshopApp:
    return create_app(Workspace.open(db_path), cycle_id=CYCLE, today=lambda: TODAY, clock=clock)


@pytest.mark.parametrize(
    "rounds", [20, pytest.param(ROUNDS, marks=pytest.mark.slow)], ids=["44-writes", "110-writes"]
)
async def test_two_app_windows_interleave_their_writes_and_lose_nothing(
    rounds: int,
    make_app: Callable[..., OkrWorkshopApp],
    window_b: OkrWorkshopApp,
    demo_workspace: Workspace,
    demo: CycleData,
    reopen: Callable[[], Workspace],
) -> None:
    window_a = make_app(CYCLE)
    async with window_a.run_test(size=(120, 40)) as a, window_b.run_test(size=(120, 40)) as b:
        await show(a, Place("objectives"))
        await show(b, Place("objectives"))
        writes = {"A": window_a.saver.writes, "B": window_b.saver.writes}
        for i in range(rounds):
            for name, app in (("A", window_a), ("B", window_b)):
                assert app.editor is not None
                saved(app, round_change(app.editor.data, name, i))
            if i % 10 == 0:
                saved(window_a, same_field("A", i))
                saved(window_b, same_field("B", i))
            if i % 7 == 6:
                await follow(a)
            if i % 5 == 4:
                await follow(b)
        total = nothing_lost(reopen().load(CYCLE), rounds, demo)
        done = window_a.saver.writes - writes["A"] + window_b.saver.writes - writes["B"]
        assert done == total, "one write per edit"
        print(f"two app windows: {total} interleaved writes, all in the file")

        await follow(a)
        await follow(b)
        disk = reopen().load(CYCLE)
        for app in (window_a, window_b):
            assert app.editor is not None
            assert not compare(disk, app.editor.data), "each window shows the file"


async def interleave_with_a_window_process(
    app: OkrWorkshopApp, pilot: Any, other: Worker, rounds: int
) -> None:
    for i in range(rounds):
        assert app.editor is not None
        saved(app, round_change(app.editor.data, "A", i))
        other.send(f"edit {i}")
        other.expect(f"saved edit {i}")
        if i % 10 == 0:
            saved(app, same_field("A", i))
            other.send(f"same {i}")
            other.expect(f"saved same {i}")
        if i % 7 == 6:
            await follow(pilot)
        if i % 5 == 4:
            other.send("reload")
            other.expect("saved reload")


async def run_against_a_window_process(
    db_path: Path, tmp_path: Path, clock: FakeClock, demo: CycleData, rounds: int
) -> int:
    # The real app's way of saving: through its writer process.
    app = create_app(
        Workspace.open(db_path),
        cycle_id=CYCLE,
        today=lambda: TODAY,
        clock=clock,
        writer_process=True,
    )
    kr_id, field = WINDOWS["B"]
    other = Worker("window", db_path, CYCLE, "B", kr_id, field, stderr_path=tmp_path / "b.err")
    try:
        other.expect("ready")
        async with app.run_test(size=(120, 40)) as pilot:
            await show(pilot, Place("objectives"))
            await interleave_with_a_window_process(app, pilot, other, rounds)
            total = nothing_lost(Workspace.open(db_path).load(CYCLE), rounds, demo)
            await follow(pilot)
            assert app.editor is not None
            assert not compare(Workspace.open(db_path).load(CYCLE), app.editor.data)
            assert app.sync.reloads > 0
            await pilot.press("ctrl+q")
    finally:
        other.stop()
        if app.writer is not None:
            app.writer.close()
    return total


async def test_the_app_and_another_window_process_interleave_100_writes(
    demo_workspace: Workspace, db_path: Path, tmp_path: Path, clock: FakeClock, demo: CycleData
) -> None:
    total = await run_against_a_window_process(db_path, tmp_path, clock, demo, ROUNDS)
    assert total == 110
    print(f"app + window process: {total} interleaved writes, all in the file")
