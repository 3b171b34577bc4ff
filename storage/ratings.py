"""Residents' answers to "was your issue solved?": one per closing of a ticket.

The one place ratings are written and read: the change that records one
(storage/changes.py), the card (storage/reads.py) and the digest's counts
all go through these statements.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import to_db_time
from storage.outbox import Clock

# A closing is a `close` event (spam included); the latest one is asked once.
CLOSINGS_SQL = "SELECT COUNT(*) FROM events WHERE ticket_id = :id AND kind = 'close'"
RATED_SQL = f"EXISTS (SELECT 1 FROM ratings WHERE ticket_id = :id AND closing = ({CLOSINGS_SQL}))"  # noqa: S608
_LATEST = "SELECT solved FROM ratings WHERE ticket_id = ? ORDER BY closing DESC LIMIT 1"
_INSERT = (
    "INSERT OR IGNORE INTO ratings (ticket_id, closing, user_id, solved, at) VALUES (?, ?, ?, ?, ?)"
)


async def insert_rating(
    conn: aiosqlite.Connection,
    ticket_id: int,
    closing: int,
    user_id: int,
    solved: bool,
    at: datetime,
) -> bool:
    """Keep the answer inside the caller's transaction; False if this closing has one."""
    cursor = await conn.execute(_INSERT, (ticket_id, closing, user_id, int(solved), to_db_time(at)))
    return cursor.rowcount == 1


async def latest_rating(conn: aiosqlite.Connection, ticket_id: int) -> bool | None:
    """The author's latest answer: solved or not; None if never asked or not answered."""
    rows = await conn.execute_fetchall(_LATEST, (ticket_id,))
    return bool(rows[0][0]) if rows else None


class RatingRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def closings(self, ticket_id: int) -> int:
        """How many times the ticket has been closed: each closing is asked once."""
        async with self._db.read() as conn:
            [(count,)] = await conn.execute_fetchall(CLOSINGS_SQL, {"id": ticket_id})
        return int(count)

    async def record(self, ticket_id: int, closing: int, user_id: int, solved: bool) -> bool:
        """Keep an answer as it stands (an import, a repair); the author's own go
        through the policy: ``TicketRepository.apply(Change.rate …)``."""
        async with self._db.transaction() as conn:
            return await insert_rating(conn, ticket_id, closing, user_id, solved, self._clock())
