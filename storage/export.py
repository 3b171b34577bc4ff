"""Tickets read for export (open data, spreadsheets), streamed from one snapshot.

An export is a batch job that may read a million rows, so it does not use the
bot's shared connection: it opens its own read-only ``sqlite3`` connection and
is meant to run in a worker thread (the CLI, or ``asyncio.to_thread`` in the
bot). It never holds the bot's lock, never blocks the event loop and cannot
write. WAL mode lets it read while the bot writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from storage.models import Priority, Resolution, Status, from_db_time, to_db_time
from storage.snapshot import NoDatabase, open_snapshot

__all__ = ["ExportProblem", "ExportReader", "ExportRow", "NoDatabase", "Period"]

# Where a ratings table may keep the score (1 or 0 for "was it solved?"), and
# what orders a ticket's ratings (the table belongs to the ratings feature; its
# absence means "no ratings yet").
_RATING_COLUMNS = ("score", "rating", "stars", "solved", "value", "grade")
_RATING_ORDER = ("closing", "at", "created_at", "rated_at")
BATCH = 1000
_COLUMNS = (
    "SELECT t.code, t.chat_key, t.status, t.resolution, t.priority, t.text,"
    " t.media_type, t.media_file_id, t.assignee_id, t.created_at, t.updated_at,"
    " t.first_response_at, t.closed_at, t.resolve_due_at,"
    " (SELECT a.text FROM answers a WHERE a.ticket_id = t.id AND a.internal = 0"
    " AND a.text != '' ORDER BY a.id DESC LIMIT 1),"
    " t.category, t.address, t.lat, t.lon"
)

# The appeal's problem, and whether its closing closed the appeal: one transaction
# stamps both with the same time.
_PROBLEM = (
    "p.number, (t.status = 'closed' AND p.status = 'closed' AND t.closed_at = p.closed_at)"
    " FROM tickets t LEFT JOIN problems p ON p.id = t.problem_id"
)


@dataclass(frozen=True, slots=True)
class Period:
    """Which tickets: received in [since, until) (UTC), optionally from one chat."""

    since: datetime | None = None
    until: datetime | None = None
    chat_key: str | None = None


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One ticket as the export shows it: nothing about its author."""

    code: str
    chat_key: str
    status: Status
    resolution: Resolution | None
    priority: Priority
    text: str
    media_type: str | None
    location: tuple[float, float] | None
    assignee_id: int | None
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    resolve_due_at: datetime | None
    last_answer: str | None  # the latest public answer with text; internal notes never
    rating: float | None
    category: str | None = None  # what the appeal is about (bot/reading), as corrected
    address: str | None = None
    problem_code: str | None = None  # the problem it belongs to (P-12)
    closed_with_problem: bool = False  # closed by its problem's closing


@dataclass(frozen=True, slots=True)
class ExportProblem:
    """A problem some exported appeals belong to."""

    code: str
    title: str
    category: str | None
    address: str | None
    residents: int  # distinct residents among all its appeals
    status: Status
    resolution: Resolution | None
    assignee_id: int | None
    created_at: datetime
    closed_at: datetime | None


class ExportReader:
    """A read-only view of the desk's database for one export."""

    def __init__(self, path: Path | str) -> None:
        # One read transaction: the rows and the ratings come from one snapshot.
        self._conn, tables = open_snapshot(path)
        self._rating = _rating_expression(self._conn) if "ratings" in tables else None
        self._problems = "problems" in tables

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ExportReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def rows(self, period: Period) -> Iterator[ExportRow]:
        """The period's tickets in the order they were registered."""
        where, args = _where(period)
        rating = self._rating or "NULL"
        # Fixed text: `where` and `rating` are built here, every value is bound.
        problem = _PROBLEM if self._problems else "NULL, 0 FROM tickets t"
        sql = f"{_COLUMNS}, {rating}, {problem} WHERE {where} ORDER BY t.id"
        cursor = self._conn.execute(sql, args)
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                yield _row(row)

    def problems(self, period: Period) -> list[ExportProblem]:
        """The problems the period's appeals belong to (merged ones are in the
        problem they were merged into), by number."""
        if not self._problems:
            return []
        where, args = _where(period)
        sql = (  # fixed text: `where` is built here, every value is bound
            "SELECT p.number, p.title, p.category, p.address,"  # noqa: S608
            " (SELECT COUNT(DISTINCT author_id) FROM tickets WHERE problem_id = p.id),"
            " p.status, p.resolution, p.assignee_id, p.created_at, p.closed_at FROM problems p"
            " WHERE p.merged_into IS NULL AND p.id IN (SELECT t.problem_id FROM tickets t"
            f" WHERE {where} AND t.problem_id IS NOT NULL) ORDER BY p.number"
        )
        return [
            ExportProblem(
                f"P-{row[0]}",
                *row[1:5],
                Status(row[5]),
                Resolution(row[6]) if row[6] else None,
                row[7],
                from_db_time(row[8]),  # type: ignore[arg-type]
                from_db_time(row[9]),
            )
            for row in self._conn.execute(sql, args)
        ]


def _where(period: Period) -> tuple[str, list[object]]:
    clauses, args = ["1"], []
    if period.since is not None:
        clauses.append("t.created_at >= ?")
        args.append(to_db_time(period.since))
    if period.until is not None:
        clauses.append("t.created_at < ?")
        args.append(to_db_time(period.until))
    if period.chat_key is not None:
        clauses.append("t.chat_key = ?")
        args.append(period.chat_key)
    return " AND ".join(clauses), args


def _rating_expression(conn: sqlite3.Connection) -> str | None:
    """The SQL for a ticket's latest rating, if the ratings table has one we can read."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(ratings)")]
    score = next((name for name in _RATING_COLUMNS if name in columns), None)
    if "ticket_id" not in columns or score is None:
        return None
    latest = next((name for name in _RATING_ORDER if name in columns), None)
    if latest is None:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ratings'").fetchone()
        latest = None if "WITHOUT ROWID" in (sql or "").upper() else "rowid"
    order = f" ORDER BY r.{latest} DESC" if latest else ""
    # The names are from _RATING_COLUMNS and _RATING_ORDER, never text from the file.
    return f"(SELECT r.{score} FROM ratings r WHERE r.ticket_id = t.id{order} LIMIT 1)"  # noqa: S608


def _location(media_type: str | None, value: str | None) -> tuple[float, float] | None:
    # Intake keeps a location post's coordinates as "lat,lon" in media_file_id.
    if media_type != "location" or not value:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        return None
    return lat, lon


def _row(row: tuple) -> ExportRow:  # type: ignore[type-arg]
    rating = row[19]
    # Coordinates read at intake; a location post of older versions keeps them in the file id.
    located = (row[17], row[18]) if row[17] is not None and row[18] is not None else None
    return ExportRow(
        code=row[0],
        chat_key=row[1],
        status=Status(row[2]),
        resolution=Resolution(row[3]) if row[3] else None,
        priority=Priority(row[4]),
        text=row[5],
        media_type=row[6],
        location=located or _location(row[6], row[7]),
        assignee_id=row[8],
        created_at=datetime.fromisoformat(row[9]),
        updated_at=datetime.fromisoformat(row[10]),
        first_response_at=from_db_time(row[11]),
        closed_at=from_db_time(row[12]),
        resolve_due_at=from_db_time(row[13]),
        last_answer=row[14],
        rating=float(rating) if isinstance(rating, int | float) else None,
        category=row[15],
        address=row[16],
        problem_code=f"P-{row[20]}" if row[20] is not None else None,
        closed_with_problem=bool(row[21]),
    )
