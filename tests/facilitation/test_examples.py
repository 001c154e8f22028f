"""The examples library teaches what the coach checks: weak drafts trip it, rewrites pass."""

from __future__ import annotations

from datetime import date

import pytest

from facilitation.examples import (
    EXAMPLES,
    DraftOkr,
    ExamplePair,
    example,
    findings_for,
    insert_draft,
)
from okrworkshop.model import Cycle, CycleData


def cycle() -> CycleData:
    return CycleData(Cycle(id="cyc-1", name="Examples", ends=date(2027, 3, 31)))


def rules_after_inserting(draft: DraftOkr) -> set[str]:
    return {f.rule for f in findings_for(draft)}


def test_a_dozen_pairs_with_unique_keys_and_lessons() -> None:
    assert len(EXAMPLES) >= 12
    assert len({pair.key for pair in EXAMPLES}) == len(EXAMPLES)
    for pair in EXAMPLES:
        assert pair.lesson and pair.topic
        assert 3 <= len(pair.strong.key_results) <= 5


@pytest.mark.parametrize("pair", EXAMPLES, ids=[p.key for p in EXAMPLES])
def test_the_strong_side_passes_every_drafting_rule(pair: ExamplePair) -> None:
    assert rules_after_inserting(pair.strong) == set()


@pytest.mark.parametrize("pair", EXAMPLES, ids=[p.key for p in EXAMPLES])
def test_the_weak_side_trips_the_rules_it_teaches(pair: ExamplePair) -> None:
    fired = rules_after_inserting(pair.weak)
    assert set(pair.teaches) <= fired, fired


def test_inserting_is_one_undoable_change() -> None:
    data = cycle()
    pair = example("retention")
    objective_id, change = insert_draft(data, pair.strong, level="team", team="Success")
    undo = data.apply(change)
    objective = data.objectives[objective_id]
    assert (objective.title, objective.level, objective.team) == (
        "Customers stay because leaving would feel like a loss",
        "team",
        "Success",
    )
    assert [kr.title for kr in data.key_results_of(objective_id)] == [
        kr.title for kr in pair.strong.key_results
    ]
    data.apply(undo)
    assert not data.objectives and not data.key_results


def test_unknown_example_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="no example 'nope'; examples: retention, onboarding"):
        example("nope")
