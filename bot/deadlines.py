"""Legal clocks: first response in hours, resolution in Kazakh working days.

The Administrative Procedural Code of Kazakhstan (art. 76) gives an appeal
15 working days. Working days skip weekends and public holidays (with their
observed transfers), counted in the district's local time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=8)
def _kz_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("KZ", years=[year]).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _kz_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (the day of receipt is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


@dataclass(frozen=True, slots=True)
class Deadlines:
    response_due_at: datetime
    resolve_due_at: datetime


def deadlines_for(
    received_at: datetime, zone: ZoneInfo, *, response_hours: int, resolve_working_days: int
) -> Deadlines:
    """Both deadlines of an appeal received at ``received_at`` (aware)."""
    local_day = received_at.astimezone(zone).date()
    last_day = add_working_days(local_day, resolve_working_days)
    # Due by the end of the last working day, local time.
    resolve = datetime.combine(last_day, time(23, 59, 59), tzinfo=zone)
    return Deadlines(
        response_due_at=received_at + timedelta(hours=response_hours),
        resolve_due_at=resolve,
    )
