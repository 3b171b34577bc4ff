"""The public roadmap in each resident chat: which message is pinned there, what it
showed and when it was last edited, and which week's summary the chat has had.
Also the week's figures the summary tells."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.models import Outgoing, from_db_time, to_db_time
from storage.outbox import Clock, enqueue_now

# A problem "of a chat": one of its appeals was posted there.
_OF_CHAT = "EXISTS (SELECT 1 FROM tickets t WHERE t.problem_id = {id} AND t.chat_key = :chat)"
_SOLVED = f"""
    SELECT COUNT(*) FROM problems p
     WHERE {_OF_CHAT.format(id="p.id")} AND p.merged_into IS NULL AND (
           EXISTS (SELECT 1 FROM problem_events e WHERE e.problem_id = p.id
                    AND e.kind = 'plan' AND e.at >= :since AND e.at < :until
                    AND json_extract(e.payload, '$.status[1]') = 'done'
                    AND json_extract(e.payload, '$.status[0]') != 'done')
        OR (p.resolution = 'resolved' AND p.closed_at >= :since AND p.closed_at < :until))
"""  # noqa: S608 - fixed fragments
_PLANNED = f"""
    SELECT COUNT(DISTINCT e.problem_id) FROM problem_events e
     WHERE e.kind = 'plan' AND e.at >= :since AND e.at < :until
       AND json_extract(e.payload, '$.status[1]') = 'planned'
       AND json_extract(e.payload, '$.status[0]') != 'planned'
       AND {_OF_CHAT.format(id="e.problem_id")}
"""  # noqa: S608 - fixed fragments
_WAITING = f"""
    SELECT COUNT(*) FROM plans pl JOIN problems p ON p.id = pl.problem_id
     WHERE pl.funding = 'needs_funding' AND pl.status IN ('new', 'planned', 'in_progress')
       AND p.status != 'closed' AND {_OF_CHAT.format(id="p.id")}
"""  # noqa: S608 - fixed fragments


@dataclass(frozen=True, slots=True)
class Shown:
    """What a chat's pinned roadmap shows now."""

    message_id: int | None = None
    digest: str | None = None
    edited_at: datetime | None = None
    summary_week: str | None = None


@dataclass(frozen=True, slots=True)
class WeekFigures:
    solved: int
    planned: int
    waiting: int  # for funding, now


class PublicRoadmapStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def shown(self, chat_id: int) -> Shown:
        def read(conn: sqlite3.Connection) -> Shown:
            row = conn.execute(
                "SELECT message_id, digest, edited_at, summary_week FROM public_roadmaps"
                " WHERE chat_id = ?",
                (chat_id,),
            ).fetchone()
            if row is None:
                return Shown()
            return Shown(row[0], row[1], from_db_time(row[2]), row[3])

        return await self._db.query(read)

    async def record(self, chat_id: int, message_id: int, digest: str) -> None:
        """The chat's roadmap is ``message_id`` and shows ``digest`` as of now."""
        stamp = to_db_time(self._clock())
        await self._db.write(
            lambda conn: conn.execute(
                "INSERT INTO public_roadmaps (chat_id, message_id, digest, edited_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                " message_id = excluded.message_id, digest = excluded.digest,"
                " edited_at = excluded.edited_at",
                (chat_id, message_id, digest, stamp),
            )
        )

    async def week_figures(self, chat_key: str, since: datetime, until: datetime) -> WeekFigures:
        args = {"chat": chat_key, "since": to_db_time(since), "until": to_db_time(until)}

        def read(conn: sqlite3.Connection) -> WeekFigures:
            def one(sql: str) -> int:
                return int(conn.execute(sql, args).fetchone()[0])

            return WeekFigures(one(_SOLVED), one(_PLANNED), one(_WAITING))

        return await self._db.query(read)

    async def summarise(self, chat_id: int, week: str, items: Iterable[Outgoing]) -> bool:
        """Record that the chat has ``week``'s summary and queue it, in one transaction:
        False (nothing queued) if it had it already."""
        outgoing, now = list(items), self._clock()

        def write(conn: sqlite3.Connection) -> bool:
            conn.execute("INSERT OR IGNORE INTO public_roadmaps (chat_id) VALUES (?)", (chat_id,))
            cursor = conn.execute(
                "UPDATE public_roadmaps SET summary_week = ? WHERE chat_id = ?"
                " AND summary_week IS NOT ?",
                (week, chat_id, week),
            )
            if cursor.rowcount != 1:
                return False
            enqueue_now(conn, outgoing, now)
            return True

        sent = await self._db.write(write)
        if sent and self._db.on_queued is not None:
            self._db.on_queued()  # a plain write does not wake the sender itself
        return sent
