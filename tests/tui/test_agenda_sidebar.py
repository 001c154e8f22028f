"""The sidebar keeps each stage's minutes and each session's date in view, however long the
titles: a long title is shortened instead."""

from __future__ import annotations

import pytest

from okrworkshop.tui.widgets.agenda import AgendaTree, Place
from tests.tui.helpers import show


def sidebar_lines(screen) -> list[str]:
    tree = screen.query_one(AgendaTree)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
async def test_long_stage_titles_are_shortened_not_their_minutes(
    make_app, demo_workspace, size
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=size) as pilot:
        screen = await show(pilot, Place("brainstorm", "ses-planning", "brainstorm"))
        lines = sidebar_lines(screen)
        brainstorm = next(line for line in lines if "Brainstorm" in line)
        assert brainstorm.endswith("17/15m") and "…" in brainstorm
        session = next(line for line in lines if "↺ Quarterly" in line)
        assert session.endswith("· 24 Nov")
        planning = next(line for line in lines if "◆ Planning" in line)
        assert planning.endswith("· 28 Sep ✓")
