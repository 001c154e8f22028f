"""A damaged workspace always has a recent good copy to offer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from okrworkshop.store import Workspace
from tests.tui.helpers import settle


async def test_opening_the_app_keeps_a_copy_and_only_the_newest_three(
    make_app, demo_workspace: Workspace, db_path: Path
) -> None:
    for _ in range(5):
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
    copies = [p for p in demo_workspace.backups() if ".open-" in p.name]
    assert len(copies) == 3
    assert copies[0].read_bytes() == db_path.read_bytes()


def test_a_damaged_file_names_its_newest_backup(demo_workspace: Workspace, db_path: Path) -> None:
    copy = demo_workspace.keep_session_backup()
    assert copy is not None
    good = db_path.read_bytes()
    damaged = good[: len(good) // 2]
    db_path.write_bytes(damaged)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "okrworkshop"), "--db", str(db_path), "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"the newest backup is {copy}" in result.stderr
    assert db_path.read_bytes() == damaged, "the damaged file is left for the user to inspect"
    assert Workspace.open(copy).load("demo-kestrel").cycle.name.startswith("Kestrel")
