"""Rows of a ticket's own tables, inside the caller's transaction: the ticket,
its messages, its audit events and its answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.models import Answer, Ticket, to_db_time


@dataclass(frozen=True, slots=True)
class AnswerDraft:
    author_id: int
    text: str
    media_type: str | None = None
    media_file_id: str | None = None


async def read_ticket(conn: aiosqlite.Connection, where: str, *args: Any) -> Ticket | None:
    # `where` is always a literal from the storage package; values are bound parameters.
    # One call into the database thread, not three (execute, fetch, close): tickets
    # are read several times per post, and each call costs more than the query.
    rows = await conn.execute_fetchall(f"SELECT * FROM tickets WHERE {where}", args)  # noqa: S608
    return Ticket.from_row(rows[0]) if rows else None


LINK = (
    "INSERT OR IGNORE INTO ticket_messages (chat_id, message_id, ticket_id, role)"
    " VALUES (?, ?, ?, ?)"
)
EVENT = "INSERT INTO events (ticket_id, at, actor_id, kind, payload) VALUES (?, ?, ?, ?, ?)"


async def linked(conn: aiosqlite.Connection, chat_id: int, message_id: int) -> bool:
    """Whether a message already belongs to a ticket (a re-delivered update)."""
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM ticket_messages WHERE chat_id = ? AND message_id = ?",
        (chat_id, message_id),
    )
    return bool(rows)


async def link(
    conn: aiosqlite.Connection, chat_id: int, message_id: int, ticket_id: int, role: str
) -> None:
    await conn.execute(LINK, (chat_id, message_id, ticket_id, role))


async def add_event(
    conn: aiosqlite.Connection,
    ticket_id: int,
    at: datetime,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any],
) -> None:
    await conn.execute(EVENT, event_values(ticket_id, at, actor_id, kind, payload))


def event_values(
    ticket_id: int, at: datetime, actor_id: int | None, kind: str, payload: dict[str, Any]
) -> tuple[Any, ...]:
    return (ticket_id, to_db_time(at), actor_id, kind, json.dumps(payload, ensure_ascii=False))


async def insert_answer(
    conn: aiosqlite.Connection, ticket_id: int, answer: AnswerDraft, at: datetime, internal: bool
) -> Answer:
    cursor = await conn.execute(
        "INSERT INTO answers (ticket_id, author_id, text, media_type, media_file_id, internal,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            ticket_id,
            answer.author_id,
            answer.text,
            answer.media_type,
            answer.media_file_id,
            int(internal),
            to_db_time(at),
        ),
    )
    assert cursor.lastrowid is not None
    return Answer(
        cursor.lastrowid,
        ticket_id,
        answer.author_id,
        answer.text,
        answer.media_type,
        answer.media_file_id,
        internal,
        at,
    )


def maybe_time(moment: datetime | None) -> str | None:
    return to_db_time(moment) if moment else None
