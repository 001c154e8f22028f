"""The progress maths of DESIGN §3: one formula, exact for every kind of number people type."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrworkshop.model import Cycle, CycleData, KeyResult, Objective
from okrworkshop.model.progress import (
    confidence_band,
    maintain_progress,
    metric_progress,
    score_band,
    weighted_mean,
)


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (0, 100, 50, 0.5),
        (40, 10, 25, 0.5),  # decreasing target: churn from 40 to 10
        (40, 10, 10, 1.0),
        (40, 10, 45, 0.0),  # a decreasing metric that got worse
        (0, 10, -5, 0.0),  # below the baseline
        (0, 10, 15, 1.0),  # past the target
        (10, 10, 10, 0.0),  # target equals baseline: nothing to achieve
        (10, 10, 99, 0.0),
        (0.1, 0.3, 0.2, 0.5),  # binary floats would give 0.49999999999999994
        (0.1, 0.7, 0.4, 0.5),
        (2.4, 1.5, 1.95, 0.5),
        (-10, -20, -15, 0.5),  # negatives
        (-5, 5, 0, 0.5),
        (0, 1e308, 5e307, 0.5),  # huge numbers do not overflow
        (-1e308, 1e308, 0, 0.5),
        (1e308, -1e308, 0, 0.5),
        (1e-12, 2e-12, 1.5e-12, 0.5),  # tiny ranges
        (1.0, 1.0000000000000004, 1.0000000000000002, 0.5),
        (0, 5e-324, 5e-324, 1.0),
    ],
)
def test_metric_progress(baseline: float, target: float, current: float, expected: float) -> None:
    assert metric_progress(baseline, target, current) == expected


def test_exact_decimals_not_float_noise() -> None:
    assert (0.2 - 0.1) / (0.3 - 0.1) != 0.5  # what a naive float formula shows
    assert metric_progress(0.1, 0.3, 0.2) == 0.5
    assert metric_progress(0, 0.3, 0.1) == pytest.approx(1 / 3, abs=1e-15)


def test_missing_numbers() -> None:
    assert metric_progress(None, 10, 5) == 0.5  # no baseline counts as 0
    assert metric_progress(3, 10, None) == 0.0  # no check-in yet: still at the baseline
    assert metric_progress(3, None, 5) == 0.0  # no target: nothing to measure against


@pytest.mark.parametrize(
    ("threshold", "current", "at_most", "expected"),
    [
        (99.5, 99.7, False, 1.0),
        (99.5, 99.5, False, 1.0),  # on the threshold counts as holding it
        (99.5, 99.49, False, 0.0),
        (2, 1.9, True, 1.0),
        (2, 2, True, 1.0),
        (2, 2.1, True, 0.0),
        (0.3, 0.3, True, 1.0),
        (-5, -5.5, True, 1.0),
        (-5, -4.5, True, 0.0),
        (2, None, True, 0.0),  # nothing measured yet
        (None, 5, False, 0.0),
    ],
)
def test_maintain_progress(
    threshold: float | None, current: float | None, at_most: bool, expected: float
) -> None:
    assert maintain_progress(threshold, current, at_most=at_most) == expected


def kr(**fields: Any) -> KeyResult:
    return KeyResult.model_validate(
        {"id": fields.pop("id", "kr-1"), "objective_id": "obj-1", "title": "A result", **fields}
    )


def test_key_result_progress_by_kind() -> None:
    assert kr(kind="milestone", done=True).progress() == 1.0
    assert kr(kind="milestone", done=False, current=1).progress() == 0.0
    assert kr(kind="maintain", target=78, current=78.3).progress() == 1.0
    assert kr(kind="maintain", target=78, current=77.9).progress() == 0.0
    assert kr(kind="maintain", direction="at-most", target=2, current=1.5).progress() == 1.0
    assert kr(kind="maintain", direction="at-most", target=2, current=2.5).progress() == 0.0
    assert kr(baseline=40, target=10, current=25).progress() == 0.5


def test_objective_progress_is_the_weighted_mean() -> None:
    data = CycleData(Cycle(id="c1", name="Acme"))
    data.objectives["obj-1"] = Objective(id="obj-1", title="Grow", level="company")
    data.objectives["obj-2"] = Objective(id="obj-2", title="Empty", level="company")
    rows = [
        kr(id="kr-1", baseline=0, target=10, current=10, weight=3),  # 1.0
        kr(id="kr-2", baseline=0, target=10, current=0),  # 0.0, weight 1
    ]
    for row in rows:
        data.key_results[row.id] = row
    data._reindex()
    assert data.objective_progress("obj-1") == 0.75
    assert data.objective_progress("obj-2") is None


def test_weighted_mean() -> None:
    assert weighted_mean([(1.0, 3), (0.0, 1)]) == 0.75
    assert weighted_mean([(0.5, 1), (1.0, 1)]) == 0.75  # weights default to 1
    assert weighted_mean([(0.1, 1), (0.2, 1)]) == 0.15
    assert weighted_mean([(0.5, 0), (1.0, 0)]) == 0.75  # all weights 0: plain mean
    assert weighted_mean([(1.0, 0), (0.0, 2)]) == 0.0  # weight 0 does not count
    assert weighted_mean([(1.0, 1e308), (0.0, 1e308)]) == 0.5
    assert weighted_mean([]) is None


def test_bands() -> None:
    assert [score_band(s) for s in (0.0, 0.3, 0.39, 0.4, 0.6, 0.69, 0.7, 1.0)] == [
        "red",
        "red",
        "red",
        "yellow",
        "yellow",
        "yellow",
        "green",
        "green",
    ]
    assert [confidence_band(c) for c in (0, 3, 4, 6, 7, 10)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]


numbers = st.floats(allow_nan=False, allow_infinity=False)


@given(numbers, numbers, numbers)
def test_progress_is_always_between_zero_and_one(
    baseline: float, target: float, current: float
) -> None:
    assert 0.0 <= metric_progress(baseline, target, current) <= 1.0


@given(numbers, numbers, numbers, numbers)
def test_progress_never_goes_down_as_an_increasing_metric_rises(
    baseline: float, target: float, lower: float, higher: float
) -> None:
    assume(target > baseline)
    lower, higher = sorted((lower, higher))
    assert metric_progress(baseline, target, lower) <= metric_progress(baseline, target, higher)


@given(numbers, numbers, numbers)
def test_decreasing_target_mirrors_increasing(
    baseline: float, target: float, current: float
) -> None:
    """Going down from 40 to 10 is the same journey as going up from -40 to -10."""
    assert metric_progress(baseline, target, current) == metric_progress(
        -baseline, -target, -current
    )


@given(numbers, numbers)
def test_reaching_the_target_is_full_progress(baseline: float, target: float) -> None:
    assume(target != baseline)
    assert metric_progress(baseline, target, target) == 1.0
    assert metric_progress(baseline, target, baseline) == 0.0


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1000)), min_size=1))
def test_weighted_mean_stays_within_the_values(pairs: list[tuple[float, float]]) -> None:
    mean = weighted_mean(pairs)
    assert mean is not None
    values = [value for value, _ in pairs]
    assert min(values) <= mean <= max(values)


# ---------------------------------------------------------------- more properties (issue 5)

decimals = st.decimals(
    min_value=-1_000_000, max_value=1_000_000, places=3, allow_nan=False, allow_infinity=False
)


@given(numbers, numbers)
def test_target_equal_to_baseline_is_always_zero(level: float, current: float) -> None:
    assert metric_progress(level, level, current) == 0.0


@given(numbers, numbers, numbers)
def test_values_on_the_wrong_side_of_the_baseline_are_zero(
    baseline: float, target: float, current: float
) -> None:
    assume(target != baseline)
    wrong_side = current <= baseline if target > baseline else current >= baseline
    assume(wrong_side)
    assert metric_progress(baseline, target, current) == 0.0


@given(numbers, numbers, numbers, numbers)
def test_a_decreasing_metric_makes_progress_as_it_falls(
    baseline: float, target: float, lower: float, higher: float
) -> None:
    assume(target < baseline)
    lower, higher = sorted((lower, higher))
    assert metric_progress(baseline, target, higher) <= metric_progress(baseline, target, lower)


@given(decimals, decimals, decimals)
def test_decimals_compute_as_written(baseline: Decimal, target: Decimal, current: Decimal) -> None:
    """What people type (0.1, 2.35) is what we compute with: the exact ratio, to the last bit."""
    assume(target != baseline)
    exact = (Fraction(current) - Fraction(baseline)) / (Fraction(target) - Fraction(baseline))
    expected = float(min(Fraction(1), max(Fraction(0), exact)))
    got = metric_progress(float(baseline), float(target), float(current))
    assert abs(got - expected) <= math.ulp(expected)


@given(decimals, decimals)
def test_halfway_in_decimals_is_exactly_half(baseline: Decimal, target: Decimal) -> None:
    assume(target != baseline)
    halfway = (baseline + target) / 2
    assert metric_progress(float(baseline), float(target), float(halfway)) == 0.5


@given(
    st.integers(-(10**9), 10**9),
    st.integers(-(10**9), 10**9),
    st.integers(-(10**9), 10**9),
    st.integers(-(10**12), 10**12),
)
def test_negative_numbers_behave_like_any_others(
    baseline: int, target: int, current: int, shift: int
) -> None:
    """Moving every number by the same amount (into negatives too) changes nothing."""
    assert metric_progress(baseline, target, current) == metric_progress(
        baseline + shift, target + shift, current + shift
    )


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_huge_numbers_behave_like_small_ones(baseline: int, target: int, current: int) -> None:
    small = metric_progress(baseline, target, current)
    for scale in (1e200, 1e300, 1e305):
        huge = metric_progress(baseline * scale, target * scale, current * scale)
        assert abs(huge - small) <= 1e-12


@given(
    st.sampled_from(["metric", "milestone", "maintain"]),
    st.one_of(st.none(), numbers),
    st.one_of(st.none(), numbers),
    st.one_of(st.none(), numbers),
    st.booleans(),
    st.one_of(st.none(), st.integers(0, 10)),
    st.one_of(st.none(), st.floats(0, 1)),
)
def test_confidence_and_score_never_move_progress(
    kind: str,
    baseline: float | None,
    target: float | None,
    current: float | None,
    done: bool,
    confidence: int | None,
    score: float | None,
) -> None:
    """The three numbers stay apart: entering a confidence or a score leaves progress alone,
    and the score shown is the one entered, never the progress, once there is one."""
    from facilitation.scores import score_or_progress

    plain = kr(kind=kind, baseline=baseline, target=target, current=current, done=done)
    rated = kr(
        kind=kind,
        baseline=baseline,
        target=target,
        current=current,
        done=done,
        confidence=confidence,
        score=score,
    )
    assert rated.progress() == plain.progress()
    assert 0.0 <= plain.progress() <= 1.0
    assert score_or_progress(rated) == (score if score is not None else plain.progress())


@given(st.lists(st.tuples(numbers, st.floats(0, 1000)), min_size=1, max_size=8))
def test_objective_progress_stays_within_its_key_results(
    rows: list[tuple[float, float]],
) -> None:
    data = CycleData(Cycle(id="c1", name="Acme"))
    data.objectives["obj-1"] = Objective(id="obj-1", title="Grow", level="company")
    for index, (current, weight) in enumerate(rows):
        row = kr(id=f"kr-{index}", baseline=0, target=100, current=current, weight=weight)
        data.key_results[row.id] = row
    data._reindex()
    progress = [data.key_results[f"kr-{i}"].progress() for i in range(len(rows))]
    mean = data.objective_progress("obj-1")
    assert mean is not None
    assert min(progress) - 1e-15 <= mean <= max(progress) + 1e-15


@given(st.floats(0, 1))
def test_every_score_has_exactly_one_band(score: float) -> None:
    band = score_band(score)
    assert band == ("red" if score < 0.4 else "yellow" if score < 0.7 else "green")
