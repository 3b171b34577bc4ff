"""People who started the bot privately: the only ones it may write to first."""

from __future__ import annotations

from storage.db import Database
from storage.models import to_db_time
from storage.outbox import Clock


class ResidentRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def started(self, user_id: int, language: str | None) -> None:
        """The user opened the private chat (``/start``): they can be written to again."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO residents (user_id, language, started_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET started_at = excluded.started_at,"
                " blocked_at = NULL, language = COALESCE(residents.language, excluded.language)",
                (user_id, language, to_db_time(self._clock())),
            )

    async def set_language(self, user_id: int, language: str) -> None:
        """The resident's own choice, which wins over their Telegram app's language."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO residents (user_id, language) VALUES (?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language",
                (user_id, language),
            )

    async def blocked(self, user_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE residents SET blocked_at = ? WHERE user_id = ?",
                (to_db_time(self._clock()), user_id),
            )

    async def reachable(self, user_id: int) -> bool:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT 1 FROM residents WHERE user_id = ? AND started_at IS NOT NULL"
                " AND blocked_at IS NULL",
                (user_id,),
            ) as cur:
                return await cur.fetchone() is not None

    async def language(self, user_id: int) -> str | None:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT language FROM residents WHERE user_id = ?", (user_id,)
            ) as cur:
                row = await cur.fetchone()
        return row[0] if row else None
