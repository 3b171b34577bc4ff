"""Legal clocks: first response in hours, resolution in Kazakh working days.

The Administrative Procedural Code of Kazakhstan (art. 76) gives an appeal
15 working days. Working days skip weekends and public holidays (with their
observed transfers), counted in the district's local time zone.
"""

from __future__ import annotations

import calendar
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
    resolve = end_of_day(last_day, zone)
    return Deadlines(
        response_due_at=received_at + timedelta(hours=response_hours),
        resolve_due_at=resolve,
    )


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """A deadline on ``day`` runs to its last second, local time."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


EXTEND_STEPS = (5, 10, 15)  # working days offered on the ⏳ button
EXTEND_MAX_MONTHS = 2  # the Code's ceiling on an extended appeal, from its receipt


def extension_options(received_at: datetime, due: datetime | None, zone: ZoneInfo) -> list[date]:
    """The later deadlines a moderator may choose: a few working days past the
    current one, and the two-month ceiling itself; never beyond that ceiling."""
    ceiling = months_after(received_at.astimezone(zone).date(), EXTEND_MAX_MONTHS)
    current = due.astimezone(zone).date() if due else received_at.astimezone(zone).date()
    options = {add_working_days(current, step) for step in EXTEND_STEPS} | {ceiling}
    return sorted(day for day in options if current < day <= ceiling)
