"""The sidebar: the cycle's own pages, then each session with its agenda stages."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import NodeID, TreeNode

from okrworkshop.model import CycleData


@dataclass(frozen=True)
class Place:
    """Where the main area is: a cycle page (no session) or a session's stage."""

    activity: str
    session_id: str | None = None
    stage_key: str | None = None


CYCLE_PAGES = (
    ("Overview and themes", "overview"),
    ("Objectives and key results", "objectives"),
    ("Cascade and alignment", "align"),
    ("Actions", "actions"),
    ("Quarter over quarter", "quarters"),
)

# Pages of a session beside its stages.
SESSION_PAGES = (("Captured", "captures"),)
SESSION_ACTIVITIES = frozenset(activity for _, activity in SESSION_PAGES)

KIND_ICONS = {"planning": "◆", "check-in": "◇", "retro": "↺"}


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f}"


class AgendaTree(Tree[Place]):
    """Cycle pages and sessions; selecting a node moves the main area there."""

    def __init__(self, *, id: str | None = None) -> None:
        # Each label as (lead, title, tail): a long title is shortened, never the tail
        # (a stage's minutes, a session's date and ✓), which says where the session stands.
        self._parts: dict[NodeID, tuple[Text, str, Text]] = {}
        super().__init__("Cycle", id=id)
        self.show_root = False
        self.guide_depth = 2

    def _add(
        self,
        parent: TreeNode[Place],
        lead: Text | str,
        title: str,
        tail: Text | str,
        place: Place,
        *,
        leaf: bool = True,
        expand: bool = False,
    ) -> TreeNode[Place]:
        lead = Text(lead) if isinstance(lead, str) else lead
        tail = Text(tail) if isinstance(tail, str) else tail
        label = Text.assemble(lead, title, tail)
        node = parent.add_leaf(label, place) if leaf else parent.add(label, place, expand=expand)
        self._parts[node.id] = (lead, title, tail)
        return node

    def render_label(self, node: TreeNode[Place], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        parts = self._parts.get(node.id)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if parts is None or room <= 0 or label.cell_len <= room:
            return label
        lead, title, tail = parts
        toggle = label.cell_len - Text.assemble(lead, title, tail).cell_len
        keep = room - toggle - lead.cell_len - tail.cell_len
        if keep < 5:  # too narrow to say anything useful: cut at the edge as before
            return label
        shortened = Text(title)
        shortened.truncate(keep, overflow="ellipsis")
        short = Text.assemble(lead, shortened, tail)
        short.stylize(style)
        return Text.assemble(label[:toggle], short)

    def rebuild(self, data: CycleData, current: Place | None) -> None:
        """Redraw from the cycle, keeping the cursor on ``current``."""
        self.clear()
        self._parts.clear()
        target: TreeNode[Place] | None = None
        for page_label, activity in CYCLE_PAGES:
            node = self.root.add_leaf(page_label, Place(activity))
            if current == node.data:
                target = node
        for session in data.ordered("sessions"):
            icon = KIND_ICONS.get(session.kind, "•")
            state = " ✓" if session.closed else ""
            when = f" · {session.held_on:%d %b}" if session.held_on else ""
            branch = self._add(
                self.root,
                f"{icon} ",
                session.title,
                f"{when}{state}",
                Place("session", session.id, None),
                leaf=False,
                expand=(current is not None and current.session_id == session.id)
                or (current is None and not session.closed),
            )
            for stage in session.stages:
                mark = "▸ " if stage.key == session.current_stage else "  "
                if stage.key == session.timer_stage:
                    mark = "▶ "
                timebox = session.timebox_minutes(stage)
                timing = f"{timebox}m"
                over = stage.actual_seconds > timebox * 60
                if stage.actual_seconds:
                    timing = f"{_minutes(stage.actual_seconds)}/{timing}"
                place = Place(stage.activity or "overview", session.id, stage.key)
                node = self._add(
                    branch,
                    mark,
                    stage.title,
                    Text.assemble(" ", (timing, "yellow" if over else "dim")),
                    place,
                )
                if current == place:
                    target = node
            captured = len(data.captures_of(session.id)) + sum(
                1 for a in data.actions.values() if a.session_id == session.id
            )
            for page_label, activity in SESSION_PAGES:
                place = Place(activity, session.id, None)
                node = self._add(
                    branch, "  ✎ ", page_label, Text.assemble(" ", (f"{captured}", "dim")), place
                )
                if current == place:
                    target = node
        if target is not None:
            # Node lines exist only after the tree has laid itself out again.
            self.call_after_refresh(self.move_cursor, target)
