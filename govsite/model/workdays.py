"""Working days: weekends and holidays skipped, make-up working days (调休) counted."""

from __future__ import annotations

from datetime import date, timedelta


def is_workday(day: date, holidays: frozenset[date], workdays: frozenset[date]) -> bool:
    """True on a working day."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def workdays_between(start: date, end: date, holidays: frozenset[date], workdays: frozenset[date]) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        count += is_workday(day, holidays, workdays)
        day += timedelta(days=1)
    return count
