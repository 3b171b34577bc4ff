"""Outages: open problems whose appeals come fast. The akim is told of each
once per window, and the telling is a ``problem_events`` row written in the
same transaction as the alert's outbox rows, so a restart neither repeats nor
loses it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.models import Outgoing, to_db_time
from storage.outbox import enqueue_now

Clock = Callable[[], datetime]
ALERT = "outage_alert"

# The window's appeals by problem: a range of the created_at index (only the last
# window's tickets are read, however long the history).
_SURGES = """
    SELECT p.id, p.number, p.title, p.category, p.address, p.card_chat_id, p.card_message_id,
           r.recent
    FROM (
        SELECT problem_id, COUNT(*) AS recent FROM tickets
        WHERE created_at >= ? AND problem_id IS NOT NULL
        GROUP BY problem_id HAVING COUNT(*) >= ?
    ) r JOIN problems p ON p.id = r.problem_id
    WHERE p.status != 'closed' AND p.merged_into IS NULL
      AND NOT EXISTS (
          SELECT 1 FROM problem_events e
          WHERE e.problem_id = p.id AND e.kind = 'outage_alert' AND e.at >= ?
      )
    ORDER BY p.id
"""


@dataclass(frozen=True, slots=True)
class Surge:
    """An open problem that gained many appeals within the window."""

    problem_id: int
    code: str
    title: str
    category: str | None
    address: str | None
    card_chat_id: int | None
    card_message_id: int | None
    recent: int  # appeals within the window
    residents: int  # distinct residents in all


class OutageRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def surges(self, window: timedelta, least: int) -> list[Surge]:
        """Open problems with at least ``least`` appeals created within ``window``
        whose heads have not been told of them within it."""
        since = to_db_time(self._clock() - window)

        def read(conn: sqlite3.Connection) -> list[Surge]:
            found = []
            for row in conn.execute(_SURGES, (since, least, since)).fetchall():
                residents = conn.execute(
                    "SELECT COUNT(DISTINCT author_id) FROM tickets WHERE problem_id = ?",
                    (row[0],),
                ).fetchone()[0]
                found.append(Surge(row[0], f"P-{row[1]}", *row[2:], residents))
            return found

        return await self._db.query(read)

    async def alert(self, surge: Surge, window: timedelta, items: Sequence[Outgoing]) -> bool:
        """Record that the heads are told of ``surge`` and queue ``items`` (one
        transaction); False if they were told within ``window`` meanwhile."""
        now = self._clock()
        since = to_db_time(now - window)

        def write(conn: sqlite3.Connection) -> bool:
            told = conn.execute(
                "SELECT 1 FROM problem_events WHERE problem_id = ? AND kind = ? AND at >= ?",
                (surge.problem_id, ALERT, since),
            ).fetchone()
            if told is not None:
                return False
            conn.execute(
                "INSERT INTO problem_events (problem_id, at, actor_id, kind, payload)"
                " VALUES (?, ?, NULL, ?, ?)",
                (
                    surge.problem_id,
                    to_db_time(now),
                    ALERT,
                    json.dumps({"appeals": surge.recent, "minutes": window.total_seconds() // 60}),
                ),
            )
            enqueue_now(conn, items, now)
            return True

        queued = await self._db.write(write)
        return queued
