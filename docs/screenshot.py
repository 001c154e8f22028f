"""Regenerate docs/screenshot.svg (the README's picture): python docs/screenshot.py"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from okrworkshop.demo import build_demo
from okrworkshop.store import Workspace
from okrworkshop.tui.app import create_app
from okrworkshop.tui.screens.cycle import CycleScreen
from okrworkshop.tui.widgets.agenda import Place

TODAY = date(2026, 11, 24)
OUT = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "workspace.json")
        workspace.add_cycle(build_demo(TODAY))
        app = create_app(workspace, cycle_id="demo-kestrel", today=lambda: TODAY)
        async with app.run_test(size=(150, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CycleScreen)
            screen.go(Place("objectives", "ses-planning", "key-results"))
            for _ in range(20):
                await pilot.pause()
            table = screen.current_view.query_one("DataTable")
            table.move_cursor(row=table.get_row_index("obj-t3"))  # type: ignore[attr-defined]
            await pilot.pause()
            app.save_screenshot(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
