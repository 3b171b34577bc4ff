"""Tickets: creation with per-chat codes, follow-ups, edits, and their audit log.

Every change is one transaction that writes the ticket, its event and the
outgoing messages the change needs (see :mod:`storage.outbox`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from storage.changes import ChangeArgs, Outcome, apply_change
from storage.db import mark_queued
from storage.models import (
    Answer,
    Draft,
    Outgoing,
    Priority,
    Resolution,
    Ticket,
    from_db_time,
    to_db_time,
)
from storage.new_tickets import insert_ticket
from storage.outbox import enqueue, enqueue_now
from storage.problem_changes import ProblemBrief
from storage.reads import MessageLink, TicketReads
from storage.records import (
    AnswerDraft,
    add_event,
    link,
    linked,
    read_ticket,
)
from storage.reread import Reread, reread_fields
from storage.rules import STAFF, Change, Role

Deliver = Callable[[Ticket], Iterable[Outgoing]]
# What a change sends, given the changed ticket and the answer it recorded, if any.
DeliverChange = Callable[[Ticket, "Answer | None"], Iterable[Outgoing]]


def _nothing(_: Ticket) -> Iterable[Outgoing]:
    return ()


# What a new appeal that joined a problem at once sends (its acknowledgement names it).
DeliverAttached = Callable[[Ticket, ProblemBrief], Iterable[Outgoing]]


@dataclass(frozen=True, slots=True)
class Created:
    ticket: Ticket
    created: bool  # False: this post already had its ticket (a re-delivered update)
    problem: ProblemBrief | None = None  # the problem it joined at once, if it did


class TicketRepository(TicketReads):
    """Tickets and everything that changes them (the reads: :class:`TicketReads`)."""

    # ---- writes ------------------------------------------------------------

    async def create(
        self,
        draft: Draft,
        deliver: Deliver = _nothing,
        *,
        attached: DeliverAttached | None = None,
    ) -> Created:
        """Make the ticket for a post, once: a post that has one gets it back.

        Two round trips to the database thread: the ticket, its link and its
        event (and, with ``draft.problem_id``, its joining that problem); then,
        with what ``deliver`` (or ``attached``, if it joined one) makes of the
        new ticket, the outbox rows and the commit."""

        async with self._db.steps() as steps:
            now = self._clock()
            row, created, brief = await steps.begin(lambda conn: insert_ticket(conn, draft, now))
            ticket = Ticket.from_row(row)
            if not created:
                await steps.abandon()
                return Created(ticket, created=False)
            if brief is not None and attached is not None:
                items = list(attached(ticket, brief))
            else:
                items = list(deliver(ticket))
            if items:
                mark_queued()
            await steps.commit(lambda conn: enqueue_now(conn, items, now, new_ticket=True))
            return Created(ticket, created=True, problem=brief)

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
        quiet: timedelta = timedelta(0),
        deliver: Deliver = _nothing,
    ) -> bool:
        """Attach a resident's reply to a ticket; False if it was attached already.

        ``repost_card``: the card is posted anew at the bottom of the staff chat (a
        follow-up on a closed ticket would go unseen on a card far up), unless it was
        re-posted less than ``quiet`` ago: then the card there is only refreshed, so a
        flood of replies moves it once."""
        async with self._db.transaction() as conn:
            if await linked(conn, chat_id, message_id):
                return False
            now = self._clock()
            old_card = None
            if repost_card and not await _reposted_since(conn, ticket_id, now - quiet):
                ticket = await read_ticket(conn, "id = ?", ticket_id)
                old_card = ticket.card_message_id if ticket is not None else None
                await conn.execute(
                    "UPDATE tickets SET card_message_id = NULL, card_digest = NULL WHERE id = ?",
                    (ticket_id,),
                )
                reposted = {"old": old_card, "why": "followup"}
                await add_event(conn, ticket_id, now, None, "card_reposted", reposted)
            await link(conn, chat_id, message_id, ticket_id, "followup")
            await conn.execute(
                "UPDATE tickets SET followups = followups + 1, updated_at = ? WHERE id = ?",
                (to_db_time(now), ticket_id),
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
        self,
        ticket_id: int,
        text: str,
        *,
        actor_id: int,
        reread: Reread | None = None,
        deliver: Deliver = _nothing,
        alert: Deliver = _nothing,
    ) -> Ticket | None:
        """Replace the post's text after the resident edited it; None if unchanged.
        What the desk reads in the new text (``reread``) follows, except what
        staff decided themselves; urgency is only ever raised by an edit, and
        ``alert`` is queued when it is."""
        async with self._db.transaction() as conn:
            before = await read_ticket(conn, "id = ?", ticket_id)
            if before is None or before.text == text:
                return None
            now = self._clock()
            fields = {"text": text, "updated_at": to_db_time(now)}
            if reread is not None:
                fields |= await reread_fields(conn, before, reread)
            sets = ", ".join(f"{name} = ?" for name in fields)
            await conn.execute(
                f"UPDATE tickets SET {sets} WHERE id = ?",  # noqa: S608 (names are ours)
                (*fields.values(), ticket_id),
            )
            changed = {k: v for k, v in fields.items() if k not in ("text", "updated_at")}
            payload = {"previous": before.text} | ({"reread": changed} if changed else {})
            await add_event(conn, ticket_id, now, actor_id, "edited", payload)
            raised = fields.get("priority") == Priority.urgent.value
            return await _deliver(
                conn, ticket_id, now, lambda t: [*deliver(t), *(alert(t) if raised else [])]
            )

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
        **reading: str | None,
    ) -> Outcome | None:
        """Make one change to a ticket if the policy allows it now.

        The state is read, checked against :mod:`storage.rules`, changed and
        audited in one transaction, together with what the change sends. ``roles``
        are the actor's on the desk (the caller knows who is staff); the author's
        role is found here. None: no such ticket. ``reading``: a moderator's
        category, address and address key (see :class:`storage.changes.ChangeArgs`).
        """
        args = ChangeArgs(
            assignee_id, resolution, answer, due, reason, priority, closing, **reading
        )
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


async def _deliver(
    conn: aiosqlite.Connection, ticket_id: int, now: datetime, deliver: Deliver
) -> Ticket:
    """The changed ticket, after queueing what the change sends (same transaction)."""
    ticket = await read_ticket(conn, "id = ?", ticket_id)
    assert ticket is not None
    await enqueue(conn, deliver(ticket), now)
    return ticket


async def _reposted_since(conn: aiosqlite.Connection, ticket_id: int, since: datetime) -> bool:
    """Whether the ticket's card was posted anew at or after ``since``."""
    rows = await conn.execute_fetchall(
        "SELECT at FROM events WHERE ticket_id = ? AND kind = 'card_reposted'"
        " ORDER BY id DESC LIMIT 1",
        (ticket_id,),
    )
    return bool(rows) and from_db_time(rows[0][0]) >= since
