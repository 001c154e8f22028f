"""The command palette's screenshot lands in a folder that exists, and says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import settle


async def test_the_screenshot_goes_to_the_current_folder_without_a_downloads_folder(
    make_app, demo_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    app = make_app("demo-kestrel")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        for _ in range(200):  # the file is written on a thread
            await pilot.pause()
            if list(folder.glob("*.svg")) and app._notifications:
                break
        [shot] = folder.glob("*.svg")
        assert "Kestrel" in shot.read_text()
        messages = [n.message for n in app._notifications]
        assert f"Saved the screenshot to {shot}" in messages
