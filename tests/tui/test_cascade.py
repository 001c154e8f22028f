"""The cascade view: link, unlink, find, filter and open branches with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Select

from okrworkshop.model import Change, Update, edits
from okrworkshop.store import Workspace
from okrworkshop.tui.app import OkrWorkshopApp
from okrworkshop.tui.screens.picker import ParentPicker
from okrworkshop.tui.views.cascade import CascadeView
from okrworkshop.tui.widgets.agenda import Place
from okrworkshop.tui.widgets.cascade_tree import CascadeTree
from tests.perf.generate import large_cycle
from tests.tui.helpers import settle, show, until

MakeApp = Callable[..., OkrWorkshopApp]


async def open_cascade(pilot: Any) -> CascadeView:
    screen = await show(pilot, Place("align"))
    view = screen.current_view
    assert isinstance(view, CascadeView)
    return view


def lines(tree: CascadeTree) -> list[str]:
    """The keys of the tree's lines, top to bottom, as on screen."""
    keys = []
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        keys.append(node.data or "" if node is not None else "")
    return keys


def drawn_line(tree: CascadeTree, key: str) -> str:
    """The text of a node's line as the tree draws it now."""
    line = tree.nodes_by_key[key].line - tree.scroll_offset.y
    return "".join(segment.text for segment in tree.render_line(line))


def cursor(view: CascadeView) -> str | None:
    return view.selected_key()


async def test_link_an_objective_with_the_keyboard(
    make_app: MakeApp, demo_workspace: Workspace, reopen: Callable[[], Workspace]
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_cascade(pilot)
        assert app.editor is not None
        data = app.editor.data
        assert data.objectives["obj-t4"].parent_id == "kr-c2-1"
        await pilot.press("slash", *"cancelled", "enter")
        await pilot.pause()
        assert cursor(view) == "o:obj-t4", "typing jumped to the objective"
        assert view.cascade_tree.has_focus, "Enter went back to the tree"
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ParentPicker)
        await pilot.press(*"effortless", "enter")
        await pilot.pause()
        assert data.objectives["obj-t4"].parent_id == "obj-d1"
        await pilot.pause()
        # it moved under the department objective, cursor still on it, skipped-level gone
        assert cursor(view) == "o:obj-t4"
        tree = lines(view.cascade_tree)
        assert tree.index("o:obj-d1") < tree.index("o:obj-t4") < tree.index("o:obj-c2")
        screen: Any = app.screen
        assert not [f for f in screen.findings if f.rule == "skipped-level"]
        await settle(pilot)
        assert reopen().load("demo-kestrel").objectives["obj-t4"].parent_id == "obj-d1"

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert data.objectives["obj-t4"].parent_id == "kr-c2-1", "one undo step"


async def test_a_link_that_would_loop_is_refused_in_the_picker(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_cascade(pilot)
        assert app.editor is not None
        data = app.editor.data
        # The department objective was put under a team key result (say, by a level edit).
        inverted = Update("objectives", "obj-d1", {"parent_id": "kr-t1-1"})
        assert app.apply(Change("put the department under a team", (inverted,))) is None
        assert data.objectives["obj-d1"].parent_id == "kr-t1-1"
        await pilot.pause()
        assert view.reveal("obj-t1")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"effortless", "enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ParentPicker), "the dialog stays open for another choice"
        problem = str(picker.query_one("#picker-problem").render())
        assert problem.startswith("That link would make a loop: “Patients finish booking")
        assert data.objectives["obj-t1"].parent_id == "obj-d1", "nothing changed"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ParentPicker)


async def test_unlink_moves_the_objective_to_not_aligned(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_cascade(pilot)
        assert app.editor is not None
        assert view.reveal("obj-t2")
        await pilot.press("u")
        await pilot.pause()
        assert app.editor.data.objectives["obj-t2"].parent_id is None
        tree = lines(view.cascade_tree)
        assert tree[-2:] == ["g:unaligned", "o:obj-t2"]
        assert cursor(view) == "o:obj-t2"
        assert "orphan-objective" in app.export_screenshot(), "the coach panel says why"


async def test_filter_by_team_keeps_the_path_above_the_matches(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_cascade(pilot)
        view.query_one("#cascade-team", Select).value = "Booking"
        await pilot.pause()
        objectives = [key for key in lines(view.cascade_tree) if key.startswith("o:")]
        assert objectives == ["o:obj-c1", "o:obj-d1", "o:obj-t1", "o:obj-c2", "o:obj-t4"]
        # the path's other key results are left out, the matches' are there to open
        assert "k:kr-c1-2" not in lines(view.cascade_tree)
        await pilot.press("r")
        await pilot.pause()
        assert "o:obj-t2" in lines(view.cascade_tree)
        assert view.query_one("#cascade-team", Select).is_blank()


async def test_branches_open_and_close_from_the_keyboard(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_cascade(pilot)
        assert view.reveal("obj-t1")
        assert "k:kr-t1-1" not in lines(view.cascade_tree), "team objectives start closed"
        await pilot.press("right")
        await pilot.pause()
        assert "k:kr-t1-1" in lines(view.cascade_tree)
        await pilot.press("right")
        await pilot.pause()
        assert cursor(view) == "k:kr-t1-1"
        await pilot.press("left", "left")
        await pilot.pause()
        assert cursor(view) == "o:obj-t1"
        assert "k:kr-t1-1" not in lines(view.cascade_tree)
        await pilot.press("minus")
        await pilot.pause()
        assert lines(view.cascade_tree) == ["o:obj-c1", "o:obj-c2"]
        assert cursor(view) == "o:obj-c1"


async def test_a_thousand_objectives_open_lazily_and_jump_deep(
    make_app: MakeApp, workspace: Workspace
) -> None:
    workspace.add_cycle(large_cycle())
    app = make_app("perf-large")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await open_cascade(pilot)
        tree = view.cascade_tree
        # only the company level opens by itself: no node exists for the team objectives yet
        assert not [key for key in tree.nodes_by_key if key.startswith("o:obj-09")]
        target = "obj-0950"
        title = app.editor.data.objectives[target].title if app.editor else ""
        await pilot.press("slash", *title.rsplit(", ", 1)[1], "enter")
        await pilot.pause()
        assert cursor(view) == f"o:{target}"
        assert len(tree.nodes_by_key) < 500, "only the path to it was built"
        # level filter: only team objectives match, every one of them shown under its path
        view.query_one("#cascade-level", Select).value = "department"
        await pilot.pause()
        shown = [key for key in lines(tree) if key.startswith("o:")]
        assert len(shown) == 55  # 5 company objectives above 50 department ones


async def test_an_edit_keeps_the_open_branches_and_shows_the_new_numbers(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 40)) as pilot:
        view = await open_cascade(pilot)
        assert view.reveal("obj-t1")
        await pilot.press("right")
        await pilot.pause()
        opened = lines(view.cascade_tree)
        assert "k:kr-t1-1" in opened
        tree = view.cascade_tree
        assert "Booking works on the first try" not in drawn_line(tree, "o:obj-t1")

        app.apply(
            edits.update("objectives", "obj-t1", "retitle", title="Booking works on the first try")
        )
        await until(pilot, lambda: "first try" in drawn_line(tree, "o:obj-t1"))
        assert lines(view.cascade_tree) == opened, "the open branch stayed open"
        assert cursor(view) == "o:obj-t1"
        assert "Booking works on the first try" in drawn_line(tree, "o:obj-t1")

        # A new link moves a branch: the tree is rebuilt with the objective in its new place.
        app.apply(edits.update("objectives", "obj-t1", "align", parent_id="kr-c1-1"))
        moved = lambda: (  # noqa: E731
            view.reveal("obj-t1")
            and getattr(view.cascade_tree.nodes_by_key["o:obj-t1"].parent, "data", None)
            == "k:kr-c1-1"
        )
        await until(pilot, moved)
        assert view.reveal("obj-t1")
        await pilot.pause()
        node = view.cascade_tree.nodes_by_key["o:obj-t1"]
        assert node.parent is not None and node.parent.data == "k:kr-c1-1"


async def test_closing_the_cycle_right_after_an_edit_in_the_cascade(
    make_app: MakeApp, demo_workspace: Workspace
) -> None:
    """The cascade's redraw after the edit finds the cycle gone and lets it be."""
    from okrworkshop.tui.screens.home import HomeScreen

    app = make_app("demo-kestrel")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_cascade(pilot)
        app.apply(edits.update("objectives", "obj-t1", "retitle", title="Booking just works"))
        app.close_cycle()
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.return_code is None, "still running"
    titles = {o.title for o in demo_workspace.load("demo-kestrel").objectives.values()}
    assert "Booking just works" in titles
