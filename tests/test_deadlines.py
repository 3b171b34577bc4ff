from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.tickets.deadlines import (
    add_working_days,
    deadlines_for,
    end_of_day,
    extension_options,
    is_working_day,
    months_after,
)

ALMATY = ZoneInfo("Asia/Almaty")


def test_weekends_are_skipped():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)


def test_nauryz_and_its_transfers_are_not_working_days():
    assert not is_working_day(date(2026, 3, 23))
    assert not is_working_day(date(2026, 3, 25))  # observed transfer
    # Received Friday 20 March 2026: 21-25 March are holidays or weekend.
    assert add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)


def test_new_year_crossing():
    # 31 Dec 2026 (Thu) → 1-2 Jan holidays, 3-4 weekend, 7 Jan Orthodox Christmas.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 5)
    assert add_working_days(date(2026, 12, 31), 3) == date(2027, 1, 8)


def test_fifteen_working_days_end_of_local_day():
    due = deadlines_for(
        datetime(2026, 11, 27, 6, 0, tzinfo=UTC),
        ALMATY,
        response_hours=24,
        resolve_working_days=15,
    )
    assert due.response_due_at == datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    # Weekends and 16 Dec (Independence Day) are skipped: the 15th working day is 21 Dec.
    local = due.resolve_due_at.astimezone(ALMATY)
    assert (local.date(), local.hour, local.minute) == (date(2026, 12, 21), 23, 59)


def test_local_day_decides_near_midnight():
    # 20:30 UTC on Friday is already Saturday 01:30 in Astana (UTC+5).
    late = datetime(2026, 11, 27, 20, 30, tzinfo=UTC)
    due = deadlines_for(late, ALMATY, response_hours=24, resolve_working_days=1)
    assert due.resolve_due_at.astimezone(ALMATY).date() == date(2026, 11, 30)
    assert ALMATY.utcoffset(late).total_seconds() == 5 * 3600


def test_extension_options_stop_at_two_months_from_receipt():
    zone = ZoneInfo("Asia/Almaty")
    received = datetime(2026, 12, 31, 10, 0, tzinfo=zone)  # two months on: 28 February
    due = deadlines_for(received, zone, response_hours=24, resolve_working_days=15)
    options = extension_options(received, due.resolve_due_at, zone)
    assert options[-1] == date(2027, 2, 28) == months_after(date(2026, 12, 31), 2)
    current = due.resolve_due_at.date()
    assert options == sorted(options) and all(current < day <= date(2027, 2, 28) for day in options)
    assert add_working_days(current, 5) in options
    # At the ceiling there is nothing left to offer; past it neither.
    assert extension_options(received, end_of_day(date(2027, 2, 28), zone), zone) == []
    assert months_after(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year
