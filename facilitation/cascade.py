"""The cascade's shape: which objective aligns under which objective or key result.

One pass over a cycle gives the tree the cascade view, the Markdown export, the roll-up and
the alignment rules all read, so they never disagree about where an objective sits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from okrworkshop.model import CycleData, Objective

LEVEL_RANK = {"company": 0, "department": 1, "team": 2}


@dataclass
class Cascade:
    """Objectives arranged company → department → team.

    ``tops`` are company objectives aligned to nothing, ``unaligned`` department and team
    objectives with no parent (or a parent that is not in the cycle), and ``looped`` those whose
    parent links go round in a loop (or hang below one), which no top reaches.
    ``under`` maps an objective or key result id to the objectives aligned to it.
    """

    tops: list[str] = field(default_factory=list)
    unaligned: list[str] = field(default_factory=list)
    looped: list[str] = field(default_factory=list)
    under: dict[str, list[str]] = field(default_factory=dict)
    kr_objective: dict[str, str] = field(default_factory=dict)

    def parent_objective(self, data: CycleData, objective: Objective) -> str | None:
        """The id of the objective above, directly or through one of its key results."""
        parent = objective.parent_id
        if parent is None:
            return None
        if parent in data.objectives:
            return parent
        return self.kr_objective.get(parent)

    def path_to(self, data: CycleData, objective_id: str) -> list[str]:
        """Ids from the top of the tree down to the objective, key results included."""
        path = [objective_id]
        seen = {objective_id}
        objective = data.objectives[objective_id]
        while objective.parent_id is not None:
            parent = objective.parent_id
            above = parent if parent in data.objectives else self.kr_objective.get(parent)
            if above is None or above in seen:
                break
            if parent != above:
                path.append(parent)
            path.append(above)
            seen.add(above)
            objective = data.objectives[above]
        path.reverse()
        return path

    def walk(self, data: CycleData) -> Iterator[tuple[int, str]]:
        """(depth, objective id) in tree order: tops, then unaligned, then looped."""
        stack: list[tuple[int, str]] = [
            (0, oid) for oid in reversed([*self.tops, *self.unaligned, *self.looped])
        ]
        seen: set[str] = set()
        while stack:
            depth, oid = stack.pop()
            if oid in seen:
                continue
            seen.add(oid)
            yield depth, oid
            below: list[str] = []
            for kr in data.key_results_of(oid):
                below.extend(self.under.get(kr.id, ()))
            below.extend(self.under.get(oid, ()))
            stack.extend((depth + 1, child) for child in reversed(below) if child not in seen)


def build_cascade(data: CycleData) -> Cascade:
    """The cascade of a cycle, every sibling list in display order."""
    cascade = Cascade(kr_objective={kr.id: kr.objective_id for kr in data.key_results.values()})
    for objective in data.objectives_in_order():
        parent = objective.parent_id
        if parent is not None and (parent in data.objectives or parent in cascade.kr_objective):
            cascade.under.setdefault(parent, []).append(objective.id)
        elif objective.level == "company":
            cascade.tops.append(objective.id)
        else:
            cascade.unaligned.append(objective.id)
    reached = {oid for _, oid in _reach(data, cascade, [*cascade.tops, *cascade.unaligned])}
    cascade.looped = [o.id for o in data.objectives_in_order() if o.id not in reached]
    return cascade


def _reach(data: CycleData, cascade: Cascade, starts: list[str]) -> Iterator[tuple[int, str]]:
    partial = Cascade(tops=starts, under=cascade.under, kr_objective=cascade.kr_objective)
    return partial.walk(data)


def parent_loops(data: CycleData) -> list[list[str]]:
    """Every loop of parent links, each as objective ids in the order the links go."""
    kr_objective = {kr.id: kr.objective_id for kr in data.key_results.values()}
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done
    loops: list[list[str]] = []
    for start in data.objectives:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in data.objectives and state.get(node) != 2:
            if state.get(node) == 1:
                loops.append(path[path.index(node) :])
                break
            state[node] = 1
            path.append(node)
            parent = data.objectives[node].parent_id
            node = kr_objective.get(parent, parent) if parent is not None else None
        for visited in path:
            state[visited] = 2
    return loops


def link_problem(data: CycleData, objective_id: str, parent_id: str | None) -> str | None:
    """Why the objective cannot align to ``parent_id``, or None when it can (None unlinks)."""
    if parent_id is None:
        return None
    objective = data.objectives[objective_id]
    if parent_id == objective_id:
        return "An objective cannot align to itself."
    parent_kr = data.key_results.get(parent_id)
    if parent_kr is None and parent_id not in data.objectives:
        return f"There is no objective or key result {parent_id!r} in this cycle."
    above = parent_kr.objective_id if parent_kr is not None else parent_id
    if above == objective_id:
        return "An objective cannot align to one of its own key results."
    chain = [objective.title]
    seen = {objective_id}
    node: str | None = above
    while node is not None and node in data.objectives:
        chain.append(data.objectives[node].title)
        if node == objective_id:
            loop = " → ".join(f"“{title}”" for title in chain)
            return f"That link would make a loop: {loop}. Not linked."
        if node in seen:
            break  # an older loop further up; the coach reports it
        seen.add(node)
        parent = data.objectives[node].parent_id
        node = data.key_results[parent].objective_id if parent in data.key_results else parent
    return None


def levels_apart(upper: Objective, lower: Objective) -> int:
    """How many levels ``upper`` sits above ``lower`` (1 for department above team)."""
    return LEVEL_RANK[lower.level] - LEVEL_RANK[upper.level]


@dataclass(frozen=True)
class CascadeFilter:
    """Which objectives the cascade shows: by level, team and owner (empty means any)."""

    level: str = ""
    team: str = ""
    owner: str = ""

    def __bool__(self) -> bool:
        return bool(self.level or self.team or self.owner)

    def matches(self, objective: Objective) -> bool:
        return (
            (not self.level or objective.level == self.level)
            and (not self.team or objective.team == self.team)
            and (not self.owner or objective.owner == self.owner)
        )


def filtered(data: CycleData, cascade: Cascade, wanted: CascadeFilter) -> tuple[set[str], set[str]]:
    """(matching objectives, objectives to show): the matches and every objective above them,
    so a filtered cascade still shows where each match sits."""
    matches = {o.id for o in data.objectives.values() if wanted.matches(o)}
    shown = set(matches)
    for objective_id in matches:
        objective = data.objectives[objective_id]
        while True:
            above = cascade.parent_objective(data, objective)
            if above is None or above in shown:
                break
            shown.add(above)
            objective = data.objectives[above]
    return matches, shown


def find_objective(
    data: CycleData, order: list[str], text: str, after: str | None = None, step: int = 1
) -> str | None:
    """The next objective in ``order`` whose title has ``text`` (else whose owner or team
    has it), searching on from ``after``; None when nothing matches."""
    wanted = text.casefold().strip()
    if not wanted or not order:
        return None
    start = order.index(after) if after in order else (-1 if step > 0 else 0)
    rotated = [order[(start + step * i) % len(order)] for i in range(1, len(order) + 1)]
    for fields in (("title",), ("owner", "team")):
        for objective_id in rotated:
            objective = data.objectives[objective_id]
            if any(wanted in getattr(objective, name).casefold() for name in fields):
                return objective_id
    return None
