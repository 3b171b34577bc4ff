"""Tickets: creation with per-chat codes, follow-ups, edits, and their audit log.

Every change is one transaction that writes the ticket, its event and the
outgoing messages the change needs (see :mod:`storage.outbox`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from storage.changes import ChangeArgs, Outcome, apply_change, policy_state
from storage.db import Database, mark_queued
from storage.models import (
    Answer,
    Draft,
    Event,
    Outgoing,
    Priority,
    Resolution,
    Ticket,
    to_db_time,
)
from storage.outbox import Clock, enqueue, enqueue_now
from storage.records import (
    EVENT,
    LINK,
    AnswerDraft,
    add_event,
    event_values,
    link,
    linked,
    maybe_time,
    read_ticket,
)
from storage.rules import STAFF, Change, Role, State

Deliver = Callable[[Ticket], Iterable[Outgoing]]
# What a change sends, given the changed ticket and the answer it recorded, if any.
DeliverChange = Callable[[Ticket, "Answer | None"], Iterable[Outgoing]]


def _nothing(_: Ticket) -> Iterable[Outgoing]:
    return ()


@dataclass(frozen=True, slots=True)
class Created:
    ticket: Ticket
    created: bool  # False: this post already had its ticket (a re-delivered update)


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """What a card shows beyond the ticket row itself."""

    last_followup: dict[str, Any] | None = None
    answers: int = 0
    last_answer: Answer | None = None
    notes: int = 0
    last_note: Answer | None = None
    delete_error: str | None = None  # the spam post could not be removed
    post_deleted: bool = False
    banned: bool = False
    ban_error: str | None = None
    solved: bool | None = None  # the author's latest "was it solved?" answer
    extended: dict[str, Any] | None = None  # the latest extension: due, reason


@dataclass(frozen=True, slots=True)
class DeadlineWork:
    remind: list[Ticket]  # first response due soon
    response_overdue: list[Ticket]
    resolve_overdue: list[Ticket]


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
            return await read_ticket(conn, "id = ?", ticket_id)

    async def by_code(self, code: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await read_ticket(conn, "code = ?", code.strip().upper())

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

    async def events(self, ticket_id: int, *, last: int = -1) -> list[Event]:
        """The ticket's audit log in order; only the ``last`` N events if given."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM events WHERE ticket_id = ? ORDER BY id DESC LIMIT ?",
                (ticket_id, last),
            ) as cur:
                rows = await cur.fetchall()
        return [Event.from_row(row) for row in reversed(rows)]

    async def by_author(self, author_id: int, *, limit: int = 20) -> list[Ticket]:
        """A resident's own tickets, newest first."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM tickets WHERE author_id = ? ORDER BY created_at DESC, id DESC"
                " LIMIT ?",
                (author_id, limit),
            ) as cur:
                return [Ticket.from_row(row) for row in await cur.fetchall()]

    async def last_answers(self, ticket_ids: list[int]) -> dict[int, Answer]:
        """The latest public answer of each ticket (notes are never shown to residents)."""
        if not ticket_ids:
            return {}
        marks = ", ".join("?" for _ in ticket_ids)
        async with self._db.read() as conn:
            async with conn.execute(
                f"SELECT * FROM answers WHERE id IN (SELECT MAX(id) FROM answers"  # noqa: S608
                f" WHERE internal = 0 AND ticket_id IN ({marks}) GROUP BY ticket_id)",
                ticket_ids,
            ) as cur:
                return {row["ticket_id"]: Answer.from_row(row) for row in await cur.fetchall()}

    async def deadline_work(self, now: datetime, remind_before: timedelta) -> DeadlineWork:
        """Open tickets the deadline watch must act on now, each only once per deadline."""
        stamp, soon = to_db_time(now), to_db_time(now + remind_before)
        not_done = "NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = ?"
        # An extension sets a new resolution deadline, which gets its own alert.
        since_extended = (
            " AND e.id > COALESCE((SELECT MAX(x.id) FROM events x"
            " WHERE x.ticket_id = t.id AND x.kind = 'extend'), 0)"
        )
        queries = {
            "remind": (
                "t.status != 'closed' AND t.first_response_at IS NULL"
                " AND t.response_due_at > ? AND t.response_due_at <= ?",
                "t.response_due_at",
                (stamp, soon, "reminder_response"),
            ),
            "response": (
                "t.status != 'closed' AND t.first_response_at IS NULL AND t.response_due_at <= ?",
                "t.response_due_at",
                (stamp, "overdue_response"),
            ),
            "resolve": (
                "t.status != 'closed' AND t.resolve_due_at <= ?",
                "t.resolve_due_at",
                (stamp, "overdue_resolve"),
            ),
        }
        found: dict[str, list[Ticket]] = {}
        async with self._db.read() as conn:
            for name, (where, order, args) in queries.items():
                async with conn.execute(
                    f"SELECT t.* FROM tickets t WHERE {where} AND {not_done}"  # noqa: S608
                    f"{since_extended if name == 'resolve' else ''})"
                    f" ORDER BY {order} LIMIT 200",  # by due: the partial indexes serve it
                    args,
                ) as cur:
                    found[name] = [Ticket.from_row(row) for row in await cur.fetchall()]
        return DeadlineWork(found["remind"], found["response"], found["resolve"])

    async def facts(self, ticket_id: int) -> TicketFacts:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT * FROM answers WHERE ticket_id = ? ORDER BY id", (ticket_id,)
            )
            answers = [Answer.from_row(row) for row in rows]
            rows = await conn.execute_fetchall(
                "SELECT kind, payload FROM events WHERE ticket_id = ? AND kind IN"
                " ('followup', 'post_deleted', 'post_delete_failed', 'author_banned', 'ban_failed',"
                " 'rated', 'disputed', 'extend')"
                " ORDER BY id",
                (ticket_id,),
            )
            events = [(kind, json.loads(payload)) for kind, payload in rows]
        public = [a for a in answers if not a.internal]
        notes = [a for a in answers if a.internal]
        latest: dict[str, dict[str, Any]] = {kind: payload for kind, payload in events}
        delete = next(
            (k for k, _ in reversed(events) if k in ("post_deleted", "post_delete_failed")), None
        )
        ban = next((k for k, _ in reversed(events) if k in ("author_banned", "ban_failed")), None)
        rating = next((k for k, _ in reversed(events) if k in ("rated", "disputed")), None)
        return TicketFacts(
            last_followup=latest.get("followup"),
            answers=len(public),
            last_answer=public[-1] if public else None,
            notes=len(notes),
            last_note=notes[-1] if notes else None,
            post_deleted=delete == "post_deleted",
            delete_error=latest["post_delete_failed"].get("error")
            if delete == "post_delete_failed"
            else None,
            banned=ban == "author_banned",
            ban_error=latest["ban_failed"].get("error") if ban == "ban_failed" else None,
            solved=None if rating is None else rating == "rated",
            extended=latest.get("extend"),
        )

    async def state(self, ticket: Ticket) -> State:
        """What the policy looks at for ``ticket`` now (see :mod:`storage.rules`)."""
        async with self._db.read() as conn:
            return await policy_state(conn, ticket)

    async def count_by_status(self) -> dict[str, int]:
        async with self._db.read() as conn:
            async with conn.execute("SELECT status, COUNT(*) FROM tickets GROUP BY status") as cur:
                return {status: count for status, count in await cur.fetchall()}

    # ---- writes ------------------------------------------------------------

    async def create(self, draft: Draft, deliver: Deliver = _nothing) -> Created:
        """Make the ticket for a post, once: a post that has one gets it back.

        Two round trips to the database thread: the ticket, its link and its
        event; then, with what ``deliver`` makes of the new ticket, the outbox
        rows and the commit."""

        def insert(conn: sqlite3.Connection) -> tuple[sqlite3.Row, bool]:
            existing = conn.execute(
                "SELECT * FROM tickets WHERE source_chat_id = ? AND source_message_id = ?",
                (draft.source_chat_id, draft.source_message_id),
            ).fetchone()
            if existing is not None:
                return existing, False
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
                    updated_at, response_due_at, resolve_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING *
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
                    draft.media_group_id,
                    draft.priority.value,
                    to_db_time(draft.created_at),
                    to_db_time(now),
                    maybe_time(draft.response_due_at),
                    maybe_time(draft.resolve_due_at),
                ),
            ).fetchall()
            ticket_id = row["id"]
            conn.execute(LINK, (draft.source_chat_id, draft.source_message_id, ticket_id, "source"))
            conn.execute(EVENT, event_values(ticket_id, now, draft.author_id, "created", {}))
            return row, True

        async with self._db.steps() as steps:
            now = self._clock()
            row, created = await steps.begin(insert)
            ticket = Ticket.from_row(row)
            if not created:
                await steps.abandon()
                return Created(ticket, created=False)
            items = list(deliver(ticket))
            if items:
                mark_queued()
            await steps.commit(lambda conn: enqueue_now(conn, items, now, new_ticket=True))
            return Created(ticket, created=True)

    async def by_album(self, chat_id: int, media_group_id: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await read_ticket(
                conn, "source_chat_id = ? AND media_group_id = ?", chat_id, media_group_id
            )

    async def add_attachment(
        self,
        ticket_id: int,
        *,
        chat_id: int,
        message_id: int,
        text: str,
        media_type: str | None,
        deliver: Deliver = _nothing,
    ) -> bool:
        """Attach one more item of the post's album (Telegram sends each as its own
        message); its caption becomes the ticket's text if the first item had none."""
        async with self._db.transaction() as conn:
            if await linked(conn, chat_id, message_id):
                return False
            now = self._clock()
            before = await read_ticket(conn, "id = ?", ticket_id)
            assert before is not None
            gives_text = not before.text and bool(text)
            await link(conn, chat_id, message_id, ticket_id, "source")
            await conn.execute(
                "UPDATE tickets SET attachments = attachments + 1, updated_at = ?,"
                " text = CASE WHEN ? THEN ? ELSE text END WHERE id = ?",
                (to_db_time(now), gives_text, text, ticket_id),
            )
            await add_event(
                conn,
                ticket_id,
                now,
                None,
                "attachment",
                {"message_id": message_id, "media_type": media_type, "gave_text": gives_text},
            )
            await _deliver(conn, ticket_id, now, deliver)
            return True

    async def text_message_id(self, ticket: Ticket) -> int:
        """The message whose text is the ticket's: the post, or the album item
        that carried the caption."""
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT json_extract(payload, '$.message_id') FROM events"
                " WHERE ticket_id = ? AND kind = 'attachment'"
                " AND json_extract(payload, '$.gave_text') ORDER BY id DESC LIMIT 1",
                (ticket.id,),
            ) as cur:
                row = await cur.fetchone()
        return int(row[0]) if row else ticket.source_message_id

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
        repost_card: bool = False,
        deliver: Deliver = _nothing,
    ) -> bool:
        """Attach a resident's reply to a ticket; False if it was attached already.

        ``repost_card``: the card is posted anew at the bottom of the staff chat
        (a follow-up on a closed ticket would go unseen on a card far up)."""
        async with self._db.transaction() as conn:
            if await linked(conn, chat_id, message_id):
                return False
            now = self._clock()
            await link(conn, chat_id, message_id, ticket_id, "followup")
            await conn.execute(
                "UPDATE tickets SET followups = followups + 1, updated_at = ?,"
                " card_message_id = CASE WHEN ? THEN NULL ELSE card_message_id END WHERE id = ?",
                (to_db_time(now), repost_card, ticket_id),
            )
            await add_event(
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
            await _deliver(conn, ticket_id, now, deliver)
            return True

    async def edit_text(
        self, ticket_id: int, text: str, *, actor_id: int, deliver: Deliver = _nothing
    ) -> Ticket | None:
        """Replace the post's text after the resident edited it; None if unchanged."""
        async with self._db.transaction() as conn:
            before = await read_ticket(conn, "id = ?", ticket_id)
            if before is None or before.text == text:
                return None
            now = self._clock()
            await conn.execute(
                "UPDATE tickets SET text = ?, updated_at = ? WHERE id = ?",
                (text, to_db_time(now), ticket_id),
            )
            await add_event(conn, ticket_id, now, actor_id, "edited", {"previous": before.text})
            return await _deliver(conn, ticket_id, now, deliver)

    async def apply(
        self,
        ticket_id: int,
        change: Change,
        *,
        actor_id: int,
        roles: Collection[Role] = STAFF,
        assignee_id: int | None = None,
        resolution: Resolution | None = None,
        answer: AnswerDraft | None = None,
        due: datetime | None = None,
        reason: str | None = None,
        priority: Priority | None = None,
        closing: int | None = None,
        deliver: DeliverChange | None = None,
    ) -> Outcome | None:
        """Make one change to a ticket if the policy allows it now.

        The state is read, checked against :mod:`storage.rules`, changed and
        audited in one transaction, together with what the change sends. ``roles``
        are the actor's on the desk (the caller knows who is staff); the author's
        role is found here. None: no such ticket.
        """
        args = ChangeArgs(assignee_id, resolution, answer, due, reason, priority, closing)
        async with self._db.transaction() as conn:
            now = self._clock()
            outcome = await apply_change(conn, ticket_id, change, actor_id, roles, args, now)
            if outcome is not None and outcome.done and deliver is not None:
                await enqueue(conn, deliver(outcome.ticket, outcome.answer), now)
            return outcome

    async def note_event(
        self,
        ticket_id: int,
        kind: str,
        payload: dict[str, Any],
        *,
        actor_id: int | None,
        deliver: Deliver = _nothing,
    ) -> Ticket | None:
        """Record something that happened to a ticket without changing its state
        (a spam post deleted or not, an author banned)."""
        async with self._db.transaction() as conn:
            ticket = await read_ticket(conn, "id = ?", ticket_id)
            if ticket is None:
                return None
            now = self._clock()
            await add_event(conn, ticket_id, now, actor_id, kind, payload)
            await enqueue(conn, deliver(ticket), now)
            return ticket

    async def detach_card(
        self, ticket_id: int, *, actor_id: int, deliver: Deliver
    ) -> Ticket | None:
        """Forget the card message so the next card delivery posts a new one."""
        async with self._db.transaction() as conn:
            ticket = await read_ticket(conn, "id = ?", ticket_id)
            if ticket is None:
                return None
            now = self._clock()
            await conn.execute(
                "UPDATE tickets SET card_message_id = NULL, card_digest = NULL WHERE id = ?",
                (ticket_id,),
            )
            await add_event(
                conn, ticket_id, now, actor_id, "card_reposted", {"old": ticket.card_message_id}
            )
            return await _deliver(conn, ticket_id, now, deliver)

    async def adopt(
        self, chat_id: int, message_id: int, code: str, *, chat_key: str, role: str
    ) -> MessageLink | None:
        """Link a message of the bot's that was sent but never recorded (the process
        died between Telegram's answer and the record) to the ticket it names."""
        async with self._db.transaction() as conn:
            ticket = await read_ticket(conn, "code = ? AND chat_key = ?", code, chat_key)
            if ticket is None:
                return None
            await link(conn, chat_id, message_id, ticket.id, role)
            return MessageLink(ticket, role)

    async def link_message(self, chat_id: int, message_id: int, ticket_id: int, role: str) -> None:
        async with self._db.transaction() as conn:
            await link(conn, chat_id, message_id, ticket_id, role)

    async def answers(self, ticket_id: int) -> list[Answer]:
        async with self._db.read() as conn:
            async with conn.execute(
                "SELECT * FROM answers WHERE ticket_id = ? ORDER BY id", (ticket_id,)
            ) as cur:
                return [Answer.from_row(row) for row in await cur.fetchall()]


async def _deliver(
    conn: aiosqlite.Connection, ticket_id: int, now: datetime, deliver: Deliver
) -> Ticket:
    """The changed ticket, after queueing what the change sends (same transaction)."""
    ticket = await read_ticket(conn, "id = ?", ticket_id)
    assert ticket is not None
    await enqueue(conn, deliver(ticket), now)
    return ticket
