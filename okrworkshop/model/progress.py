"""The progress maths of DESIGN §3, exact for decimals, tiny ranges, negatives and huge numbers.

Numbers are turned into ``Decimal`` through their shortest ``repr`` so that what a person typed
(0.1, 0.3, 1e300) is what we compute with; binary float noise never shows up as 0.4999999.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext
from functools import lru_cache

_ZERO = Decimal(0)
_ONE = Decimal(1)


# The maths is exact and pure, and a cycle asks it about the same few thousand values again and
# again (every roll-up, score, forecast and export row): each answer is kept.
@lru_cache(maxsize=1 << 14)
def _dec(value: float) -> Decimal:
    return Decimal(repr(float(value)))


@lru_cache(maxsize=1 << 14)
def metric_progress(baseline: float | None, target: float | None, current: float | None) -> float:
    """``(current - baseline) / (target - baseline)`` clamped to [0, 1].

    The one formula serves decreasing targets too (40 -> 10 at 25 is 0.5). A missing baseline
    counts as 0, a missing current value as the baseline, and a target equal to the baseline
    (or no target at all) gives 0.0: there is nothing to make progress towards.
    """
    if target is None:
        return 0.0
    base = _ZERO if baseline is None else _dec(baseline)
    now = base if current is None else _dec(current)
    goal = _dec(target)
    with localcontext() as ctx:
        ctx.prec = 40
        span = goal - base
        if span == 0:
            return 0.0
        ratio = (now - base) / span
    if ratio <= _ZERO:
        return 0.0
    if ratio >= _ONE:
        return 1.0
    return float(ratio)


@lru_cache(maxsize=1 << 12)
def maintain_progress(threshold: float | None, current: float | None, *, at_most: bool) -> float:
    """1.0 while the latest value is on the right side of the threshold, else 0.0."""
    if threshold is None or current is None:
        return 0.0
    if at_most:
        return 1.0 if _dec(current) <= _dec(threshold) else 0.0
    return 1.0 if _dec(current) >= _dec(threshold) else 0.0


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Weighted mean of ``(value, weight)`` pairs; ``None`` when there is nothing to average.

    Zero total weight falls back to the plain mean, so an objective whose key results all
    weigh 0 still shows where it stands.
    """
    items = [(_dec(value), _dec(weight)) for value, weight in pairs]
    if not items:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        total = sum((weight for _, weight in items), _ZERO)
        if total <= 0:
            return float(sum((value for value, _ in items), _ZERO) / len(items))
        return float(sum((value * weight for value, weight in items), _ZERO) / total)


def score_band(score: float) -> str:
    """``red`` (below 0.4), ``yellow`` (0.4 to below 0.7) or ``green`` (0.7 and up)."""
    if score < 0.4:
        return "red"
    if score < 0.7:
        return "yellow"
    return "green"


def confidence_band(confidence: int) -> str:
    """``low`` (0-3), ``medium`` (4-6) or ``high`` (7-10)."""
    if confidence <= 3:
        return "low"
    if confidence <= 6:
        return "medium"
    return "high"
