"""What the akim's daily digest counts, read from one snapshot of the database.

Every count is over one day's window (or the last fortnight's for the chart)
and each window has its index (migration 3), so a digest over years of tickets
reads about as much as one over a month: the cost follows the day's volume.
The lists (oldest open, overdue, urgent) and the open/overdue counts are the
state at the moment the digest is built, read through the status index,
which holds open tickets near each other.

Runs in a worker thread (see :mod:`storage.snapshot`).
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.models import OPEN_SQL, OVERDUE_SQL, from_db_time, to_db_time
from storage.snapshot import open_snapshot

HISTORY_DAYS = 14
LIST_LIMIT = 10
PROBLEM_LIMIT = 5


@dataclass(frozen=True, slots=True)
class ChatDay:
    new: int = 0
    answered: int = 0  # tickets that received a public answer that day
    closed: int = 0
    open: int = 0  # now
    overdue: int = 0  # now

    def __add__(self, other: ChatDay) -> ChatDay:
        return ChatDay(
            self.new + other.new,
            self.answered + other.answered,
            self.closed + other.closed,
            self.open + other.open,
            self.overdue + other.overdue,
        )


@dataclass(frozen=True, slots=True)
class Listed:
    """A ticket the digest names."""

    code: str
    chat_key: str
    assignee_id: int | None
    created_at: datetime
    resolve_due_at: datetime | None
    urgent: bool
    overdue: bool


@dataclass(frozen=True, slots=True)
class Named:
    """A list cut to its first items, and how many there are in all."""

    items: list[Listed]
    total: int


@dataclass(frozen=True, slots=True)
class ProblemDay:
    """A problem that gathered appeals that day (an outage, usually)."""

    code: str
    title: str
    status: str
    today: int  # appeals of that day
    total: int  # appeals in all


@dataclass(frozen=True, slots=True)
class ModeratorDay:
    answered: int = 0
    closed: int = 0


@dataclass(frozen=True, slots=True)
class DigestData:
    day: date
    start: datetime  # the day's window, UTC
    end: datetime
    at: datetime  # when the state (open, overdue, lists) was read
    chats: dict[str, ChatDay]
    first_response_minutes: list[float]  # of tickets first answered that day, sorted
    response_due: int  # tickets whose first-response deadline fell on that day
    response_in_time: int  # …of which answered by it
    oldest: Named
    overdue: Named
    urgent: Named
    moderators: dict[int, ModeratorDay]
    rated_solved: int
    rated_unsolved: int
    # Posts removed as spam that day, and removed posts restored with "Not spam".
    spam_caught: int = 0
    spam_restored: int = 0
    # Per day of the last fortnight up to ``day``: chat key -> (new, closed).
    history: list[tuple[date, dict[str, tuple[int, int]]]] = field(default_factory=list)
    # What the day's new appeals were about: category code -> count, most first.
    categories: dict[str, int] = field(default_factory=dict)
    # The problems that gathered most of the day's appeals, largest first.
    problems: list[ProblemDay] = field(default_factory=list)

    @property
    def total(self) -> ChatDay:
        return sum(self.chats.values(), ChatDay())

    def response_percentile(self, share: float) -> float | None:
        """Minutes to the first answer within which ``share`` of that day's first
        answers came (nearest rank); None when there were none."""
        values = self.first_response_minutes
        if not values:
            return None
        return values[max(math.ceil(share * len(values)) - 1, 0)]


def day_window(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Local midnight to local midnight, as aware times."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)


def read_digest(
    path: Path | str,
    day: date,
    zone: ZoneInfo,
    now: datetime,
    chat_keys: list[str],
    *,
    end: datetime | None = None,
) -> DigestData:
    """The digest's numbers for the local ``day``; ``end`` cuts the day short
    (the running figures of today, for /stats)."""
    conn, tables = open_snapshot(path)
    try:
        reader = _Reader(conn, "ratings" in tables, zone, chat_keys, "spam_posts" in tables)
        reader.has_problems = "problems" in tables
        return reader.read(day, now, end)
    finally:
        conn.close()


class _Reader:
    def __init__(
        self,
        conn: sqlite3.Connection,
        has_ratings: bool,
        zone: ZoneInfo,
        chat_keys: list[str],
        has_spam: bool = False,
    ) -> None:
        self.conn = conn
        self.has_ratings = has_ratings
        self.has_spam = has_spam
        self.zone = zone
        self.chat_keys = chat_keys
        self.has_problems = False

    def read(self, day: date, now: datetime, end: datetime | None) -> DigestData:
        start, day_end = day_window(day, self.zone)
        end = min(end, day_end) if end else day_end
        window = {"start": to_db_time(start), "end": to_db_time(end), "now": to_db_time(now)}
        counts = {
            key: dict.fromkeys(("new", "answered", "closed", "open", "overdue"), 0)
            for key in self.chat_keys
        }
        for name, sql in _CHAT_COUNTS.items():
            for chat_key, count in self.conn.execute(sql, window):
                if chat_key in counts:
                    counts[chat_key][name] = count
        chats = {key: ChatDay(**values) for key, values in counts.items()}
        minutes = sorted(
            (from_db_time(first) - from_db_time(created)).total_seconds() / 60  # type: ignore[operator]
            for created, first in self.conn.execute(
                "SELECT created_at, first_response_at FROM tickets"
                " WHERE first_response_at >= :start AND first_response_at < :end",
                window,
            )
        )
        [(due, in_time)] = self.conn.execute(
            # In time: answered by the deadline, or closed by it (spam, duplicates).
            "SELECT COUNT(*),"
            " COALESCE(SUM(COALESCE(first_response_at, closed_at) <= response_due_at), 0)"
            " FROM tickets WHERE response_due_at >= :start AND response_due_at < :end",
            window,
        )
        return DigestData(
            day=day,
            start=start,
            end=end,
            at=now,
            chats=chats,
            first_response_minutes=minutes,
            response_due=due,
            response_in_time=in_time,
            oldest=self._listed(f"{OPEN_SQL} ORDER BY created_at, id", window),
            overdue=self._listed(
                f"{OPEN_SQL} AND {OVERDUE_SQL} ORDER BY resolve_due_at, id", window
            ),
            urgent=self._listed(
                f"{OPEN_SQL} AND priority = 'urgent' ORDER BY created_at, id", window
            ),
            moderators=self._moderators(window),
            **self._ratings(window),
            **self._spam(window),
            history=self._history(day),
            categories=dict(
                self.conn.execute(
                    "SELECT COALESCE(category, 'other'), COUNT(*) FROM tickets"
                    " WHERE created_at >= :start AND created_at < :end"
                    " GROUP BY 1 ORDER BY 2 DESC, 1",
                    window,
                )
            ),
            problems=self._problems(window),
        )

    def _problems(self, window: dict[str, str]) -> list[ProblemDay]:
        """The day's largest problems: the day's appeals by problem (the day's range
        of the created_at index), at least two each."""
        if not self.has_problems:
            return []
        return [
            ProblemDay(f"P-{number}", title, status, today, total)
            for number, title, status, today, total in self.conn.execute(
                "SELECT p.number, p.title, p.status, r.today,"  # noqa: S608 - a literal limit
                " (SELECT COUNT(*) FROM tickets WHERE problem_id = p.id)"
                " FROM (SELECT problem_id, COUNT(*) AS today FROM tickets"
                " WHERE created_at >= :start AND created_at < :end AND problem_id IS NOT NULL"
                " GROUP BY problem_id HAVING COUNT(*) >= 2) r"
                " JOIN problems p ON p.id = r.problem_id ORDER BY r.today DESC, p.number"
                f" LIMIT {PROBLEM_LIMIT:d}",
                window,
            )
        ]

    def _listed(self, where: str, window: dict[str, str]) -> Named:
        items = [
            Listed(
                code=code,
                chat_key=chat_key,
                assignee_id=assignee_id,
                created_at=from_db_time(created_at),  # type: ignore[arg-type]
                resolve_due_at=from_db_time(resolve_due_at),
                urgent=priority == "urgent",
                overdue=bool(overdue),
            )
            for code, chat_key, assignee_id, created_at, resolve_due_at, priority, overdue in (
                self.conn.execute(
                    "SELECT code, chat_key, assignee_id, created_at, resolve_due_at, priority,"  # noqa: S608 - literals of this module
                    f" {OVERDUE_SQL} FROM tickets WHERE {where} LIMIT {LIST_LIMIT:d}",
                    window,
                )
            )
        ]
        if len(items) < LIST_LIMIT:
            return Named(items, len(items))
        condition = where.split(" ORDER BY ")[0]
        [(total,)] = self.conn.execute(
            f"SELECT COUNT(*) FROM tickets WHERE {condition}",  # noqa: S608 - literals above
            window,
        )
        return Named(items, total)

    def _moderators(self, window: dict[str, str]) -> dict[int, ModeratorDay]:
        answered: dict[int, int] = defaultdict(int)
        closed: dict[int, int] = defaultdict(int)
        for author_id, count in self.conn.execute(
            "SELECT author_id, COUNT(*) FROM answers WHERE internal = 0"
            " AND created_at >= :start AND created_at < :end GROUP BY author_id",
            window,
        ):
            answered[author_id] = count
        # Who closed: the actor of each closing that day (a reopened and closed
        # again ticket counts once per closing).
        for actor_id, count in self.conn.execute(
            "SELECT e.actor_id, COUNT(*) FROM tickets t JOIN events e ON e.ticket_id = t.id"
            " WHERE t.closed_at >= :start AND t.closed_at < :end AND e.kind = 'close'"
            " AND e.at >= :start AND e.at < :end AND e.actor_id IS NOT NULL"
            " GROUP BY e.actor_id",
            window,
        ):
            closed[actor_id] = count
        return {
            person: ModeratorDay(answered.get(person, 0), closed.get(person, 0))
            for person in sorted(answered.keys() | closed.keys())
        }

    def _ratings(self, window: dict[str, str]) -> dict[str, int]:
        if not self.has_ratings:
            return {"rated_solved": 0, "rated_unsolved": 0}
        [(solved, unsolved)] = self.conn.execute(
            "SELECT COALESCE(SUM(solved), 0), COALESCE(SUM(1 - solved), 0) FROM ratings"
            " WHERE at >= :start AND at < :end",
            window,
        )
        return {"rated_solved": solved, "rated_unsolved": unsolved}

    def _spam(self, window: dict[str, str]) -> dict[str, int]:
        if not self.has_spam:
            return {}
        [(caught, restored)] = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM spam_posts WHERE judged_at >= :start"
            " AND judged_at < :end), (SELECT COUNT(*) FROM spam_posts"
            " WHERE restored_at >= :start AND restored_at < :end)",
            window,
        )
        return {"spam_caught": caught, "spam_restored": restored}

    def _history(self, day: date) -> list[tuple[date, dict[str, tuple[int, int]]]]:
        first = day - timedelta(days=HISTORY_DAYS - 1)
        start, _ = day_window(first, self.zone)
        _, end = day_window(day, self.zone)
        window = {"start": to_db_time(start), "end": to_db_time(end)}
        per_day: dict[date, dict[str, list[int]]] = {
            first + timedelta(days=n): {key: [0, 0] for key in self.chat_keys}
            for n in range(HISTORY_DAYS)
        }
        for column, slot in (("created_at", 0), ("closed_at", 1)):
            # Both columns lead an index with chat_key beside them: no table reads.
            for moment, chat_key in self.conn.execute(
                f"SELECT {column}, chat_key FROM tickets"  # noqa: S608 - two literals
                f" WHERE {column} >= :start AND {column} < :end",
                window,
            ):
                local = from_db_time(moment).astimezone(self.zone).date()  # type: ignore[union-attr]
                if local in per_day and chat_key in per_day[local]:
                    per_day[local][chat_key][slot] += 1
        return [
            (d, {key: (pair[0], pair[1]) for key, pair in chats.items()})
            for d, chats in per_day.items()
        ]


_CHAT_COUNTS = {
    "new": "SELECT chat_key, COUNT(*) FROM tickets"
    " WHERE created_at >= :start AND created_at < :end GROUP BY chat_key",
    "answered": "SELECT t.chat_key, COUNT(DISTINCT a.ticket_id) FROM answers a"
    " JOIN tickets t ON t.id = a.ticket_id WHERE a.internal = 0"
    " AND a.created_at >= :start AND a.created_at < :end GROUP BY t.chat_key",
    "closed": "SELECT chat_key, COUNT(*) FROM tickets"
    " WHERE closed_at >= :start AND closed_at < :end GROUP BY chat_key",
    "open": f"SELECT chat_key, COUNT(*) FROM tickets WHERE {OPEN_SQL} GROUP BY chat_key",  # noqa: S608
    "overdue": f"SELECT chat_key, COUNT(*) FROM tickets WHERE {OPEN_SQL} AND {OVERDUE_SQL}"  # noqa: S608
    " GROUP BY chat_key",
}
