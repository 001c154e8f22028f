"""The forecast: a least-squares line through the check-ins, read at the due date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitation.forecast import fit_line, forecast
from okrworkshop.model import CheckIn, KeyResult

DAY0 = date(2027, 1, 1)


def kr(**fields: object) -> KeyResult:
    values: dict[str, object] = {"id": "kr-1", "objective_id": "obj-1", "title": "A result"}
    values.update(fields)
    return KeyResult.model_validate(values)


def check_ins(*points: tuple[int, float]) -> list[CheckIn]:
    return [
        CheckIn(id=f"ci-{i}", key_result_id="kr-1", at=DAY0 + timedelta(days=d), value=v)
        for i, (d, v) in enumerate(points)
    ]


def test_a_straight_line_is_read_exactly() -> None:
    points = [(DAY0, 10.0), (DAY0 + timedelta(days=10), 20.0)]
    assert fit_line(points, DAY0 + timedelta(days=30)) == 40.0


def test_noise_is_averaged_out() -> None:
    points = [(DAY0 + timedelta(days=d), v) for d, v in ((0, 0.0), (1, 2.0), (2, 2.0), (3, 4.0))]
    assert fit_line(points, DAY0 + timedelta(days=4)) == 5.0  # slope 1.2 through (1.5, 2)


def test_one_day_is_not_a_line() -> None:
    assert fit_line([(DAY0, 1.0)], DAY0) is None
    assert fit_line([(DAY0, 1.0), (DAY0, 3.0)], DAY0 + timedelta(days=5)) is None


def test_forecast_by_kind() -> None:
    history = check_ins((0, 40), (30, 45))
    metric = forecast(kr(baseline=40, target=60), history, DAY0 + timedelta(days=90))
    assert metric is not None
    assert (metric.value, metric.progress, metric.reaches_target) == (55.0, 0.75, False)
    maintain = forecast(kr(kind="maintain", target=50), history, DAY0 + timedelta(days=90))
    assert maintain is not None and maintain.reaches_target  # heading to 55, above 50
    assert forecast(kr(kind="milestone"), history, DAY0) is None
    assert forecast(kr(baseline=40), history, DAY0) is None  # no target
    assert forecast(kr(baseline=40, target=60), history, None) is None  # no due date
    gaps = [CheckIn(id="ci-x", key_result_id="kr-1", at=DAY0, value=None), *history[:1]]
    assert forecast(kr(baseline=40, target=60), gaps, DAY0 + timedelta(days=9)) is None


def test_huge_values_do_not_overflow() -> None:
    history = check_ins((0, 1e300), (1, 1e308))
    result = forecast(kr(baseline=0, target=1.5e308), history, DAY0 + timedelta(days=400))
    assert result is not None
    assert result.value == 1.7976931348623157e308  # clamped to the largest float
    assert result.reaches_target


@given(
    st.integers(-(10**6), 10**6),
    st.integers(-1000, 1000),
    st.lists(st.integers(0, 365), min_size=2, max_size=20, unique=True),
    st.integers(0, 730),
)
def test_points_on_a_line_forecast_that_line(
    start: int, slope: int, days: list[int], at: int
) -> None:
    points = [(DAY0 + timedelta(days=d), float(start + slope * d)) for d in days]
    expected = start + slope * at
    # Floats with exactly rounded sums: right to far better than any check-in is precise.
    assert fit_line(points, DAY0 + timedelta(days=at)) == pytest.approx(expected, abs=1e-6)
