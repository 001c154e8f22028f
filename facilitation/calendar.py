"""Quarters: the default span of a cycle and the next cycle's dates at carry-over."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding ``day``."""
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return start, add_months(start, 3) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def default_span(starts: date | None, ends: date | None, today: date) -> tuple[date, date]:
    """Fill in missing cycle dates: this quarter, or three months from a given start."""
    if starts is None and ends is None:
        return quarter_of(today)
    if starts is None:
        assert ends is not None
        return add_months(ends + timedelta(days=1), -3), ends
    if ends is None:
        return starts, end_of_months_from(starts, 3)
    return starts, ends


def end_of_months_from(starts: date, months: int) -> date:
    """The last day of a span of whole months from ``starts`` (Jan 31 + 3 months ends Apr 30).

    The day before the same day ``months`` later; when that month is too short for the day,
    its last day (not the day before it).
    """
    later = add_months(starts, months)
    return later if later.day < starts.day else later - timedelta(days=1)


def next_span(starts: date, ends: date) -> tuple[date, date]:
    """The period right after ``starts``..``ends``, of the same length in months when whole."""
    length = (ends.year * 12 + ends.month) - (starts.year * 12 + starts.month) + 1
    new_start = ends + timedelta(days=1)
    if starts.day == 1 and (ends + timedelta(days=1)).day == 1:
        return new_start, add_months(new_start, length) - timedelta(days=1)
    return new_start, new_start + (ends - starts)


def quarter_label(starts: date) -> str:
    """``2027-Q1`` for a start date."""
    return f"{starts.year}-Q{(starts.month - 1) // 3 + 1}"
