"""Dates as editors write them: a year, a month or a day, kept as text and compared by period."""
from __future__ import annotations

import calendar
from datetime import date


def parse_period(value: object) -> tuple[date, date]:
    """First and last day of the period a written date names: `2012` is the whole of 2012."""
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
