"""Acknowledgements sent together: when a resident chat's queue grows, one
message acknowledges several posts. Each ticket still records which message
acknowledged it (``tickets.ack_message_id``); the message is shared, so it is
not linked to any one ticket in ``ticket_messages``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.models import OutboxRow, to_db_time

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class AckLine:
    """What one line of a shared acknowledgement names."""

    ticket_id: int
    code: str
    author_id: int
    author_name: str
    problem_code: str | None


class AckRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def lines(self, ticket_ids: Sequence[int]) -> dict[int, AckLine]:
        """The tickets a shared acknowledgement names, by id (gone ones left out)."""
        if not ticket_ids:
            return {}
        marks = ",".join("?" * len(ticket_ids))
        query = (
            "SELECT t.id, t.code, t.author_id, t.author_name, p.number"  # noqa: S608
            " FROM tickets t LEFT JOIN problems p ON p.id = t.problem_id"
            f" WHERE t.id IN ({marks})"
        )
        rows = await self._db.query(lambda conn: conn.execute(query, list(ticket_ids)).fetchall())
        return {
            row[0]: AckLine(row[0], row[1], row[2], row[3], f"P-{row[4]}" if row[4] else None)
            for row in rows
        }

    async def mark_sent(self, rows: Sequence[OutboxRow], message_id: int) -> None:
        """Every row went out as ``message_id``: recorded in one transaction."""
        stamp = to_db_time(self._clock())

        n = len(rows)

        def record(conn: sqlite3.Connection) -> None:
            for row in rows:
                conn.execute(
                    "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?,"
                    " attempts = attempts + 1, last_error = NULL WHERE id = ?",
                    (message_id, stamp, row.id),
                )
                conn.execute(
                    "UPDATE tickets SET ack_message_id = ? WHERE id = ?",
                    (message_id, row.ticket_id),
                )
                conn.execute(
                    "INSERT INTO events (ticket_id, at, actor_id, kind, payload)"
                    " VALUES (?, ?, NULL, 'acknowledged_together', ?)",
                    (row.ticket_id, stamp, json.dumps({"message_id": message_id, "with": n})),
                )

        await self._db.write(record)

    async def acknowledged_by(
        self, chat_id: int, message_id: int, codes: Sequence[str]
    ) -> list[tuple[int, int]]:
        """(ticket id, author id) of the tickets among ``codes`` that the message
        ``message_id`` in ``chat_id`` acknowledged (looked up by code: indexed)."""
        return await self._named(chat_id, codes, " AND ack_message_id = ?", message_id)

    async def named_in(self, chat_id: int, codes: Sequence[str]) -> list[tuple[int, int]]:
        """(ticket id, author id) of the tickets of ``chat_id`` among ``codes``, whichever
        message recorded their acknowledgement: for a copy that went out unheard."""
        return await self._named(chat_id, codes, "")

    async def _named(
        self, chat_id: int, codes: Sequence[str], also: str, *more: object
    ) -> list[tuple[int, int]]:
        if not codes:
            return []
        marks = ",".join("?" * len(codes))
        query = (
            "SELECT id, author_id FROM tickets WHERE code IN"  # noqa: S608
            f" ({marks}) AND source_chat_id = ?{also}"
        )
        args = [*codes, chat_id, *more]
        rows = await self._db.query(lambda conn: conn.execute(query, args).fetchall())
        return [(row[0], row[1]) for row in rows]
