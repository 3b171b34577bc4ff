"""Tickets: creation with per-chat codes, follow-ups, edits, and their audit log.

Every change is one transaction that writes the ticket, its event and the
outgoing messages the change needs (see :mod:`storage.outbox`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Database
from storage.models import Draft, Event, Outgoing, Ticket, to_db_time
from storage.outbox import Clock, enqueue

Deliver = Callable[[Ticket], Iterable[Outgoing]]


def _nothing(_: Ticket) -> Iterable[Outgoing]:
    return ()


@dataclass(frozen=True, slots=True)
class Created:
    ticket: Ticket
    created: bool  # False: this post already had its ticket (a re-delivered update)


@dataclass(frozen=True, slots=True)
class MessageLink:
    ticket: Ticket
    role: str  # source, ack, followup, card, answer, prompt


class TicketRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # ---- reads -------------------------------------------------------------

    async def get(self, ticket_id: int) -> Ticket | None:
        async with self._db.read() as conn:
            return await _ticket(conn, "id = ?", ticket_id)

    async def by_code(self, code: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await _ticket(conn, "code = ?", code.strip().upper())

    async def by_message(self, chat_id: int, message_id: int) -> MessageLink | None:
        """The ticket a message in a chat belongs to (its post, ack, card, answer…)."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT t.*, m.role AS _role FROM ticket_messages m"
                " JOIN tickets t ON t.id = m.ticket_id"
                " WHERE m.chat_id = ? AND m.message_id = ?",
                (chat_id, message_id),
            ) as cur:
                row = await cur.fetchone()
        if row is None:
            return None
        data = dict(row)
        role = data.pop("_role")
        return MessageLink(Ticket.from_row(data), role)

    async def events(self, ticket_id: int) -> list[Event]:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM events WHERE ticket_id = ? ORDER BY id", (ticket_id,)
            ) as cur:
                return [Event.from_row(row) for row in await cur.fetchall()]

    async def last_event(self, ticket_id: int, kind: str) -> Event | None:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM events WHERE ticket_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                (ticket_id, kind),
            ) as cur:
                row = await cur.fetchone()
        return Event.from_row(row) if row else None

    async def count_by_status(self) -> dict[str, int]:
        async with self._db.read() as conn:
            async with conn.execute("SELECT status, COUNT(*) FROM tickets GROUP BY status") as cur:
                return {status: count for status, count in await cur.fetchall()}

    # ---- writes ------------------------------------------------------------

    async def create(self, draft: Draft, deliver: Deliver = _nothing) -> Created:
        """Make the ticket for a post, once: a post that has one gets it back."""
        async with self._db.transaction() as conn:
            existing = await _ticket(
                conn,
                "source_chat_id = ? AND source_message_id = ?",
                draft.source_chat_id,
                draft.source_message_id,
            )
            if existing is not None:
                return Created(existing, created=False)
            async with conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE chat_key = ?",
                (draft.chat_key,),
            ) as cur:
                (number,) = await cur.fetchone()
            created = to_db_time(draft.created_at)
            now = self._clock()
            cursor = await conn.execute(
                """
                INSERT INTO tickets (code, chat_key, number, source_chat_id, source_message_id,
                    source_thread_id, author_id, author_name, author_username, author_language,
                    text, media_type, media_file_id, created_at, updated_at,
                    response_due_at, resolve_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    f"{draft.prefix}-{number}",
                    draft.chat_key,
                    number,
                    draft.source_chat_id,
                    draft.source_message_id,
                    draft.source_thread_id,
                    draft.author_id,
                    draft.author_name,
                    draft.author_username,
                    draft.author_language,
                    draft.text,
                    draft.media_type,
                    draft.media_file_id,
                    created,
                    to_db_time(now),
                    _maybe_time(draft.response_due_at),
                    _maybe_time(draft.resolve_due_at),
                ),
            )
            ticket_id = cursor.lastrowid
            await _link(conn, draft.source_chat_id, draft.source_message_id, ticket_id, "source")
            await _event(conn, ticket_id, now, draft.author_id, "created", {})
            ticket = await _ticket(conn, "id = ?", ticket_id)
            assert ticket is not None
            await enqueue(conn, deliver(ticket), now)
            return Created(ticket, created=True)

    async def add_followup(
        self,
        ticket_id: int,
        *,
        chat_id: int,
        message_id: int,
        author_id: int,
        author_name: str,
        text: str,
        media_type: str | None,
        deliver: Deliver = _nothing,
    ) -> bool:
        """Attach a resident's reply to a ticket; False if it was attached already."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT 1 FROM ticket_messages WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            ) as cur:
                if await cur.fetchone():
                    return False
            now = self._clock()
            await _link(conn, chat_id, message_id, ticket_id, "followup")
            await conn.execute(
                "UPDATE tickets SET followups = followups + 1, updated_at = ? WHERE id = ?",
                (to_db_time(now), ticket_id),
            )
            await _event(
                conn,
                ticket_id,
                now,
                author_id,
                "followup",
                {
                    "message_id": message_id,
                    "author_name": author_name,
                    "text": text,
                    "media_type": media_type,
                },
            )
            ticket = await _ticket(conn, "id = ?", ticket_id)
            assert ticket is not None
            await enqueue(conn, deliver(ticket), now)
            return True

    async def edit_text(
        self, ticket_id: int, text: str, *, actor_id: int, deliver: Deliver = _nothing
    ) -> Ticket | None:
        """Replace the post's text after the resident edited it; None if unchanged."""
        async with self._db.transaction() as conn:
            before = await _ticket(conn, "id = ?", ticket_id)
            if before is None or before.text == text:
                return None
            now = self._clock()
            await conn.execute(
                "UPDATE tickets SET text = ?, updated_at = ? WHERE id = ?",
                (text, to_db_time(now), ticket_id),
            )
            await _event(conn, ticket_id, now, actor_id, "edited", {"previous": before.text})
            ticket = await _ticket(conn, "id = ?", ticket_id)
            assert ticket is not None
            await enqueue(conn, deliver(ticket), now)
            return ticket

    async def set_meta(self, key: str, value: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    async def get_meta(self, key: str) -> str | None:
        async with self._db.read() as conn:
            async with conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
                row = await cur.fetchone()
        return row[0] if row else None


async def _ticket(conn: aiosqlite.Connection, where: str, *args: Any) -> Ticket | None:
    # `where` is always a literal from this module; values are bound parameters.
    async with conn.execute(f"SELECT * FROM tickets WHERE {where}", args) as cur:  # noqa: S608
        row = await cur.fetchone()
    return Ticket.from_row(row) if row else None


async def _link(
    conn: aiosqlite.Connection, chat_id: int, message_id: int, ticket_id: int, role: str
) -> None:
    await conn.execute(
        "INSERT OR IGNORE INTO ticket_messages (chat_id, message_id, ticket_id, role)"
        " VALUES (?, ?, ?, ?)",
        (chat_id, message_id, ticket_id, role),
    )


async def _event(
    conn: aiosqlite.Connection,
    ticket_id: int,
    at: datetime,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any],
) -> None:
    await conn.execute(
        "INSERT INTO events (ticket_id, at, actor_id, kind, payload) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, to_db_time(at), actor_id, kind, json.dumps(payload, ensure_ascii=False)),
    )


def _maybe_time(moment: datetime | None) -> str | None:
    return to_db_time(moment) if moment else None
