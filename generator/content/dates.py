"""Dates as editors write them: a year, a month or a day, kept as text and compared by period."""
from __future__ import annotations

import calendar
import re
from datetime import date

# The years a content date may name (the schemas say the same): wide enough for any source or
# rule these sheets cite, narrow enough that every date, age and period computed from one exists.
FIRST_YEAR, LAST_YEAR = 1900, 2100
DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")


def parse_period(value: object) -> tuple[date, date]:
    """First and last day of the period a written date names: `2012` is the whole of 2012.

    ValueError for a date off the calendar or outside FIRST_YEAR..LAST_YEAR."""
    text = str(value)
    parts = [int(p) for p in text.split("-")] if len(text) <= 10 else []
    if not 1 <= len(parts) <= 3 or not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        raise ValueError(f"`{text[:20]}` is not a date from {FIRST_YEAR} to {LAST_YEAR}")
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def unreal(value: object) -> bool:
    """Whether a value is written like a date (YYYY, YYYY-MM, YYYY-MM-DD) but names none from
    FIRST_YEAR to LAST_YEAR: the schemas leave it to checks.check_date, which says what is wrong."""
    if not (isinstance(value, str) and DATE_SHAPE.fullmatch(value)):
        return False
    try:
        parse_period(value)
    except ValueError:
        return True
    return False


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
