"""The outbox: every Telegram call that must not be lost, written in the same
transaction as the change that caused it and sent later by the delivery worker."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database, mark_queued, on_its_thread
from storage.fair_queue import next_rows
from storage.models import OutboxRow, Outgoing, from_db_time, to_db_time

Clock = Callable[[], datetime]


async def enqueue(conn: aiosqlite.Connection, items: Iterable[Outgoing], now: datetime) -> int:
    """Queue ``items`` inside the caller's transaction; return how many were queued.

    A card refresh is queued only when one is pending for that ticket and not
    yet claimed by the worker: the card is rendered after the claim, so that
    refresh will show this change too. Once claimed, the render may already
    have happened, and the change needs a refresh of its own.
    """
    items = list(items)
    if not items:
        return 0
    mark_queued()
    # One round trip to the database thread for all of them.
    return await on_its_thread(conn, enqueue_now, items, now)


def enqueue_now(
    conn: sqlite3.Connection, items: Iterable[Outgoing], now: datetime, *, new_ticket: bool = False
) -> int:
    """:func:`enqueue` for a plain sqlite3 connection, on the database's thread.

    A card refresh of an appeal in a problem refreshes the problem's card, and
    the appeal's own card only if it has one (an appeal attached at once never
    had one: the problem's card stands for it in the staff chat).

    ``new_ticket``: the items are a ticket's first, so no card of it can be
    pending.
    """
    stamp = to_db_time(now)
    queued = 0
    cards: set[tuple[str, int | None]] = set()
    for item in _cards_resolved(conn, items):
        if item.kind == "card":
            key = ("problem", item.problem_id) if item.problem_id else ("ticket", item.ticket_id)
            if key in cards:
                continue
            cards.add(key)
            if (not new_ticket or item.problem_id) and _card_pending(conn, item):
                continue
        payload = {"method": item.method, "params": item.params} if item.kind == "send" else {}
        conn.execute(
            "INSERT INTO outbox (ticket_id, problem_id, kind, role, answer_id, chat_id, payload,"
            " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.ticket_id,
                item.problem_id,
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


def _cards_resolved(conn: sqlite3.Connection, items: Iterable[Outgoing]) -> Iterable[Outgoing]:
    """Each item, a ticket's card turned into its problem's card where it belongs to one."""
    for item in items:
        if item.kind != "card" or item.ticket_id is None:
            yield item
            continue
        row = conn.execute(
            "SELECT problem_id, card_message_id FROM tickets WHERE id = ?", (item.ticket_id,)
        ).fetchone()
        if row is None or row[0] is None:
            yield item
            continue
        if row[1] is not None or item.role == "repost":
            yield item
        yield Outgoing.problem_card(row[0], item.chat_id)


def _card_pending(conn: sqlite3.Connection, item: Outgoing) -> bool:
    """A refresh of the same card is queued and not yet claimed by the worker."""
    if item.problem_id:
        query = (
            "SELECT 1 FROM outbox WHERE kind = 'card' AND problem_id = ?"
            " AND status = 'pending' AND claimed_at IS NULL"
        )
        return conn.execute(query, (item.problem_id,)).fetchone() is not None
    query = (
        "SELECT 1 FROM outbox WHERE kind = 'card' AND ticket_id = ?"
        " AND status = 'pending' AND claimed_at IS NULL"
    )
    return conn.execute(query, (item.ticket_id,)).fetchone() is not None


# The first pending row of every chat whose turn has come, oldest first. The chats
# with pending rows are found by skipping through the pending index from one to
# the next, and each one's head with a MIN() on it: a few index seeks however
# long the queues are (grouping all the pending rows took a scan of them all).
_HEADS = """
    WITH RECURSIVE chats (chat_id) AS (
        SELECT MIN(chat_id) FROM outbox WHERE status = 'pending'
        UNION ALL
        SELECT (
            SELECT MIN(chat_id) FROM outbox WHERE status = 'pending' AND chat_id > chats.chat_id
        ) FROM chats WHERE chat_id IS NOT NULL
    )
    SELECT o.* FROM chats
    JOIN outbox o ON o.id = (
        SELECT MIN(id) FROM outbox WHERE status = 'pending' AND chat_id = chats.chat_id
    )
    WHERE o.next_attempt_at <= ?
    ORDER BY o.id LIMIT ?
"""


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
        self._unrecorded: list[_Delivered] = []
        self._recording = asyncio.Lock()

    async def queue(self, items: Iterable[Outgoing]) -> int:
        """Queue messages that belong to no change of a ticket (a digest asked for)."""
        async with self._db.transaction() as conn:
            return await enqueue(conn, items, self._clock())

    async def due_by_chat(self, per_chat: int, limit: int = 100) -> list[list[OutboxRow]]:
        """Up to ``per_chat`` due rows of each chat whose head row is due, in the
        order they are to be sent (see :mod:`storage.fair_queue`), in one round
        trip to the database. A chat that is waiting (429, back-off) holds back
        only its own queue."""
        now = to_db_time(self._clock())

        def read(conn: sqlite3.Connection) -> list[list[sqlite3.Row]]:
            return [
                next_rows(conn, head["chat_id"], head["id"], now, per_chat)
                for head in conn.execute(_HEADS, (now, limit)).fetchall()
            ]

        runs = await self._db.query(read)
        return [[OutboxRow.from_row(row) for row in run] for run in runs if run]

    async def next_attempt_at(self) -> datetime | None:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'"
            ) as cur:
                row = await cur.fetchone()
        return from_db_time(row[0])

    async def claim_many(self, rows: list[OutboxRow]) -> None:
        """The worker starts on all of ``rows`` (one transaction)."""
        if not rows:
            return
        stamp = to_db_time(self._clock())
        ids = [(stamp, row.id) for row in rows]
        await self._db.write(
            lambda conn: conn.executemany("UPDATE outbox SET claimed_at = ? WHERE id = ?", ids)
        )

    async def unclaim(self, rows: list[OutboxRow]) -> None:
        """The worker did not get to ``rows`` after all (nothing of them was sent)."""
        if rows:
            ids = [(row.id,) for row in rows]
            await self._db.write(
                lambda conn: conn.executemany(
                    "UPDATE outbox SET claimed_at = NULL WHERE id = ? AND status = 'pending'", ids
                )
            )

    async def release_claims(self) -> int:
        """At start: rows a previous process claimed but never finished are plain pending."""
        return await self._db.write(
            lambda conn: (
                conn.execute(
                    "UPDATE outbox SET claimed_at = NULL"
                    " WHERE status = 'pending' AND claimed_at IS NOT NULL"
                ).rowcount
            )
        )

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

        Returns once it is committed. Deliveries that finish while another is
        being recorded are recorded together after it, in one transaction.
        """
        entry = _Delivered(row, message_id, posted, card_digest, to_db_time(self._clock()))
        self._unrecorded.append(entry)
        async with self._recording:
            if not entry.done:
                batch, self._unrecorded = self._unrecorded, []
                try:
                    await self._record(batch)
                finally:
                    for other in batch:
                        if not other.done:  # the write was interrupted: the callers retry
                            other.error = RuntimeError("recording the delivery was interrupted")
                            other.done = True
        if entry.error is not None:
            raise entry.error

    async def _record(self, batch: list[_Delivered]) -> None:
        if len(batch) > 1:
            try:
                await self._db.write(lambda conn: [_record_sent(conn, each) for each in batch])
            except Exception:  # noqa: S110 - each is tried alone below
                pass  # one row that cannot be recorded must not hold back the others
            else:
                for each in batch:
                    each.done = True
                return
        for each in batch:
            try:
                await self._db.write(lambda conn, each=each: _record_sent(conn, each))
            except Exception as exc:
                each.error = exc
            each.done = True

    async def retry_later(self, row: OutboxRow, at: datetime, error: str) -> None:
        await self._db.write(
            lambda conn: conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                " claimed_at = NULL WHERE id = ?",
                (to_db_time(at), error[:500], row.id),
            )
        )

    async def hold_chat(self, chat_id: int, until: datetime) -> None:
        """Delay every pending row of a chat (Telegram asked us to wait)."""
        await self._db.write(
            lambda conn: conn.execute(
                "UPDATE outbox SET next_attempt_at = MAX(next_attempt_at, ?)"
                " WHERE chat_id = ? AND status = 'pending'",
                (to_db_time(until), chat_id),
            )
        )

    async def release_chat(self, chat_id: int) -> int:
        """Every pending row of a chat is due now (the chat is back); how many."""
        now = to_db_time(self._clock())
        return await self._db.write(
            lambda conn: (
                conn.execute(
                    "UPDATE outbox SET next_attempt_at = MIN(next_attempt_at, ?)"
                    " WHERE chat_id = ? AND status = 'pending'",
                    (now, chat_id),
                ).rowcount
            )
        )

    async def mark_failed(self, row: OutboxRow, error: str) -> None:
        await self._db.write(
            lambda conn: conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?"
                " WHERE id = ?",
                (error[:500], row.id),
            )
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


@dataclass(slots=True)
class _Delivered:
    """A sent row waiting to be recorded (see :meth:`OutboxRepository.mark_sent`)."""

    row: OutboxRow
    message_id: int | None
    posted: bool
    card_digest: str | None
    sent_at: str
    done: bool = False
    error: BaseException | None = None


def _record_sent(conn: sqlite3.Connection, sent: _Delivered) -> None:
    row, message_id, card_digest = sent.row, sent.message_id, sent.card_digest
    conn.execute(
        "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?,"
        " attempts = attempts + 1, last_error = NULL WHERE id = ?",
        (message_id, sent.sent_at, row.id),
    )
    if row.problem_id is not None:
        _record_problem_card(conn, sent)
        return
    if card_digest is not None and message_id is not None:
        conn.execute(
            "UPDATE tickets SET card_digest = ? WHERE id = ? AND card_message_id = ?",
            (card_digest, row.ticket_id, message_id),
        )
    if message_id is None or row.ticket_id is None or not sent.posted:
        return
    role = "card" if row.kind == "card" else row.role
    if role is None:
        return
    conn.execute(
        "INSERT OR REPLACE INTO ticket_messages (chat_id, message_id, ticket_id, role)"
        " VALUES (?, ?, ?, ?)",
        (row.chat_id, message_id, row.ticket_id, role),
    )
    if role == "card":
        conn.execute(
            "UPDATE tickets SET card_chat_id = ?, card_message_id = ?, card_digest = ?"
            " WHERE id = ?",
            (row.chat_id, message_id, card_digest, row.ticket_id),
        )
    elif role == "ack":
        conn.execute(
            "UPDATE tickets SET ack_message_id = ? WHERE id = ?",
            (message_id, row.ticket_id),
        )
    elif role in ("answer", "answer_private") and row.answer_id is not None:
        column = "chat_message_id" if role == "answer" else "private_message_id"
        conn.execute(
            f"UPDATE answers SET {column} = ? WHERE id = ?",  # noqa: S608 - fixed names
            (message_id, row.answer_id),
        )


def _record_problem_card(conn: sqlite3.Connection, sent: _Delivered) -> None:
    """A problem's card was edited (its digest) or posted (the message that is its card)."""
    row, message_id, digest = sent.row, sent.message_id, sent.card_digest
    if message_id is None:
        return
    if not sent.posted:
        conn.execute(
            "UPDATE problems SET card_digest = ? WHERE id = ? AND card_message_id = ?",
            (digest, row.problem_id, message_id),
        )
        return
    conn.execute(
        "UPDATE problems SET card_chat_id = ?, card_message_id = ?, card_digest = ? WHERE id = ?",
        (row.chat_id, message_id, digest, row.problem_id),
    )
    conn.execute(
        "INSERT OR REPLACE INTO problem_messages (chat_id, message_id, problem_id, role)"
        " VALUES (?, ?, ?, 'card')",
        (row.chat_id, message_id, row.problem_id),
    )
