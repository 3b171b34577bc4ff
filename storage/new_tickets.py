"""A new ticket from a post: its row, its link and its first events, and the
problem it joins at intake, in the caller's write transaction."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from storage.models import Draft, to_db_time
from storage.problem_changes import ProblemBrief, join_at_intake
from storage.records import EVENT, LINK, event_values, maybe_time


def insert_ticket(
    conn: sqlite3.Connection, draft: Draft, now: datetime
) -> tuple[sqlite3.Row, bool, ProblemBrief | None]:
    """The ticket, its link and its event, unless the post has one: (row, created,
    the problem it joined)."""
    existing = conn.execute(
        "SELECT * FROM tickets WHERE source_chat_id = ? AND source_message_id = ?",
        (draft.source_chat_id, draft.source_message_id),
    ).fetchone()
    if existing is not None:
        return existing, False, None
    [(number,)] = conn.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE chat_key = ?",
        (draft.chat_key,),
    ).fetchall()
    # RETURNING: the stored row (defaults included) without reading it again.
    [row] = conn.execute(
        """
        INSERT INTO tickets (code, chat_key, number, source_chat_id, source_message_id,
            source_thread_id, author_id, author_name, author_username, author_language,
            text, media_type, media_file_id, media_group_id, priority, created_at,
            updated_at, response_due_at, resolve_due_at, category, address, address_key,
            lat, lon, urgency_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        RETURNING *
        """,
        _values(draft, number, now),
    ).fetchall()
    ticket_id = row["id"]
    conn.execute(LINK, (draft.source_chat_id, draft.source_message_id, ticket_id, "source"))
    conn.execute(EVENT, event_values(ticket_id, now, draft.author_id, "created", {}))
    if draft.spam_signs:
        conn.execute(
            "INSERT INTO spam_signs (ticket_id, reasons, probability) VALUES (?, ?, ?)",
            (ticket_id, json.dumps(list(draft.spam_signs)), draft.spam_probability),
        )
    if draft.suggestion:
        suggested = {"problem_id": draft.suggestion[0]} if draft.suggestion[0] else {}
        suggested["tickets"] = list(draft.suggestion[1:])
        conn.execute(EVENT, event_values(ticket_id, now, None, "problem_suggested", suggested))
    brief = None
    if draft.problem_id is not None:
        brief = join_at_intake(conn, draft.problem_id, ticket_id, row["code"], now)
        if brief is not None:
            row = conn.execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    return row, True, brief


def _values(draft: Draft, number: int, now: datetime) -> tuple[object, ...]:
    """The new ticket row's values, in the INSERT's column order."""
    return (
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
        draft.media_group_id,
        draft.priority.value,
        to_db_time(draft.created_at),
        to_db_time(now),
        maybe_time(draft.response_due_at),
        maybe_time(draft.resolve_due_at),
        draft.category,
        draft.address,
        draft.address_key,
        draft.lat,
        draft.lon,
        draft.urgency_reason,
    )
