"""The cascade view: company → department → team as a tree, for the "align" activity.

Each line shows the owner, the objective's own progress beside its roll-up (with everything
aligned beneath it) and the coach's markers. ``p`` aligns the selected objective under an
objective or key result a level up, ``u`` unlinks it, ``/`` jumps to an objective by typing,
``f`` filters by level, team or owner.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static, Tree

from facilitation.cascade import CascadeFilter, find_objective, link_problem
from okrworkshop.model import Objective, edits
from okrworkshop.model.changes import Change, Update
from okrworkshop.tui.forms import clean_key_result, key_result_fields, objective_fields
from okrworkshop.tui.screens.form import FormScreen
from okrworkshop.tui.views.base import COACH_PANEL_WIDTH, NARROW_BELOW, View
from okrworkshop.tui.widgets.cascade_tree import (
    LOOPED,
    UNALIGNED,
    CascadeModel,
    CascadeTree,
    kr_key,
    objective_key,
)
from okrworkshop.tui.widgets.coach_panel import CoachPanel

HINT = "p align · u unlink · / jump · f filter · space open/close · Enter edits"
LEVEL_CHOICES = [("Company", "company"), ("Department", "department"), ("Team", "team")]
# Small cycles open down to the teams; a large one opens at the company level only.
OPEN_ALL_UP_TO = 120


class FilterBar(Horizontal):
    """Find and filter fields above the tree; Escape goes back to the tree."""

    BINDINGS = [
        Binding("escape", "back", "Back to the tree", show=False, tooltip="Back to the tree")
    ]

    def action_back(self) -> None:
        view = next(a for a in self.ancestors if isinstance(a, CascadeView))
        view.focus_main()


class FindInput(Input):
    """The search field: typing jumps to the first match, ↓ and ↑ to the next ones."""

    BINDINGS = [
        Binding("down", "again(1)", "Next match", show=False, tooltip="Next matching objective"),
        Binding("up", "again(-1)", "Previous match", show=False, tooltip="Previous match"),
    ]

    def action_again(self, step: int) -> None:
        view = next(a for a in self.ancestors if isinstance(a, CascadeView))
        view.jump_again(step)


class CascadeView(View):
    """The cycle's objectives as a tree, with alignment, roll-up and the coach's markers."""

    BINDINGS = [
        Binding("p", "link", "Align", tooltip="Align the selected objective under one a level up"),
        Binding("u", "unlink", "Unlink", tooltip="Unlink the selected objective from its parent"),
        Binding("slash", "find", "Find", key_display="/", tooltip="Jump to an objective by typing"),
        Binding("f", "filter", "Filter", tooltip="Filter by level, team or owner"),
        Binding(
            "r", "reset_filter", "Show all", show=False, tooltip="Clear the filters and the search"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.wanted = CascadeFilter()
        self.model: CascadeModel | None = None
        self._drawn: tuple[int, int, CascadeFilter] | None = None
        self._shown_branches: tuple[Any, ...] | None = None
        self._order: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(HINT, classes="view-hint")
        with FilterBar(id="cascade-filters"):
            yield FindInput(placeholder="/ jump to…", id="cascade-find", compact=True)
            yield Select(LEVEL_CHOICES, prompt="any level", id="cascade-level", compact=True)
            yield Select([], prompt="any team", id="cascade-team", compact=True)
            yield Select([], prompt="any owner", id="cascade-owner", compact=True)
        yield Static(id="cascade-header")
        with Horizontal(classes="okr-body"):
            yield CascadeTree(id="cascade-tree", classes="okr-table")
            yield CoachPanel(classes="coach-panel")
        yield Static(id="cascade-detail")

    @property
    def cascade_tree(self) -> CascadeTree:
        return self.query_one(CascadeTree)

    def focus_main(self) -> None:
        self.cascade_tree.focus()

    def on_resize(self) -> None:
        self._set_width(self.size.width)

    def _set_width(self, width: int) -> None:
        """Narrow (the coach below the tree) or wide (the coach beside it)."""
        narrow = width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        self.cascade_tree.width_hint = width if narrow else width - COACH_PANEL_WIDTH

    @on(CascadeTree.ColumnsChanged)
    def _columns_changed(self) -> None:
        self._draw_header()

    # ------------------------------------------------------------ drawing

    def refresh_view(self) -> None:
        """Redraw when the cycle, its findings or the filter changed; not otherwise."""
        screen = self.cycle_screen
        stamp = (self.data.revision, id(screen.findings), self.wanted)
        if stamp == self._drawn and self.model is not None:
            return
        first = self._drawn is None
        if first:
            # Drawn before the screen's first layout: laid out for the width it will get.
            self._set_width(self.layout_width())
        if self.model is not None and self._drawn is not None and stamp[::2] == self._drawn[::2]:
            # Only the coach's findings changed: the cascade and its roll-ups still hold.
            self._drawn = stamp
            self.model.findings = screen.findings_by_target
            self.cascade_tree.restyle(self.model)
            self.call_after_refresh(self._update_details)
            return
        self._drawn = stamp
        self.model = CascadeModel(self.data, screen.findings_by_target, self.wanted)
        self._order = self.model.order()
        self._fill_choices()
        expand: set[str] | None = None
        if first or self.wanted:
            expand = self._opening_branches(self.model)
        branches = (self.wanted, self._branches())
        if expand is None and branches == self._shown_branches:
            # An edit that moved nothing (a title, a value, a finding): a large cascade keeps
            # its thousand nodes and only redraws the labels on screen.
            self.cascade_tree.restyle(self.model)
        else:
            self.cascade_tree.show(self.model, expand=expand)
        self._shown_branches = branches
        self._draw_header()
        self.call_after_refresh(self._update_details)

    def _branches(self) -> tuple[Any, ...]:
        """What the tree's shape depends on: objectives, their links and their key results."""
        data = self.data
        return tuple(
            (o.id, o.parent_id, o.level, *(kr.id for kr in data.key_results_of(o.id)))
            for o in data.objectives_in_order()
        )

    def _opening_branches(self, model: CascadeModel) -> set[str]:
        """What opens by itself: everything in a small cycle (or a filtered one, down to the
        matches), the company level in a large one."""
        data = model.data
        if model.matches is not None:
            keys = {UNALIGNED, LOOPED}
            for oid in model.matches:
                keys.update(self._path(model, oid))
            return keys
        small = len(data.objectives) <= OPEN_ALL_UP_TO
        keys = {UNALIGNED, LOOPED} if small else set()
        for objective in data.objectives.values():
            if objective.level == "team" or (not small and objective.level != "company"):
                continue
            keys.add(objective_key(objective.id))
            keys.update(kr_key(kr.id) for kr in data.key_results_of(objective.id))
        return keys

    def _fill_choices(self) -> None:
        data = self.data
        teams = sorted({o.team for o in data.objectives.values() if o.team}, key=str.casefold)
        owners = sorted({o.owner for o in data.objectives.values() if o.owner}, key=str.casefold)
        for select_id, values in (("#cascade-team", teams), ("#cascade-owner", owners)):
            select: Select[str] = self.query_one(select_id, Select)
            current = select.value
            with self.prevent(Select.Changed):
                select.set_options((value, value) for value in values)
                if current in values:
                    select.value = current

    def _draw_header(self) -> None:
        header = self.cascade_tree.header()
        self.query_one("#cascade-header", Static).update(Text("  ") + header)

    # ------------------------------------------------------------ selection

    def selected_key(self) -> str | None:
        node = self.cascade_tree.cursor_node
        return node.data if node is not None else None

    def selected_objective(self) -> Objective | None:
        key = self.selected_key() or ""
        if key.startswith("o:"):
            return self.data.objectives.get(key[2:])
        return None

    @on(Tree.NodeHighlighted, "#cascade-tree")
    def _highlighted(self) -> None:
        self._update_details()

    def _update_details(self) -> None:
        model = self.model
        if model is None or not self.is_attached or not self.query(CascadeTree):
            return  # scheduled after a redraw, and the cycle was closed meanwhile
        key = self.selected_key() or ""
        kind, _, record_id = key.partition(":")
        panel = self.query_one(CoachPanel)
        detail = self.query_one("#cascade-detail", Static)
        total = len(self.cycle_screen.findings)
        if kind == "k" and record_id in self.data.key_results:
            kr = self.data.key_results[record_id]
            panel.show("key result", kr.title, model.findings.get(record_id, []), total=total)
            numbers = model.numbers[record_id]
            text = f"Key result: progress {_pct(numbers.own)}"
            if numbers.beneath:
                text += (
                    f" · roll-up {_pct(numbers.rolled)} with "
                    f"{_count(numbers.beneath, 'objective')} aligned to it"
                )
            detail.update(Text(text), layout=False)
        elif kind == "o" and record_id in self.data.objectives:
            objective = self.data.objectives[record_id]
            panel.show("objective", objective.title, model.findings.get(record_id, []), total=total)
            detail.update(self._objective_detail(model, objective), layout=False)
        else:
            panel.show("", "Nothing selected", [], total=total)
            detail.update("", layout=False)

    def _objective_detail(self, model: CascadeModel, objective: Objective) -> Text:
        numbers = model.numbers[objective.id]
        krs = len(self.data.key_results_of(objective.id))
        parts = [
            f"Own progress {_pct(numbers.own)} ({_count(krs, 'key result')})",
            f"roll-up {_pct(numbers.rolled)} with {_count(numbers.beneath, 'objective')} beneath"
            if numbers.beneath
            else "nothing aligned beneath",
        ]
        parent = self.data.find(objective.parent_id) if objective.parent_id else None
        if parent is not None:
            kind = "KR " if parent[0] == "key_results" else ""
            parts.append(f"aligns to {kind}{parent[1].title}")
        return Text(" · ".join(parts))

    # ------------------------------------------------------------ editing

    @on(Tree.NodeSelected, "#cascade-tree")
    def _edit(self, event: Tree.NodeSelected[str]) -> None:
        kind, _, record_id = (event.node.data or "").partition(":")
        if kind == "o" and record_id in self.data.objectives:
            self._edit_objective(self.data.objectives[record_id])
        elif kind == "k" and record_id in self.data.key_results:
            self._edit_key_result(record_id)
        else:
            event.node.toggle()

    def _edit_objective(self, objective: Objective) -> None:
        def submit(values: dict[str, Any]) -> str | None:
            label = f"edit objective {values['title']!r}"
            return self.app.apply(edits.update("objectives", objective.id, label, **values))

        fields = objective_fields(self.data, objective, {})
        self.app.push_screen(FormScreen("Edit objective", fields, submit))

    def _edit_key_result(self, kr_id: str) -> None:
        kr = self.data.key_results[kr_id]

        def submit(values: dict[str, Any]) -> str | None:
            label = f"edit key result {values['title']!r}"
            change = edits.update("key_results", kr.id, label, **clean_key_result(values))
            return self.app.apply(change)

        fields = key_result_fields(self.data, kr, {})
        self.app.push_screen(FormScreen("Edit key result", fields, submit))

    def action_link(self) -> None:
        objective = self.selected_objective()
        if objective is None:
            self.app.notify("Select an objective to align it.", timeout=4)
            return
        from okrworkshop.tui.screens.picker import ParentPicker

        def chosen(parent_id: str | None) -> None:
            if parent_id is None:
                return
            self._set_parent(objective, parent_id or None)

        self.app.push_screen(ParentPicker(self.data, objective), chosen)

    def action_unlink(self) -> None:
        objective = self.selected_objective()
        if objective is None:
            return
        if objective.parent_id is None:
            self.app.notify(f"“{objective.title}” is not aligned to anything.", timeout=4)
            return
        self._set_parent(objective, None)

    def _set_parent(self, objective: Objective, parent_id: str | None) -> None:
        problem = link_problem(self.data, objective.id, parent_id)
        if problem:
            self.app.notify(problem, severity="error", timeout=8)
            return
        if parent_id is None:
            label, said = f"unlink {objective.title!r}", f"Unlinked “{objective.title}”."
        else:
            found = self.data.find(parent_id)
            above = found[1].title if found else parent_id
            label = f"align {objective.title!r} to {above!r}"
            said = f"Aligned “{objective.title}” under “{above}”."
        change = Change(label, (Update("objectives", objective.id, {"parent_id": parent_id}),))
        if self.apply(change) is None:
            self.app.notify(f"{said} ctrl+z undoes.", timeout=4)
            self.call_after_refresh(self.reveal, objective.id)

    # ------------------------------------------------------------ finding and filtering

    def reveal(self, objective_id: str) -> bool:
        """Open the branches down to an objective and put the cursor on it."""
        if self.model is None or objective_id not in self.data.objectives:
            return False
        return self.cascade_tree.reveal(
            objective_key(objective_id), self._path(self.model, objective_id)
        )

    def _path(self, model: CascadeModel, objective_id: str) -> list[str]:
        path = model.cascade.path_to(self.data, objective_id)[:-1]
        keys = [kr_key(i) if i in self.data.key_results else objective_key(i) for i in path]
        top = path[0] if path else objective_id
        if top in model.cascade.unaligned:
            keys.insert(0, UNALIGNED)
        elif top in model.cascade.looped:
            keys.insert(0, LOOPED)
        return keys

    def action_find(self) -> None:
        self.query_one("#cascade-find", Input).focus()

    def action_filter(self) -> None:
        self.query_one("#cascade-level", Select).focus()

    def action_reset_filter(self) -> None:
        find = self.query_one("#cascade-find", Input)
        with self.prevent(Input.Changed):
            find.value = ""
        for select in self.query(Select):
            with self.prevent(Select.Changed):
                select.clear()
        self._set_filter(CascadeFilter())

    @on(Input.Changed, "#cascade-find")
    def _find_as_you_type(self, event: Input.Changed) -> None:
        self._jump(event.value, None, 1)

    @on(Input.Submitted, "#cascade-find")
    def _find_done(self) -> None:
        self.focus_main()

    def jump_again(self, step: int) -> None:
        """The next (or previous) objective matching the search."""
        key = self.selected_key() or ""
        find = self.query_one("#cascade-find", Input)
        self._jump(find.value, key[2:] if key.startswith("o:") else None, step)

    def _jump(self, text: str, after: str | None, step: int) -> None:
        found = find_objective(self.data, self._order, text, after, step)
        find = self.query_one("#cascade-find", Input)
        find.set_class(bool(text.strip()) and found is None, "-no-match")
        if found is not None:
            self.reveal(found)

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        values = {}
        for name in ("level", "team", "owner"):
            value = self.query_one(f"#cascade-{name}", Select).value
            values[name] = value if isinstance(value, str) else ""
        self._set_filter(CascadeFilter(**values))

    def _set_filter(self, wanted: CascadeFilter) -> None:
        if wanted == self.wanted:
            return
        self.wanted = wanted
        self.refresh_view()
        if wanted and self.model is not None and not self.model.matches:
            self.app.notify("No objective matches these filters; r shows all.", timeout=4)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
