"""Two at once: the app follows what another window or command saves to its workspace.

"Elsewhere" is a second ``Workspace`` object on the same file (what another process has),
a second app, or the real command in a subprocess. ``follow`` does what the app's
once-a-second timer does, at once, and waits for the reload worker: no sleeping.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from okrworkshop.model import CycleData, Put, Update, edits
from okrworkshop.model.compare import compare
from okrworkshop.store import Workspace
from okrworkshop.tui.app import OkrWorkshopApp, create_app
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.export import ExportScreen
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.screens.home import HomeScreen
from okrworkshop.tui.views.base import selected_key
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY, FakeClock, cli_env
from tests.e2e.terminal import COMMAND
from tests.tui.helpers import fill_form, follow, okr_table, record_notes, settle, show

CYCLE = "demo-kestrel"
ELSEWHERE = "another okrworkshop window or command"


def elsewhere(db_path: Path) -> Workspace:
    """The workspace as another process holds it."""
    return Workspace.open(db_path)


def select(screen: CycleScreen, record_id: str) -> Any:
    table = okr_table(screen)
    table.move_cursor(row=table.get_row_index(record_id))
    return table


async def test_a_save_from_elsewhere_shows_up_with_a_notice(
    make_app, demo_workspace, db_path: Path
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        select(screen, "obj-t2")
        elsewhere(db_path).apply(
            CYCLE,
            [
                Update("objectives", "obj-c2", {"title": "Grow revenue without burning out"}),
                Put(
                    "objectives",
                    {"id": "obj-new", "title": "Added in the other window", "level": "company"},
                ),
            ],
        )
        await follow(pilot)

        assert notes == [
            f"Loaded changes saved by {ELSEWHERE}: 1 objective added, 1 objective changed."
        ]
        table = okr_table(screen)
        assert table.get_row_index("obj-new") >= 0
        row = table.get_row("obj-c2")
        assert "Grow revenue without burning out" in str(row[0])
        assert selected_key(table) == "obj-t2", "the cursor stays where it was"
        assert screen.place == Place("objectives")

        # Nothing more came in: the next look at the file is quiet.
        await follow(pilot)
        assert len(notes) == 1 and app.sync.reloads == 1


async def test_a_form_open_on_a_stale_copy_keeps_the_other_windows_change(
    make_app, demo_workspace, db_path: Path, reopen
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        select(screen, "obj-c2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)

        # While the form is open another window retitles the same objective.
        elsewhere(db_path).apply(
            CYCLE, [Update("objectives", "obj-c2", {"title": "Grow revenue without burning out"})]
        )
        await follow(pilot)
        assert app.sync.reloads == 0, "no reload under an open form"

        # The form still shows the old title; only the owner is changed and saved.
        await fill_form(pilot, owner="Priya Nair")
        assert isinstance(app.screen, CycleScreen)
        assert app.saver.flush()
        saved = reopen().load(CYCLE).objectives["obj-c2"]
        assert saved.title == "Grow revenue without burning out", "their title was kept"
        assert saved.owner == "Priya Nair", "our owner was saved"

        await follow(pilot)
        shown = app.editor.data.objectives["obj-c2"]
        assert (shown.title, shown.owner) == (saved.title, saved.owner)


def run_command(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a person would run it in another terminal."""
    return subprocess.run(
        [str(COMMAND), *args], env=cli_env(db_path), capture_output=True, text=True, check=False
    )


def payments_part(tmp_path: Path, demo: CycleData) -> Path:
    """Another facilitator's team part: one objective with a key result, as a JSON bundle."""
    other_db = tmp_path / "payments.json"
    other = Workspace.open(other_db)
    data = demo
    _, change = edits.add_objective(
        data,
        id="obj-pay-1",
        title="Patients pay at booking without friction",
        level="team",
        team="Payments",
        owner="Noor Haddad",
        parent_id="kr-d1-2",
    )
    data.apply(change)
    _, change = edits.add_key_result(
        data, "obj-pay-1", id="kr-pay-1", title="Card payments at booking from 10% to 40%"
    )
    data.apply(change)
    other.add_cycle(data)
    part = tmp_path / "payments-part.json"
    exported = run_command(
        other_db, "export", CYCLE, "--format", "json", "--team", "Payments", "-o", str(part)
    )
    assert exported.returncode == 0, exported.stderr
    return part


async def test_the_command_line_imports_exports_and_lints_while_the_app_is_open(
    make_app, demo_workspace, demo: CycleData, db_path: Path, tmp_path: Path
) -> None:
    part = payments_part(tmp_path, demo)
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        assert app.apply(edits.update("objectives", "obj-c1", "owner", owner="Ana Lima")) is None
        assert app.saver.flush()

        # Reading commands see the app's saved edit and change nothing the app must load.
        exported = run_command(db_path, "export", CYCLE, "--format", "json")
        assert exported.returncode == 0, exported.stderr
        assert '"owner": "Ana Lima"' in exported.stdout
        linted = run_command(db_path, "lint", CYCLE)
        assert linted.returncode in (0, 1), linted.stderr
        await follow(pilot)
        assert app.sync.reloads == 0 and notes == []

        merged = run_command(db_path, "import", str(part), "--into", CYCLE)
        assert merged.returncode == 0, merged.stderr
        await follow(pilot)
        assert notes == [
            f"Loaded changes saved by {ELSEWHERE}: 1 objective added, 1 key result added."
        ]
        table = okr_table(screen)
        assert table.get_row_index("obj-pay-1") >= 0
        assert table.get_row_index("kr-pay-1") >= 0

        # The app's next edit lands beside the merged records, losing neither.
        select(screen, "obj-pay-1")
        await pilot.press("enter")
        await pilot.pause()
        await fill_form(pilot, owner="Noor H.")
        assert app.saver.flush()
        after = run_command(db_path, "export", CYCLE, "--format", "json")
        assert '"owner": "Noor H."' in after.stdout
        assert '"owner": "Ana Lima"' in after.stdout
        assert "Card payments at booking from 10% to 40%" in after.stdout


async def test_an_edit_of_a_record_deleted_elsewhere_is_told_and_not_brought_back(
    make_app, demo_workspace, db_path: Path, reopen
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        other = elsewhere(db_path)
        other.apply(CYCLE, edits.delete_key_result(other.load(CYCLE), "kr-t2-2").ops)

        # Before the app has looked at the file again, someone edits that key result.
        change = edits.update("key_results", "kr-t2-2", "confidence", confidence=2)
        assert app.apply(change) is None
        assert app.saver.flush()
        assert "kr-t2-2" not in reopen().load(CYCLE).key_results, "not brought back"

        await follow(pilot)
        assert notes[0] == (
            "Not saved: your edit of the key result “95th percentile page load from 2.8 s to "
            f"1.2 s”, which was deleted by {ELSEWHERE}. The screen now shows the cycle as saved."
        )
        assert "kr-t2-2" not in app.editor.data.key_results
        table = okr_table(screen)
        assert "kr-t2-2" not in {str(key.value) for key in table.rows}


async def test_a_cycle_deleted_elsewhere_stays_on_screen_read_only(
    make_app, demo_workspace, demo: CycleData, db_path: Path, reopen
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        other = elsewhere(db_path)
        other.delete_cycle(CYCLE)
        await follow(pilot)

        assert notes == [
            f"Kestrel Labs 2026-Q4 was deleted by {ELSEWHERE}. It stays on screen, read-only "
            "and unsaved: press e to export it (a JSON export can be imported again), or Esc "
            "for the list of cycles."
        ]
        assert screen.sub_title == "Kestrel Labs 2026-Q4 — deleted elsewhere: read-only"
        assert okr_table(screen).get_row_index("obj-c1") >= 0, "what was there stays on show"

        refused = app.apply(edits.update("objectives", "obj-c1", "owner", owner="Ana"))
        assert refused is not None and "can no longer be saved" in refused
        await pilot.press("ctrl+z")
        assert "can no longer be saved" in notes[-1]
        assert app.saver.flush()
        assert [c.id for c in reopen().cycles()] == [], "nothing was written back"

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen), "the export is offered"
        await pilot.press("escape")
        await pilot.pause()

        # Imported again elsewhere: the app saves again.
        other.add_cycle(demo)
        await follow(pilot)
        assert notes[-1] == "Kestrel Labs 2026-Q4 is back in the workspace: edits are saved again."
        assert screen.sub_title == "Kestrel Labs 2026-Q4"
        assert app.apply(edits.update("objectives", "obj-c1", "owner", owner="Ana")) is None
        assert app.saver.flush()
        assert reopen().load(CYCLE).objectives["obj-c1"].owner == "Ana"


async def test_undo_does_not_set_back_what_another_window_changed_since(
    make_app, demo_workspace, db_path: Path, reopen
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        notes = record_notes(app)
        assert app.apply(edits.update("objectives", "obj-c1", "owner", owner="Ana")) is None
        assert app.saver.flush()
        elsewhere(db_path).apply(CYCLE, [Update("objectives", "obj-c1", {"owner": "Bo"})])
        await follow(pilot)

        await pilot.press("ctrl+z")
        assert notes[-1] == (
            "Could not undo “owner”: the cycle changed since (the owner of “Become the booking "
            "system clinics recommend to each other” was set again meanwhile, perhaps by "
            f"{ELSEWHERE}). That step was dropped; nothing else changed."
        )
        assert app.saver.flush()
        assert reopen().load(CYCLE).objectives["obj-c1"].owner == "Bo"


def second_app(db_path: Path, clock: FakeClock) -> OkrWorkshopApp:
    """Another window: its own app on its own view of the same file."""
    return create_app(Workspace.open(db_path), cycle_id=CYCLE, today=lambda: TODAY, clock=clock)


async def test_two_windows_see_each_others_edits(
    make_app, demo_workspace, db_path: Path, clock: FakeClock
) -> None:
    first, second = make_app(CYCLE), second_app(db_path, clock)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        screen_one = await show(one, Place("objectives"))
        await show(two, Place("objectives"))

        # The same record, different fields: both stay.
        assert first.apply(edits.update("objectives", "obj-c1", "x", owner="Ana")) is None
        assert second.apply(edits.update("objectives", "obj-c1", "x", team="Board")) is None
        assert first.saver.flush() and second.saver.flush()
        await follow(one)
        await follow(two)
        for app in (first, second):
            assert app.editor is not None
            shown = app.editor.data.objectives["obj-c1"]
            assert (shown.owner, shown.team) == ("Ana", "Board")

        # A new record in one shows in the other's table.
        assert second.editor is not None
        objective_id, change = edits.add_objective(
            second.editor.data, title="Clinics recommend us unprompted", level="company"
        )
        assert second.apply(change) is None
        assert second.saver.flush()
        await follow(one)
        assert okr_table(screen_one).get_row_index(objective_id) >= 0


async def test_the_home_screen_lists_a_cycle_made_elsewhere(make_app, demo_workspace, db_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        made = run_command(db_path, "new", "Acme 2027-Q1", "--starts", "2027-01-01")
        assert made.returncode == 0, made.stderr
        await follow(pilot)
        table = app.screen.query_one("#cycles", DataTable)
        assert table.get_row_index(made.stdout.strip()) >= 0


async def test_a_delete_takes_along_what_another_window_added_meanwhile(
    make_app, demo_workspace, db_path: Path, reopen
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        notes = record_notes(app)
        other = elsewhere(db_path)
        _, check_in = edits.record_check_in(
            other.load(CYCLE), "kr-t3-2", at=TODAY, value=12, note="Added in the other window"
        )
        other.apply(CYCLE, check_in.ops)

        # This window has not loaded it yet when someone deletes the key result here.
        assert app.editor is not None
        assert app.apply(edits.delete_key_result(app.editor.data, "kr-t3-2")) is None
        assert app.saver.flush()
        saved = reopen().load(CYCLE)
        assert "kr-t3-2" not in saved.key_results
        assert not [c for c in saved.check_ins.values() if c.key_result_id == "kr-t3-2"]

        await follow(pilot)
        assert notes == [
            f"Deleting also took along 1 record that {ELSEWHERE} had added or linked to it "
            "meanwhile."
        ]
        assert not compare(saved, app.editor.data), "the screen shows the file"


async def test_a_cycle_replaced_elsewhere_shows_the_replacement(
    make_app, demo_workspace, demo: CycleData, db_path: Path
) -> None:
    app = make_app(CYCLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(pilot, Place("objectives"))
        notes = record_notes(app)
        assert app.apply(edits.update("objectives", "obj-c1", "owner", owner="Ana")) is None
        assert app.saver.flush()

        # `import --replace` elsewhere: the bundle as it was before this window's edit.
        elsewhere(db_path).add_cycle(demo, replace=True)
        await follow(pilot)
        assert notes == [f"Loaded changes saved by {ELSEWHERE}: 1 objective changed."]
        assert app.editor is not None
        assert app.editor.data.objectives["obj-c1"].owner == "Maya Okafor"
        assert "Maya Okafor" in str(okr_table(screen).get_row("obj-c1")[1])
