"""Own progress versus roll-up: how an objective is doing alone and with what aligns beneath it.

*Own progress* is DESIGN §3's: the weighted mean of the objective's key results.

*Roll-up* adds the objectives aligned beneath it, all the way down:

- a key result's roll-up is the plain mean of its own progress and the roll-ups of the
  objectives aligned to that key result;
- an objective's roll-up is the weighted mean of its key results' roll-ups (each with the key
  result's weight) and of the roll-ups of objectives aligned straight to the objective, which
  count as key results of average weight.

So a key result's weight carries the work aligned to it, and the measured value of a key result
always counts as much as any one objective supporting it. An objective with nothing to average
(no key results, nothing below with progress) has no roll-up. Parent links that loop are cut
where they meet themselves (the coach reports the loop). The maths goes through
:func:`okrworkshop.model.progress.weighted_mean`, exact for decimals, negatives and huge numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitation.cascade import Cascade, build_cascade
from okrworkshop.model import CycleData
from okrworkshop.model.progress import weighted_mean


@dataclass(frozen=True)
class Rollup:
    """One objective's or key result's numbers for the cascade."""

    own: float | None
    rolled: float | None
    beneath: int  # objectives aligned beneath, at any depth


def rollups(data: CycleData, cascade: Cascade | None = None) -> dict[str, Rollup]:
    """Own progress and roll-up of every objective and key result, keyed by id."""
    cascade = cascade or build_cascade(data)
    result: dict[str, Rollup] = {}
    # Children first: a depth-first walk finishing each objective after everything below it,
    # without recursion (an imported chain may be deeper than Python's stack).
    done: set[str] = set()
    for top in data.objectives_in_order():
        if top.id in done:
            continue
        on_path: set[str] = set()
        stack: list[tuple[str, bool]] = [(top.id, False)]
        while stack:
            oid, children_done = stack.pop()
            if children_done:
                on_path.discard(oid)
                result.update(_objective_rollup(data, cascade, oid, result))
                done.add(oid)
                continue
            if oid in done or oid in on_path:
                continue
            on_path.add(oid)
            stack.append((oid, True))
            for child in _children(data, cascade, oid):
                if child not in done and child not in on_path:
                    stack.append((child, False))
    return result


def _children(data: CycleData, cascade: Cascade, objective_id: str) -> list[str]:
    below = list(cascade.under.get(objective_id, ()))
    for kr in data.key_results_of(objective_id):
        below.extend(cascade.under.get(kr.id, ()))
    return below


def _objective_rollup(
    data: CycleData, cascade: Cascade, objective_id: str, known: dict[str, Rollup]
) -> dict[str, Rollup]:
    """The objective's and its key results' roll-ups, from the children's (a cut loop counts
    only what was finished before it)."""
    out: dict[str, Rollup] = {}
    weighted: list[tuple[float, float]] = []
    beneath = 0
    krs = data.key_results_of(objective_id)
    own_parts: list[tuple[float, float]] = []
    for kr in krs:
        progress = kr.progress()
        own_parts.append((progress, kr.weight))
        below = [known[c] for c in cascade.under.get(kr.id, ()) if c in known]
        if below:
            values = [progress, *(r.rolled for r in below if r.rolled is not None)]
            rolled = weighted_mean((value, 1.0) for value in values)
        else:
            rolled = progress
        count = sum(1 + r.beneath for r in below)
        beneath += count
        out[kr.id] = Rollup(progress, rolled, count)
        weighted.append((rolled if rolled is not None else 0.0, kr.weight))
    direct = [known[c] for c in cascade.under.get(objective_id, ()) if c in known]
    average_weight = sum(kr.weight for kr in krs) / len(krs) if krs else 1.0
    for child in direct:
        beneath += 1 + child.beneath
        if child.rolled is not None:
            weighted.append((child.rolled, average_weight))
    # The same sum as CycleData.objective_progress, without computing each progress twice.
    own = weighted_mean(own_parts)
    rolled = weighted_mean(weighted) if beneath else own
    out[objective_id] = Rollup(own, rolled, beneath)
    return out
