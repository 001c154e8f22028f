"""Where a key result is heading: a straight line through its check-ins, read at the due date.

A least-squares fit of value against day; huge numbers that overflow floats are fitted in
exact fractions. It is an early warning, not a promise: two check-ins make a line, a noisy history a
rough one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from okrworkshop.model import CheckIn, KeyResult
from okrworkshop.model.progress import maintain_progress, metric_progress

_MAX_FLOAT = Fraction(1.7976931348623157e308)


@dataclass(frozen=True)
class Forecast:
    """The fitted line read at ``on``: the value expected then and the progress it means."""

    on: date
    value: float
    progress: float
    points: int

    @property
    def reaches_target(self) -> bool:
        return self.progress >= 1.0


def _exact(value: float) -> Fraction:
    # Through the shortest repr: 0.1 is one tenth, as the person typed it.
    return Fraction(repr(float(value)))


def _to_float(value: Fraction) -> float:
    # A line through huge values can run past what a float holds; beyond the target is
    # beyond the target, so clamping keeps the answer right.
    return float(max(-_MAX_FLOAT, min(_MAX_FLOAT, value)))


def fit_line(points: Sequence[tuple[date, float]], on: date) -> float | None:
    """The least-squares line through ``(day, value)`` points, read at ``on``.

    Computed in floats with exactly rounded sums (fast enough for thousands of key results on
    every change); values so large that floats overflow are fitted again in exact fractions.
    ``None`` with fewer than two distinct days (no line to draw).
    """
    if len({day for day, _ in points}) < 2:
        return None
    origin = min(day for day, _ in points)
    xs = [float((day - origin).days) for day, _ in points]
    ys = [float(value) for _, value in points]
    at = float((on - origin).days)
    try:
        value = _fit(xs, ys, at)
    except (OverflowError, ZeroDivisionError):
        value = math.inf
    if math.isfinite(value):
        return value
    return _to_float(_fit_exact(xs, ys, at))


def _fit(xs: list[float], ys: list[float], at: float) -> float:
    count = len(xs)
    mean_x = math.fsum(xs) / count
    mean_y = math.fsum(ys) / count
    # Centred first, so the sums of products do not cancel away the digits that matter.
    dx = [x - mean_x for x in xs]
    spread = math.fsum([d * d for d in dx])
    slope = math.fsum([d * (y - mean_y) for d, y in zip(dx, ys, strict=True)]) / spread
    return mean_y + slope * (at - mean_x)


def _fit_exact(xs: list[float], ys: list[float], at: float) -> Fraction:
    fx = [Fraction(x) for x in xs]
    fy = [_exact(y) for y in ys]
    count = len(fx)
    mean_x = sum(fx, Fraction(0)) / count
    mean_y = sum(fy, Fraction(0)) / count
    spread = sum(((x - mean_x) ** 2 for x in fx), Fraction(0))
    slope = (
        sum(((x - mean_x) * (y - mean_y) for x, y in zip(fx, fy, strict=True)), Fraction(0))
        / spread
    )
    return mean_y + slope * (Fraction(at) - mean_x)


def history_points(check_ins: Iterable[CheckIn]) -> list[tuple[date, float]]:
    """The dated values of a key result's check-ins (those without a value left out)."""
    return [(c.at, c.value) for c in check_ins if c.value is not None]


def forecast(kr: KeyResult, check_ins: Iterable[CheckIn], due: date | None) -> Forecast | None:
    """Where the check-ins' trend puts a metric or maintain key result at its due date.

    ``None`` for milestones, without a due date or a target, or with fewer than two dated
    values.
    """
    if kr.kind == "milestone" or due is None or kr.target is None:
        return None
    points = history_points(check_ins)
    value = fit_line(points, due)
    if value is None:
        return None
    if kr.kind == "maintain":
        progress = maintain_progress(kr.target, value, at_most=kr.direction == "at-most")
    else:
        progress = metric_progress(kr.baseline, kr.target, value)
    return Forecast(due, value, progress, len(points))
