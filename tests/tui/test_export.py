"""Export from the app: from a key or the palette, any format, the file shown when written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

from exports.formats import export_text
from okrworkshop.tui.screens.confirm import ConfirmScreen
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.screens.export import ExportScreen
from okrworkshop.tui.widgets.agenda import Place
from tests.conftest import TODAY
from tests.tui.helpers import fill_form, record_notes, settle, show


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The form suggests files in the current folder.
    monkeypatch.chdir(tmp_path)


async def export_form(pilot: Any) -> ExportScreen:
    await pilot.press("e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def finish(pilot: Any) -> None:
    """Wait for the export worker and for what it hands back to the screen."""
    await settle(pilot)
    await settle(pilot)


async def test_html_from_the_objectives_page(make_app, demo_workspace, tmp_path: Path) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        notes = record_notes(app)
        form = await export_form(pilot)
        path = form.query_one("#field-path", Input)
        assert path.value == str(tmp_path / "kestrel-labs-2026-q4.md")
        await fill_form(pilot, save=False, format="html")
        assert path.value == str(tmp_path / "kestrel-labs-2026-q4.html")
        await pilot.press("ctrl+s")
        await finish(pilot)
        assert isinstance(app.screen, CycleScreen)
        target = tmp_path / "kestrel-labs-2026-q4.html"
        assert target.read_text(encoding="utf-8") == export_text(
            app.editor.data, "html", today=TODAY
        )
        assert notes[-1].startswith(f"Wrote {target} (")
        assert app.last_export == target


async def test_minutes_of_the_session_in_progress(make_app, demo_workspace, tmp_path) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("reflect", "ses-retro", "reflect"))
        form = await export_form(pilot)
        assert form.query_one("#field-scope", Select).value == "ses-retro"
        path = form.query_one("#field-path", Input)
        assert path.value.endswith("kestrel-labs-2026-q4-quarterly-review-retro.md")
        # JSON is always the whole cycle: the scope is off and the name says so.
        await fill_form(pilot, save=False, format="json")
        assert form.query_one("#field-scope", Select).disabled
        assert path.value == str(tmp_path / "kestrel-labs-2026-q4.json")
        await fill_form(pilot, format="markdown")
        await finish(pilot)
        written = Path(path.value).read_text(encoding="utf-8")
        assert written.startswith("# Quarterly review retro — Kestrel Labs 2026-Q4\n")


async def test_a_typed_file_name_is_kept_when_the_format_changes(
    make_app, demo_workspace, tmp_path
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        form = await export_form(pilot)
        await fill_form(pilot, save=False, path=str(tmp_path / "wiki.txt"))
        await fill_form(pilot, save=False, format="csv")
        assert form.query_one("#field-path", Input).value == str(tmp_path / "wiki.txt")


async def test_own_template_and_its_problems(make_app, demo_workspace, tmp_path) -> None:
    template = tmp_path / "status.md.j2"
    template.write_text("{{ cycle.name }}: {{ objectives|length }} objectives\n", "utf-8")
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        form = await export_form(pilot)
        template_row = form.query_one("#field-template", Input).parent
        assert template_row is not None and not template_row.display
        await fill_form(pilot, save=False, format="template")
        assert template_row.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Template file: required" in str(form.query_one("#form-error").render())

        # A template reaching for Python internals: refused in the form, nothing written.
        bad = tmp_path / "bad.md.j2"
        bad.write_text("ok\n{{ cycle.__class__.__mro__ }}\n", "utf-8")
        await fill_form(pilot, template=str(bad))
        await finish(pilot)
        assert app.screen is form
        error = str(form.query_one("#form-error").render())
        assert error.startswith("bad.md.j2, line 2: not allowed in a template: ")
        assert not (tmp_path / "kestrel-labs-2026-q4.md").exists()

        await fill_form(pilot, save=False, template=str(template))
        path = form.query_one("#field-path", Input).value
        await pilot.press("ctrl+s")
        await finish(pilot)
        assert isinstance(app.screen, CycleScreen)
        assert Path(path).read_text("utf-8") == "Kestrel Labs 2026-Q4: 8 objectives\n"


async def test_replacing_a_file_asks_first(make_app, demo_workspace, tmp_path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("the team's notes\n", "utf-8")
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        form = await export_form(pilot)
        await fill_form(pilot, path=str(target))
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert target.read_text("utf-8") == "the team's notes\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await finish(pilot)
        assert target.read_text("utf-8").startswith("# Kestrel Labs 2026-Q4")
        # The file this app just wrote is replaced without asking again.
        await export_form(pilot)
        await fill_form(pilot, path=str(target))
        await finish(pilot)
        assert isinstance(app.screen, CycleScreen)


async def test_missing_folder_keeps_the_form_open(make_app, demo_workspace, tmp_path) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        form = await export_form(pilot)
        await fill_form(pilot, path=str(tmp_path / "nope" / "x.md"))
        assert app.screen is form
        assert f"the folder {tmp_path / 'nope'} does not exist" in str(
            form.query_one("#form-error").render()
        )


async def test_export_from_the_cycle_list(make_app, demo_workspace, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await export_form(pilot)
        await fill_form(pilot, format="csv")
        await finish(pilot)
        written = (tmp_path / "kestrel-labs-2026-q4.csv").read_bytes().decode("utf-8")
        assert written == export_text(demo_workspace.load("demo-kestrel"), "csv")


async def test_export_from_the_command_palette(make_app, demo_workspace) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, Place("objectives"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
