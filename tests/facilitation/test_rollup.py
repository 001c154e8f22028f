"""Own progress and roll-up: the numbers the cascade shows side by side."""

from __future__ import annotations

import pytest

from facilitation.rollup import rollups
from tests.facilitation.builders import cycle, key_result, objective


def test_own_progress_is_the_weighted_mean_of_mixed_kinds_and_decreasing_targets() -> None:
    data = cycle(
        objective("c"),
        # decreasing target: 40 -> 10, now 25 is half way
        key_result("c-1", "c", baseline=40, target=10, current=25, weight=2),
        key_result("c-2", "c", kind="milestone", done=True, weight=1),
        key_result("c-3", "c", kind="maintain", target=99.5, current=99.1, weight=1),
    )
    result = rollups(data)["c"]
    assert result.own == pytest.approx((0.5 * 2 + 1.0 * 1 + 0.0 * 1) / 4)
    assert result.rolled == result.own, "with nothing beneath, the roll-up is the own progress"
    assert result.beneath == 0


def test_roll_up_carries_aligned_objectives_through_the_key_result_weight() -> None:
    data = cycle(
        objective("c"),
        key_result("c-1", "c", baseline=0, target=100, current=50, weight=3),  # 0.5
        key_result("c-2", "c", baseline=0, target=10, current=10, weight=1),  # 1.0
        objective("d", "department", parent="c-1"),
        key_result("d-1", "d", baseline=200, target=100, current=120),  # decreasing: 0.8
        objective("t", "team", parent="d"),
        key_result("t-1", "t", kind="milestone", done=False),  # 0.0
        key_result("t-2", "t", baseline=-10, target=-4, current=-7),  # negatives: 0.5
    )
    result = rollups(data)
    team = 0.25
    assert result["t"].own == pytest.approx(team)
    # the team aligns to the whole department objective: it counts as one key result
    assert result["d"].own == pytest.approx(0.8)
    assert result["d"].rolled == pytest.approx((0.8 + team) / 2)
    # c-1's roll-up is its own 0.5 and the department's roll-up, then weighted 3 to 1
    c1 = (0.5 + (0.8 + team) / 2) / 2
    assert result["c-1"].rolled == pytest.approx(c1)
    assert result["c"].own == pytest.approx((0.5 * 3 + 1.0) / 4)
    assert result["c"].rolled == pytest.approx((c1 * 3 + 1.0) / 4)
    assert result["c"].beneath == 2


def test_objectives_aligned_to_the_objective_count_as_an_average_weight_key_result() -> None:
    data = cycle(
        objective("c"),
        key_result("c-1", "c", baseline=0, target=1, current=1, weight=0.2),
        key_result("c-2", "c", baseline=0, target=1, current=0, weight=0.6),
        objective("d", "department", parent="c"),
        key_result("d-1", "d", baseline=0, target=4, current=1),
    )
    result = rollups(data)["c"]
    # weights 0.2 and 0.6 average 0.4 for the department's 0.25
    assert result.rolled == pytest.approx((1.0 * 0.2 + 0.0 * 0.6 + 0.25 * 0.4) / 1.2)


def test_nothing_to_average_gives_none_and_exact_decimals() -> None:
    data = cycle(
        objective("c"),
        objective("d", "department", parent="c"),  # no key results anywhere
        objective("e"),
        key_result("e-1", "e", baseline=0.1, target=0.3, current=0.2),
    )
    result = rollups(data)
    assert result["c"].own is None and result["c"].rolled is None
    assert result["c"].beneath == 1
    assert result["e"].own == 0.5, "0.1 -> 0.3 at 0.2 is exactly half, no float noise"


def test_a_loop_is_cut_rather_than_followed_forever() -> None:
    data = cycle(
        objective("a", "team", parent="b"),
        key_result("a-1", "a", kind="milestone", done=True),
        objective("b", "team", parent="a"),
        key_result("b-1", "b", kind="milestone", done=False),
    )
    result = rollups(data)
    assert result["a"].own == 1.0 and result["b"].own == 0.0
    assert {result["a"].rolled, result["b"].rolled} <= {0.0, 0.5, 1.0}


def test_a_chain_deeper_than_the_recursion_limit() -> None:
    records = [objective("o0"), key_result("k0", "o0", kind="milestone", done=True)]
    for i in range(1, 3000):
        records.append(objective(f"o{i}", "team", parent=f"o{i - 1}"))
    result = rollups(cycle(*records))
    assert result["o0"].beneath == 2999
    assert result["o0"].rolled == 1.0
