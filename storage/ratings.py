"""Residents' answers to "was your issue solved?": one per closing of a ticket."""

from __future__ import annotations

from storage.db import Database
from storage.models import to_db_time
from storage.outbox import Clock


class RatingRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def closings(self, ticket_id: int) -> int:
        """How many times the ticket has been closed: each closing is asked once."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT COUNT(*) FROM events WHERE ticket_id = ? AND kind = 'close'",
                (ticket_id,),
            ) as cur:
                (count,) = await cur.fetchone()
        return int(count)

    async def record(self, ticket_id: int, closing: int, user_id: int, solved: bool) -> bool:
        """Keep the answer; False if this closing was answered already."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO ratings (ticket_id, closing, user_id, solved, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (ticket_id, closing, user_id, int(solved), to_db_time(self._clock())),
            )
            return cursor.rowcount == 1

    async def latest(self, ticket_id: int) -> bool | None:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT solved FROM ratings WHERE ticket_id = ? ORDER BY closing DESC LIMIT 1",
                (ticket_id,),
            ) as cur:
                row = await cur.fetchone()
        return None if row is None else bool(row[0])
