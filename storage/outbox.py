"""The outbox: every Telegram call that must not be lost, written in the same
transaction as the change that caused it and sent later by the delivery worker."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import OutboxRow, Outgoing, from_db_time, to_db_time

Clock = Callable[[], datetime]


async def enqueue(conn: aiosqlite.Connection, items: Iterable[Outgoing], now: datetime) -> int:
    """Queue ``items`` inside the caller's transaction; return how many were queued.

    A card refresh is queued only when one is pending for that ticket and not
    yet claimed by the worker: the card is rendered after the claim, so that
    refresh will show this change too. Once claimed, the render may already
    have happened, and the change needs a refresh of its own.
    """
    stamp = to_db_time(now)
    queued = 0
    for item in items:
        if item.kind == "card" and await conn.execute_fetchall(
            "SELECT 1 FROM outbox WHERE kind = 'card' AND ticket_id = ?"
            " AND status = 'pending' AND claimed_at IS NULL",
            (item.ticket_id,),
        ):
            continue
        payload = {"method": item.method, "params": item.params} if item.kind == "send" else {}
        await conn.execute(
            "INSERT INTO outbox (ticket_id, kind, role, answer_id, chat_id, payload,"
            " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.ticket_id,
                item.kind,
                item.role,
                item.answer_id,
                item.chat_id,
                json.dumps(payload, ensure_ascii=False),
                stamp,
                stamp,
            ),
        )
        queued += 1
    return queued


@dataclass(frozen=True, slots=True)
class OutboxStats:
    pending: int
    failed: int
    sent: int
    oldest_pending_at: datetime | None


class OutboxRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def due(self, limit: int = 100) -> list[OutboxRow]:
        """The first pending row of every chat whose turn has come, oldest first.

        Only each chat's head row is offered: a chat's messages go out in the
        order they were queued, and a chat that is waiting (429, back-off)
        holds back only its own queue.
        """
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """
                SELECT o.* FROM outbox o
                JOIN (SELECT chat_id, MIN(id) AS id FROM outbox
                      WHERE status = 'pending' GROUP BY chat_id) head ON head.id = o.id
                WHERE o.next_attempt_at <= ?
                ORDER BY o.id LIMIT ?
                """,
                (to_db_time(self._clock()), limit),
            )
        return [OutboxRow.from_row(row) for row in rows]

    async def next_attempt_at(self) -> datetime | None:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'"
            ) as cur:
                row = await cur.fetchone()
        return from_db_time(row[0])

    async def claim(self, row: OutboxRow) -> None:
        """The worker starts on ``row``: later changes must not count on it."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET claimed_at = ? WHERE id = ?",
                (to_db_time(self._clock()), row.id),
            )

    async def release_claims(self) -> int:
        """At start: rows a previous process claimed but never finished are plain pending."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE outbox SET claimed_at = NULL"
                " WHERE status = 'pending' AND claimed_at IS NOT NULL"
            )
            return cursor.rowcount

    async def mark_sent(
        self,
        row: OutboxRow,
        message_id: int | None,
        *,
        posted: bool = True,
        card_digest: str | None = None,
    ) -> None:
        """Record delivery, and what a newly posted message is to its ticket.

        A card that was only edited changes nothing about the ticket: meanwhile
        ``/ticket`` may have asked for a new card, which this must not undo.
        """
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?,"
                " attempts = attempts + 1, last_error = NULL WHERE id = ?",
                (message_id, to_db_time(self._clock()), row.id),
            )
            if card_digest is not None and message_id is not None:
                await conn.execute(
                    "UPDATE tickets SET card_digest = ? WHERE id = ? AND card_message_id = ?",
                    (card_digest, row.ticket_id, message_id),
                )
            if message_id is None or row.ticket_id is None or not posted:
                return
            role = "card" if row.kind == "card" else row.role
            if role is None:
                return
            await conn.execute(
                "INSERT OR REPLACE INTO ticket_messages (chat_id, message_id, ticket_id, role)"
                " VALUES (?, ?, ?, ?)",
                (row.chat_id, message_id, row.ticket_id, role),
            )
            if role == "card":
                await conn.execute(
                    "UPDATE tickets SET card_chat_id = ?, card_message_id = ?, card_digest = ?"
                    " WHERE id = ?",
                    (row.chat_id, message_id, card_digest, row.ticket_id),
                )
            elif role == "ack":
                await conn.execute(
                    "UPDATE tickets SET ack_message_id = ? WHERE id = ?",
                    (message_id, row.ticket_id),
                )
            elif role in ("answer", "answer_private") and row.answer_id is not None:
                column = "chat_message_id" if role == "answer" else "private_message_id"
                await conn.execute(
                    f"UPDATE answers SET {column} = ? WHERE id = ?",  # noqa: S608 - fixed names
                    (message_id, row.answer_id),
                )

    async def retry_later(self, row: OutboxRow, at: datetime, error: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                " claimed_at = NULL WHERE id = ?",
                (to_db_time(at), error[:500], row.id),
            )

    async def hold_chat(self, chat_id: int, until: datetime) -> None:
        """Delay every pending row of a chat (Telegram asked us to wait)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET next_attempt_at = MAX(next_attempt_at, ?)"
                " WHERE chat_id = ? AND status = 'pending'",
                (to_db_time(until), chat_id),
            )

    async def mark_failed(self, row: OutboxRow, error: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?"
                " WHERE id = ?",
                (error[:500], row.id),
            )

    async def stats(self) -> OutboxStats:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT"
                " COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'failed'), 0),"
                " COALESCE(SUM(status = 'sent'), 0),"
                " MIN(CASE WHEN status = 'pending' THEN created_at END) FROM outbox"
            ) as cur:
                pending, failed, sent, oldest = await cur.fetchone()
        return OutboxStats(pending, failed, sent, from_db_time(oldest))
