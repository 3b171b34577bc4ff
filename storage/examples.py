"""The labelled examples moderators' corrections make, and the models learnt
from them (bot/reading/learning.py reads and writes through this)."""

from __future__ import annotations

from collections.abc import Sequence

from storage.db import Database
from storage.models import to_db_time
from storage.outbox import Clock


class ExampleRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def examples(self, kind: str) -> Sequence[tuple[str, str]]:
        """(text, label) of this kind, oldest first; a ticket corrected twice
        counts with its latest label only."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT text, label FROM examples WHERE id IN ("
                " SELECT MAX(id) FROM examples WHERE kind = ?"
                " GROUP BY COALESCE(ticket_id, -id)) ORDER BY id",
                (kind,),
            )
        return [(text, label) for text, label in rows]

    async def load_model(self, name: str) -> bytes | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall("SELECT data FROM models WHERE name = ?", (name,))
        return bytes(rows[0][0]) if rows else None

    async def save_model(self, name: str, data: bytes, examples: int = 0) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO models (name, data, examples, trained_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET data = excluded.data,"
                " examples = excluded.examples, trained_at = excluded.trained_at",
                (name, data, examples, to_db_time(self._clock())),
            )
