"""The cascade as a tree: objectives under the objective or key result they align to.

Nodes are created when their parent is first expanded, so a cycle of a thousand objectives
costs only what is on show; each line's columns (owner, own progress, roll-up, coach markers)
are drawn from numbers computed once per change, never per key press.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from facilitation.cascade import Cascade, CascadeFilter, build_cascade, filtered
from facilitation.coach import Finding
from facilitation.rollup import Rollup, rollups
from okrworkshop.model import CycleData
from okrworkshop.tui.format import findings_badge, progress_bar

UNALIGNED = "g:unaligned"
LOOPED = "g:looped"
GROUP_LABELS = {
    UNALIGNED: "Not aligned to anything above yet",
    LOOPED: "Parent links that go round in a loop",
}
LEVEL_MARKS = {"company": "◆", "department": "◇", "team": "·"}
# (key, heading, width); dropped from the right-most first when the title gets too narrow
COLUMNS = (
    ("owner", "Owner", 13),
    ("own", "Own", 10),
    ("rollup", "Roll-up", 10),
    ("coach", "Coach", 6),
)
MIN_TITLE = 24


def objective_key(objective_id: str) -> str:
    return f"o:{objective_id}"


def kr_key(kr_id: str) -> str:
    return f"k:{kr_id}"


@dataclass
class CascadeModel:
    """Everything the tree draws, computed once per change of the cycle or the filter."""

    data: CycleData
    findings: dict[str, list[Finding]]
    wanted: CascadeFilter = field(default_factory=CascadeFilter)
    cascade: Cascade = field(init=False)
    numbers: dict[str, Rollup] = field(init=False)
    matches: set[str] | None = field(init=False, default=None)
    shown: set[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.cascade = build_cascade(self.data)
        self.numbers = rollups(self.data, self.cascade)
        if self.wanted:
            self.matches, self.shown = filtered(self.data, self.cascade, self.wanted)

    def visible(self, objective_id: str) -> bool:
        return self.shown is None or objective_id in self.shown

    def top_keys(self) -> list[str]:
        keys = [objective_key(o) for o in self.cascade.tops if self.visible(o)]
        for group, members in ((UNALIGNED, self.cascade.unaligned), (LOOPED, self.cascade.looped)):
            if any(self.visible(o) for o in members):
                keys.append(group)
        return keys

    def children(self, key: str) -> list[str]:
        """Keys of the nodes under ``key``: key results first, then objectives aligned to it."""
        kind, _, record_id = key.partition(":")
        if kind == "g":
            members = self.cascade.unaligned if key == UNALIGNED else self.cascade.looped
            return [objective_key(o) for o in members if self.visible(o)]
        under = [objective_key(o) for o in self.cascade.under.get(record_id, ()) if self.visible(o)]
        if kind == "k":
            return under
        whole = self.matches is None or record_id in self.matches
        krs = [
            kr_key(kr.id)
            for kr in self.data.key_results_of(record_id)
            if whole or any(self.visible(o) for o in self.cascade.under.get(kr.id, ()))
        ]
        return krs + under

    def order(self) -> list[str]:
        """Objective ids in tree order, only those on show."""
        return [oid for _, oid in self.cascade.walk(self.data) if self.visible(oid)]


class CascadeTree(Tree[str]):
    """Objectives and key results, company → department → team, built as they are opened."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open_or_down", "Open", show=False, tooltip="Open a branch, or go in"),
        Binding("left", "close_or_up", "Close", show=False, tooltip="Close a branch, or go up"),
        Binding(
            "plus,equals_sign",
            "expand_everything",
            "Open all",
            show=False,
            key_display="+",
            tooltip="Open every branch under the selected one (all when at the top)",
        ),
        Binding(
            "minus",
            "collapse_everything",
            "Close all",
            show=False,
            key_display="-",
            tooltip="Close every branch",
        ),
    ]

    class ColumnsChanged(Message):
        """The columns on show changed with the width; headings above should follow."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Cascade", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = False
        self.model: CascadeModel | None = None
        self.nodes_by_key: dict[str, TreeNode[str]] = {}
        self.expanded_keys: set[str] = set()
        self._filled: set[str] = set()
        self.columns: tuple[tuple[str, str, int], ...] = COLUMNS
        # The width the tree is about to get, for its columns before its first layout.
        self.width_hint = 100

    # ------------------------------------------------------------ building

    def show(self, model: CascadeModel, *, expand: set[str] | None = None) -> None:
        """Draw ``model``, opening the branches in ``expand`` (else those open before)."""
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        self.model = model
        if expand is not None:
            self.expanded_keys = set(expand)
        self.clear()
        self.nodes_by_key = {}
        self._filled = set()
        for key in model.top_keys():
            self._add(self.root, key)
        self._layout_columns()
        if cursor is not None and cursor in self.nodes_by_key:
            self.call_after_refresh(self._move_to, cursor)
        else:
            self.call_after_refresh(self._move_to, None)

    def restyle(self, model: CascadeModel) -> None:
        """The same branches with new numbers and findings: keep the nodes, redraw labels."""
        self.model = model
        self._line_cache.clear()  # labels are drawn from the model, not stored in the nodes
        self.refresh()

    def _add(self, parent: TreeNode[str], key: str) -> TreeNode[str]:
        assert self.model is not None
        has_children = bool(self.model.children(key))
        node = parent.add(key, data=key, allow_expand=has_children)
        self.nodes_by_key[key] = node
        if has_children and key in self.expanded_keys:
            self._fill(node)
            node.expand()
        return node

    def _fill(self, node: TreeNode[str]) -> None:
        """Create the node's children the first time it opens."""
        key = node.data
        if key is None or key in self._filled or self.model is None:
            return
        self._filled.add(key)
        for child in self.model.children(key):
            self._add(node, child)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.data is not None:
            self.expanded_keys.add(event.node.data)
        self._fill(event.node)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[str]) -> None:
        self.expanded_keys.discard(event.node.data or "")

    def reveal(self, key: str, path: list[str]) -> bool:
        """Open the branches down to ``key`` (``path`` gives the keys above it) and select it."""
        parent: TreeNode[str] = self.root
        for step in [*path, key]:
            node = self.nodes_by_key.get(step)
            if node is None:
                if step in (UNALIGNED, LOOPED):
                    continue
                return False
            if step != key:
                self._fill(node)
                if not node.is_expanded:
                    self.expanded_keys.add(step)
                    node.expand()
            parent = node
        self._move_to(parent.data)
        return True

    def _move_to(self, key: str | None) -> None:
        node = self.nodes_by_key.get(key) if key is not None else None
        if node is None:
            node = self.root.children[0] if self.root.children else None
        if node is None:
            return
        _ = self._tree_lines  # lay out the lines now, so the node knows its line
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    # ------------------------------------------------------------ keys

    def action_open_or_down(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_collapsed:
            self._fill(node)
            node.expand()
        elif node.children:
            self._move_to(node.children[0].data)

    def action_close_or_up(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self._move_to(node.parent.data)

    def action_expand_everything(self) -> None:
        node = self.cursor_node
        start = [node] if node is not None and node.allow_expand else list(self.root.children)
        stack = list(start)
        while stack:
            current = stack.pop()
            if not current.allow_expand:
                continue
            self._fill(current)
            if current.data is not None:
                self.expanded_keys.add(current.data)
            current._expand(False)  # one re-layout for the lot, not one per branch
            stack.extend(current.children)
        self._invalidate()

    def action_collapse_everything(self) -> None:
        cursor = self.cursor_node
        while cursor is not None and cursor.parent is not None and cursor.parent is not self.root:
            cursor = cursor.parent
        for node in self.root.children:
            node.collapse_all()
        self.expanded_keys.clear()
        if cursor is not None:
            self.call_after_refresh(self._move_to, cursor.data)

    # ------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        self._layout_columns()

    def _layout_columns(self) -> None:
        """Drop columns from the right until the title has room."""
        width = self.size.width or self.width_hint
        columns = list(COLUMNS)
        while columns and width - sum(w + 1 for _, _, w in columns) - 12 < MIN_TITLE:
            columns.pop(0 if columns[0][0] == "owner" else -1)
        self.columns = tuple(columns)
        self.refresh()
        self.post_message(self.ColumnsChanged())

    def header(self) -> Text:
        """Column headings matching the lines (for a label above the tree)."""
        width = self.size.width or self.width_hint
        right = Text.assemble(*((f" {h:<{w}}", "") for _, h, w in self.columns))
        title_width = max(0, width - right.cell_len - 3)
        return Text.assemble((f"{'Objective / key result':<{title_width}}", ""), right)

    def get_label_width(self, node: TreeNode[str]) -> int:
        # Labels fill the width exactly; saying so keeps the tree from scrolling sideways and
        # spares a render of every label on each re-layout.
        return 1

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        model = self.model
        key = node.data or ""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        width = max(10, self.size.width - depth * self.guide_depth - 1)
        if node.allow_expand:
            toggle = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        else:
            toggle = "  "
        if model is None:
            return Text(key)
        title, cells, title_style = self._parts(model, key)
        right = Text()
        for column, _, column_width in self.columns:
            cell = cells.get(column, Text(""))
            cell.truncate(column_width, overflow="ellipsis", pad=True)
            right.append(" ")
            right.append_text(cell)
        title_width = max(4, width - len(toggle) - right.cell_len)
        title.truncate(title_width, overflow="ellipsis", pad=True)
        title.stylize(title_style)
        label = Text.assemble((toggle, base_style + Style(dim=True)), title, right)
        label.stylize(style)
        return label

    def _parts(self, model: CascadeModel, key: str) -> tuple[Text, dict[str, Text], str]:
        kind, _, record_id = key.partition(":")
        data = model.data
        if kind == "g":
            count = len(model.children(key))
            return Text(f"{GROUP_LABELS[key]} ({count})"), {}, "italic"
        numbers = model.numbers.get(record_id)
        if kind == "k":
            kr = data.key_results[record_id]
            cells = {
                "owner": Text(kr.owner, style="dim"),
                "own": progress_bar(kr.progress(), width=4),
                "rollup": progress_bar(numbers.rolled, width=4)
                if numbers is not None and numbers.beneath
                else Text(""),
                "coach": findings_badge(model.findings.get(record_id, [])),
            }
            return Text.assemble(("KR ", "dim"), kr.title), cells, ""
        objective = data.objectives[record_id]
        found = list(model.findings.get(record_id, []))
        for kr in data.key_results_of(record_id):
            found += model.findings.get(kr.id, [])
        where = f"  {objective.team}" if objective.team else ""
        title = Text.assemble(
            (f"{LEVEL_MARKS[objective.level]} ", "bold"),
            (objective.title, "bold" if objective.level != "team" else ""),
            (where, "dim"),
        )
        cells = {
            "owner": Text(objective.owner) if objective.owner else Text("no owner", "dim italic"),
            "own": progress_bar(numbers.own if numbers else None, width=4),
            "rollup": progress_bar(numbers.rolled, width=4)
            if numbers is not None and numbers.beneath
            else Text(""),
            "coach": findings_badge(found),
        }
        dim = model.matches is not None and record_id not in model.matches
        return title, cells, "dim" if dim else ""
